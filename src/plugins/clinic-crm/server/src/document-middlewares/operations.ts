import type { Core } from '@strapi/strapi';
import { getService, UID } from '../utils';

type Ctx = { uid: string; action: string; params: Record<string, any> };
type Next = () => Promise<any>;

/** Equipment dates, drill dates, photo purposes and consent withdrawal, on every write path. */
export const operationsMiddleware = (strapi: Core.Strapi) => async (ctx: Ctx, next: Next) => {
  const ops = () => getService(strapi, 'operations');
  const write = ctx.action === 'create' || ctx.action === 'update';
  const current = async (uid: string, populate?: any) =>
    ctx.action === 'update' && ctx.params.documentId ? strapi.db.query(uid as any).findOne({ where: { documentId: ctx.params.documentId }, populate }) : undefined;

  if (ctx.uid === UID.equipment && write) {
    ctx.params = { ...ctx.params, data: ops().equipmentData(ctx.params.data ?? {}, await current(UID.equipment)) };
    return next();
  }
  if (ctx.uid === UID.equipmentLog && ctx.action === 'create') {
    return strapi.db.transaction(async () => {
      const log = await next();
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
      const result = await next();
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
      if (before?.photoConsentMarketing && ctx.params.data.photoConsentMarketing === false) await ops().photoConsentWithdrawn(before.id, 'marketing');
      if (before?.photoConsentTraining && ctx.params.data.photoConsentTraining === false) await ops().photoConsentWithdrawn(before.id, 'training');
      return result;
    });
  }
  return next();
};
