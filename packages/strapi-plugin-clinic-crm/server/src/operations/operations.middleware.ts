import type { Core } from '@strapi/strapi';
import { getService, relationRef, UID } from '../core/plugin';
import { requestLanguage, say } from '../core/http/language';
import { forbiddenField, requireSessionStaff } from '../core/http/session';

import type { WriteData } from './types';

type Params = { data?: WriteData; documentId?: string; [key: string]: unknown };
type Ctx = { uid: string; action: string; params: Params };
type Written = { id: number; documentId?: string; [key: string]: unknown } | null | undefined;
type Next = () => Promise<unknown>;
type RelationWrite = { disconnect?: unknown[]; set?: unknown };
type Ref = { id: number; documentId: string };

const SAY = {
  uploadedBy: {
    'zh-Hant': '上傳者是登入的員工本人，不能以他人名義上傳照片。',
    'zh-Hans': '上传者是登录的员工本人，不能以他人名义上传照片。',
    en: 'The uploader is the signed-in staff member: a photo cannot be uploaded in someone else’s name.',
  },
  performedBy: {
    'zh-Hant': '執行人是登入的員工本人，不能以他人名義登錄保養紀錄。',
    'zh-Hans': '执行人是登录的员工本人，不能以他人名义登记保养记录。',
    en: 'The person who performed it is the signed-in staff member: a log cannot be recorded in someone else’s name.',
  },
  fixed: {
    'zh-Hant': '紀錄上的人員不能更改。',
    'zh-Hans': '记录上的人员不能更改。',
    en: 'The person a record names cannot be changed.',
  },
};

/**
 * The person a record names (photo uploader, maintenance performer) is the signed-in staff member,
 * on every write path that has a request: set from the session on create; a body naming anyone else
 * is a 403 naming the field (naming oneself is fine); on update it cannot be changed. Without a
 * request (seed, system jobs, scripts) the data is left as given.
 */
const bindActor = async (strapi: Core.Strapi, ctx: Ctx, field: 'uploadedBy' | 'performedBy') => {
  const request = strapi.requestContext?.get?.();
  if (!request) return;
  const data = ctx.params.data ?? {};
  const named = data[field];
  const ref = relationRef(named);
  if (ctx.action === 'update') {
    if (named === undefined) return;
    const row: Record<string, Ref | null> | null = await strapi.db.query(ctx.uid).findOne({ where: { documentId: ctx.params.documentId }, populate: { [field]: { select: ['id', 'documentId'] } } });
    const was = row?.[field] ?? null;
    const rel = named && typeof named === 'object' && !Array.isArray(named) ? (named as RelationWrite) : null;
    const removes = named === null || (Array.isArray(named) && named.length === 0) || (!ref && ((rel?.disconnect?.length ?? 0) > 0 || (Array.isArray(rel?.set) && rel.set.length === 0)));
    const changes = ref ? !was || (ref.documentId ? ref.documentId !== was.documentId : ref.id !== was.id) : removes && was !== null;
    if (changes) throw forbiddenField(field, say(requestLanguage(strapi), SAY.fixed));
    return;
  }
  const me = await requireSessionStaff(strapi, request, field);
  if (ref && (ref.documentId ? ref.documentId !== me.documentId : ref.id !== me.id)) throw forbiddenField(field, say(requestLanguage(strapi), SAY[field]));
  ctx.params = { ...ctx.params, data: { ...data, [field]: me.documentId } };
};

/** Equipment dates, drill dates, photo purposes, consent withdrawal and who uploaded / performed, on every write path. */
export const operationsMiddleware = (strapi: Core.Strapi) => async (ctx: Ctx, next: Next) => {
  const ops = () => getService(strapi, 'operations');
  const write = ctx.action === 'create' || ctx.action === 'update';
  const current = async (uid: string, populate?: Record<string, unknown>): Promise<(WriteData & { id: number; treatmentRecord?: { id: number } | null }) | undefined> =>
    ctx.action === 'update' && ctx.params.documentId ? strapi.db.query(uid).findOne({ where: { documentId: ctx.params.documentId }, populate }) : undefined;

  if (ctx.uid === UID.equipment && write) {
    ctx.params = { ...ctx.params, data: ops().equipmentData(ctx.params.data ?? {}, await current(UID.equipment)) };
    return next();
  }
  if (ctx.uid === UID.equipmentLog && ['create', 'update', 'clone'].includes(ctx.action)) await bindActor(strapi, ctx, 'performedBy');
  if (ctx.uid === UID.clinicalPhoto && ['create', 'update', 'clone'].includes(ctx.action)) await bindActor(strapi, ctx, 'uploadedBy');

  if (ctx.uid === UID.equipmentLog && ctx.action === 'create') {
    return strapi.db.transaction(async () => {
      const log = (await next()) as Written;
      await ops().afterEquipmentLog(log);
      return log;
    });
  }
  if (ctx.uid === UID.emergencyPlan && write) {
    ctx.params = { ...ctx.params, data: ops().planData(ctx.params.data ?? {}, await current(UID.emergencyPlan)) };
    return next();
  }
  if (ctx.uid === UID.drillRecord && (write || ctx.action === 'delete')) {
    const before = ctx.params.documentId ? await strapi.db.query(UID.drillRecord).findOne({ where: { documentId: ctx.params.documentId }, populate: { plan: { select: ['id'] } } }) : null;
    return strapi.db.transaction(async () => {
      const result = (await next()) as Written;
      const docId = result?.documentId ?? ctx.params.documentId;
      const after = docId ? await strapi.db.query(UID.drillRecord).findOne({ where: { documentId: docId }, populate: { plan: { select: ['id'] } } }) : null;
      await ops().refreshPlan(after?.plan?.id);
      if (before?.plan?.id && before.plan.id !== after?.plan?.id) await ops().refreshPlan(before.plan.id);
      return result;
    });
  }
  if (ctx.uid === UID.clinicalPhoto && write) {
    await ops().assertPhotoPurposes(ctx.params.data ?? {}, await current(UID.clinicalPhoto, { treatmentRecord: { select: ['id'] } }));
    return next();
  }
  if (ctx.uid === UID.treatmentRecord && write && ctx.params.data?.equipment !== undefined) {
    const data = ctx.params.data;
    const performedAt = data.performedAt ?? (await current(UID.treatmentRecord))?.performedAt;
    ctx.params = { ...ctx.params, data: { ...data, equipmentWarnings: await ops().equipmentWarnings(data.equipment, performedAt) } };
    return next();
  }
  if (ctx.uid === UID.client && ctx.action === 'update' && (ctx.params.data?.photoConsentMarketing === false || ctx.params.data?.photoConsentTraining === false)) {
    const before = await current(UID.client);
    return strapi.db.transaction(async () => {
      const result = await next();
      if (before?.photoConsentMarketing && ctx.params.data?.photoConsentMarketing === false) await ops().photoConsentWithdrawn(before.id, 'marketing');
      if (before?.photoConsentTraining && ctx.params.data?.photoConsentTraining === false) await ops().photoConsentWithdrawn(before.id, 'training');
      return result;
    });
  }
  return next();
};
