import { randomBytes } from 'crypto';
import type { Core } from '@strapi/strapi';
import { sanitize } from '@strapi/utils';
import { localDate } from '../core/time/time';
import { UID, currentActor, getService } from '../core/plugin';
import { complaintContext } from './complaint-context';
import { complaintTransitions } from './complaint-transitions';
import { complaintSla } from './complaint-sla';
import { routingRules } from './routing-rule.repository';
import { complaintIntakeRows } from './complaint-intake.repository';
import { complaintRouting, type RoutingRule } from './complaint-routing';
import type { IntakeInput } from './complaint-intake.schema';
import type { ComplaintRow } from './types';

/** What a new complaint's creator receives back (the document service's answer). */
export interface CreatedComplaint {
  documentId: string;
  referenceNumber: string;
  receivedAt: string | Date;
}

/**
 * Complaints: intake from any channel, routing by editable rules, SLA clocks in business time
 * (complaint-sla.ts), validated workflow with a timeline, escalation and satisfaction follow-up
 * (complaint-transitions.ts). Analytics live in analytics.service.ts.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const x = complaintContext(strapi);
  const { cfg, calendar, rows, events } = x;
  const rulesRepo = routingRules(strapi);
  const intakeRows = complaintIntakeRows(strapi);
  const routing = complaintRouting(x, () => intake.rules());

  const intake = {
    calendar,

    newReferenceNumber(at = new Date()) {
      return `CMP-${localDate(at, cfg().timeZone).replace(/-/g, '')}-${randomBytes(4).toString('hex').toUpperCase()}`;
    },

    /** Creates the default routing rules when there are none (first boot). */
    async ensureDefaultRules() {
      if ((await rulesRepo.count()) > 0) {
        const upgraded = await rulesRepo.upgradeUntouchedDefaults();
        if (upgraded > 0) {
          x.lookups.forget(); // written by the repository, not the document service: drop this instance's copy too
          strapi.log.info(`[clinic-crm] routing rules: ${upgraded} untouched emergency rules now run round the clock and page the on-call doctor`);
        }
        return 0;
      }
      const seeded = await rulesRepo.seedDefaults();
      x.lookups.forget();
      return seeded;
    },

    /** The routing rules (this instance's copy, dropped on every rule edit: routing-lookups.ts). */
    async rules(): Promise<RoutingRule[]> {
      return x.lookups.get('rules', async () => {
        const all = await rulesRepo.all();
        return all.map((r) => ({ ...r, firstResponseHours: Number(r.firstResponseHours), resolutionHours: Number(r.resolutionHours), warningHours: Number(r.warningHours ?? 2) }));
      });
    },

    /** Drops the cached routing rules and staff lists (a rule or a staff member was written). */
    forgetRoutingLookups: () => x.lookups.forget(),

    /**
     * Routing, called once for each new complaint (in its transaction): rule → department, assignee
     * (least open load), SLA deadlines in business time, a timeline entry, the assignment email and,
     * for urgent medical complaints, an immediate alert to every doctor. `known`: the complaint as
     * just created, when its creator holds every field routing reads (no relation set), else it is loaded.
     */
    async route(documentId: string, actor: string, known?: ComplaintRow) {
      const c = known ?? (await rows.load(documentId));
      if (!c || c.routingRule) return c;
      const d = await routing.decide(c);
      const { department, firstResponseDueAt, resolutionDueAt } = d;
      await rows.setRouting(c.id, { department, firstResponseDueAt, resolutionDueAt, pausedMinutes: 0 }, { assignee: d.assigneeChosen ? (d.assignee?.id ?? null) : null, routingRule: d.rule.id });
      const routed: ComplaintRow = { ...c, department, firstResponseDueAt, resolutionDueAt };
      await events.append(c.id, 'routed', actor, { note: d.note });
      await routing.announce(routed, d);
      return routed;
    },

    /** The "received" entry of a new complaint's timeline (the complaint middleware, in the creating transaction). */
    async recordReceived(documentId: string, channel: unknown, actor: string, knownId?: number) {
      const id = knownId ?? (await rows.idOf(documentId));
      if (id !== null) await events.append(id, 'received', actor, { toStatus: 'received', note: `channel: ${channel}` });
    },

    /** A complaint with its assignee, rule, client and treatment record (the workflow's view). */
    load: (documentId: string) => rows.load(documentId),

    /** The current status (to word a refused transition for the person who asked). */
    statusOf: (documentId: string) => rows.statusOf(documentId),

    /**
     * The public form's complaint (already validated), in one transaction: the row numbered and
     * routed as it is written (the same routing decision and announcements as every complaint: rule,
     * assignee, deadlines, e-mails, page — complaint-routing.ts), its "received" and "routed"
     * entries in one INSERT, and the audit event sealed in the evidence ledger: what the document
     * service and its middlewares do for a staff-entered complaint, without their extra reads and
     * updates (complaint-intake.repository.ts says why). The answer's reference is the committed one.
     */
    async intake(input: IntakeInput): Promise<CreatedComplaint> {
      const description = [input.description, input.treatmentName ? `療程 / treatment: ${input.treatmentName}` : null, input.treatmentDate ? `日期 / date: ${input.treatmentDate}` : null]
        .filter(Boolean)
        .join('\n');
      const given = { contactName: input.name, contactPhone: input.phone, contactEmail: input.email, channel: 'website' as const, category: input.category, severity: 'medium', description };
      return strapi.db.transaction(async ({ onCommit }) => {
        let referenceNumber = intake.newReferenceNumber();
        while (await intakeRows.referenceTaken(referenceNumber)) referenceNumber = intake.newReferenceNumber();
        const row = { ...given, referenceNumber, receivedAt: new Date().toISOString(), workflowStatus: 'received' as const };
        // routed before it is written: the row, its routing and its links in one INSERT per table, no read-back
        const d = await routing.decide({ ...row, assignee: null });
        const routingFields = { department: d.department, firstResponseDueAt: d.firstResponseDueAt, resolutionDueAt: d.resolutionDueAt };
        const created = await intakeRows.create({ ...row, ...routingFields }, { assignee: d.assignee?.id ?? null, routingRule: d.rule.id });
        const actor = currentActor(strapi);
        await events.appendMany(created.id, actor, [
          { type: 'received', toStatus: 'received', note: `channel: ${row.channel}` },
          { type: 'routed', note: d.note },
        ]);
        const complaint = { ...row, ...created, ...routingFields, assignee: d.assignee, client: null, treatmentRecord: null } as unknown as ComplaintRow;
        await routing.announce(complaint, d);
        // the audit middleware's event for a create: the fields the caller gave, never their values
        const fields = Object.keys(given).filter((k) => given[k as keyof typeof given] !== undefined).sort();
        await getService(strapi, 'audit').record({ action: 'create', targetType: UID.complaint, targetDocumentId: created.documentId, targetLabel: referenceNumber, locale: null, fields });
        // the document service's event after a create (Strapi's webhooks), without its re-read; sanitized as
        // the document service does it, so the private contact fields and description never leave in an event
        onCommit(async () => {
          const model = strapi.getModel(UID.complaint);
          const entry = await sanitize.sanitizers.defaultSanitizeOutput({ schema: model, getModel: (uid) => strapi.getModel(uid as typeof UID.complaint) }, { ...row, ...routingFields, ...created });
          await strapi.eventHub.emit('entry.create', { model: model.modelName, uid: UID.complaint, entry });
        });
        return { documentId: created.documentId, referenceNumber, receivedAt: row.receivedAt };
      });
    },

    /** Intake used by other features: a follow-up that finds a complication opens a medical complaint. */
    async openFromFollowUp(input: { task: { step: string }; recordDocumentId: string; notes: string; actor: string }) {
      const record = (await strapi.documents(UID.treatmentRecord).findOne({
        documentId: input.recordDocumentId,
        populate: { client: { fields: ['fullName', 'preferredName', 'phone', 'email'] } },
      } as Parameters<ReturnType<typeof strapi.documents>['findOne']>[0])) as { client?: { documentId?: string; fullName?: string; phone?: string | null; email?: string | null } | null } | null;
      const created = await strapi.documents(UID.complaint).create({
        data: {
          client: record?.client?.documentId ?? null,
          contactName: record?.client?.fullName ?? '—',
          contactPhone: record?.client?.phone ?? null,
          contactEmail: record?.client?.email ?? null,
          channel: 'follow_up_call',
          category: 'side_effect',
          severity: 'high',
          description: input.notes || `Complication reported at follow-up ${input.task.step}`,
          treatmentRecord: input.recordDocumentId,
        },
      } as Parameters<ReturnType<typeof strapi.documents>['create']>[0]);
      return created as unknown as CreatedComplaint;
    },
  };

  return { ...intake, ...complaintTransitions(x), ...complaintSla(x) };
};

