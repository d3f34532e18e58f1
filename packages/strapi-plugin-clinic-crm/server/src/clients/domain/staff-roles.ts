/**
 * Who may do what in the admin panel: the clinic's five staff roles as data. The roles service
 * turns this into Strapi admin permissions (content-manager actions with field lists, plus the
 * plugin's own actions). Pure data, no Strapi import: the README's matrix is this table.
 */

export type CmAction = 'read' | 'create' | 'update' | 'delete' | 'publish';

/** One content type's grant: which actions, and which fields those actions may not see or touch. */
export interface Grant {
  actions: CmAction[];
  /** Fields hidden from every granted action (not readable, not writable). */
  hidden?: string[];
  /** Fields readable but not writable (left out of create/update only). */
  readOnly?: string[];
}

export interface StaffRole {
  code: string;
  name: string;
  description: string;
  department: 'front_desk' | 'beautician' | 'nurse' | 'doctor' | 'management';
  contentTypes: Record<string, Grant>;
  pluginActions: string[];
}

/** Health history on the client record: clinical roles only. */
/** Set by the GDPR/PDPA erasure only; nobody types them, front desk cannot change them. */
export const CLIENT_PRIVACY_FIELDS = ['erasedAt', 'retainUntil', 'erasureNote'];

export const CLIENT_HEALTH_FIELDS = [
  'allergies',
  'medications',
  'medicalConditions',
  'pregnancyStatus',
  'priorTreatments',
  'isotretinoinLastTakenAt',
  'onAnticoagulants',
  'activeSkinInfection',
  'keloidHistory',
  'photosensitisingMedication',
  'neuromuscularDisease',
  'implantedDevice',
  'metalImplantsInArea',
  'coldUrticaria',
  'herniaInArea',
  'notes',
];

/** Clinical notes elsewhere. */
export const CLINICAL_NOTE_FIELDS: Record<string, string[]> = {
  'treatment-record': ['notes', 'contraindicationOverride'],
  'follow-up-task': ['outcomeNotes'],
};

const R: CmAction[] = ['read'];
const RCU: CmAction[] = ['read', 'create', 'update'];
const ALL: CmAction[] = ['read', 'create', 'update', 'delete', 'publish'];

/** Everything a member of staff reads to do any job: catalogue, SOPs, templates, colleagues. */
const COMMON: Record<string, Grant> = {
  'staff-member': { actions: R },
  course: { actions: R },
  'training-record': { actions: R },
  equipment: { actions: R },
  'equipment-log': { actions: ['read', 'create'] },
  'emergency-plan': { actions: R },
  'drill-record': { actions: R },
  'calendar-day': { actions: R },
  'on-call-shift': { actions: R },
  treatment: { actions: R },
  'sop-document': { actions: R },
  'consent-template': { actions: R },
  'sop-acknowledgement': { actions: R },
};

const COMMON_PLUGIN = ['dashboard.read', 'clients.timeline', 'clients.register', 'tasks.mine', 'sops.acknowledge', 'consents.read', 'price-table.preview', 'approvals.use'];

/** Clinical staff (beautician, nurse, doctor) read the full client and record; differences are in what they write. */
const clinical = (opts: { clientHealthWritable: boolean; overrideWritable: boolean }): Record<string, Grant> => ({
  ...COMMON,
  client: { actions: RCU, readOnly: [...(opts.clientHealthWritable ? [] : CLIENT_HEALTH_FIELDS), ...CLIENT_PRIVACY_FIELDS] },
  'consent-record': { actions: R },
  'treatment-record': { actions: RCU, readOnly: opts.overrideWritable ? [] : ['contraindicationOverride'] },
  'follow-up-task': { actions: ['read', 'update'] },
  complaint: { actions: ['read', 'update'] },
  'complaint-event': { actions: R },
  'clinical-photo': { actions: RCU },
});

const CLINICAL_PLUGIN = [...COMMON_PLUGIN, 'follow-up.complete', 'complaints.manage', 'consents.sign', 'records.create'];

export const STAFF_ROLES: StaffRole[] = [
  {
    code: 'clinic-crm-front-desk',
    name: 'Front desk · 櫃檯',
    description: 'Clients (contact details, no health history), complaint intake, follow-up calls; catalogue read-only',
    department: 'front_desk',
    contentTypes: {
      ...COMMON,
      client: { actions: RCU, hidden: CLIENT_HEALTH_FIELDS, readOnly: CLIENT_PRIVACY_FIELDS },
      'consent-record': { actions: R, hidden: ['contraindicationOverride', 'clientIp', 'clientDevice'] },
      'treatment-record': { actions: R, hidden: CLINICAL_NOTE_FIELDS['treatment-record'] },
      'follow-up-task': { actions: R, hidden: CLINICAL_NOTE_FIELDS['follow-up-task'] },
      complaint: { actions: RCU },
      'complaint-event': { actions: R },
    },
    pluginActions: [...COMMON_PLUGIN, 'follow-up.complete', 'complaints.manage', 'clients.import'],
  },
  {
    code: 'clinic-crm-beautician',
    name: 'Beautician · 美容師',
    description: 'Reads the full client file, records treatments, completes follow-ups; cannot edit health history or prices',
    department: 'beautician',
    contentTypes: clinical({ clientHealthWritable: false, overrideWritable: false }),
    pluginActions: CLINICAL_PLUGIN,
  },
  {
    code: 'clinic-crm-nurse',
    name: 'Nurse · 護理師',
    description: 'As beautician, and records health history',
    department: 'nurse',
    contentTypes: clinical({ clientHealthWritable: true, overrideWritable: false }),
    pluginActions: CLINICAL_PLUGIN,
  },
  {
    code: 'clinic-crm-doctor',
    name: 'Doctor · 醫師',
    description: 'As nurse, and the only role that records contraindication overrides',
    department: 'doctor',
    contentTypes: clinical({ clientHealthWritable: true, overrideWritable: true }),
    pluginActions: [...CLINICAL_PLUGIN, 'recalls.manage'],
  },
  {
    code: 'clinic-crm-manager',
    name: 'Manager · 管理者',
    description: 'Price lists, routing rules, SOPs, consent and email templates, complaints, outbox, analytics, exports',
    department: 'management',
    contentTypes: {
      client: { actions: ['read', 'create', 'update', 'delete'] },
      'staff-member': { actions: ['read', 'create', 'update', 'delete'] },
      treatment: { actions: ALL },
      'sop-document': { actions: ALL },
      'consent-template': { actions: ALL },
      'consent-record': { actions: R },
      'treatment-record': { actions: R },
      'follow-up-task': { actions: ['read', 'update'] },
      complaint: { actions: ['read', 'create', 'update'] },
      'complaint-event': { actions: R },
      notification: { actions: R },
      'price-change': { actions: R },
      'routing-rule': { actions: ['read', 'create', 'update', 'delete'] },
      'email-template': { actions: ['read', 'create', 'update', 'delete'] },
      'webhook-channel': { actions: ['read', 'create', 'update', 'delete'], hidden: ['signingSecret'] },
      'sop-acknowledgement': { actions: R },
      course: { actions: ['read', 'create', 'update', 'delete'] },
      'training-record': { actions: ['read', 'create', 'update', 'delete'] },
      survey: { actions: R },
      equipment: { actions: ['read', 'create', 'update', 'delete'] },
      'equipment-log': { actions: ['read', 'create', 'update', 'delete'] },
      'emergency-plan': { actions: ['read', 'create', 'update', 'delete'] },
      'drill-record': { actions: ['read', 'create', 'update', 'delete'] },
      'calendar-day': { actions: ['read', 'create', 'update', 'delete'] },
      'on-call-shift': { actions: ['read', 'create', 'update', 'delete'] },
      'clinical-photo': { actions: ['read', 'update'] },
    },
    pluginActions: [
      ...COMMON_PLUGIN,
      'price-history.read',
      'follow-up.complete',
      'outbox.manage',
      'complaints.manage',
      'complaints.analytics',
      'sops.manage',
      'clients.import',
      'data.export',
      'audit.read',
      'ledger.verify',
      'clients.gdpr',
      'recalls.manage',
    ],
  },
];

/** Bump when the table above changes: roles are re-synced once per version, admin edits kept otherwise. */
export const STAFF_ROLES_VERSION = 11;

/**
 * Field list for one action of a grant, given every field path the content type has
 * (Strapi's nested paths, e.g. `feeItems.amount`): hidden fields never, read-only fields not for writes.
 */
export const fieldsFor = (grant: Grant, action: CmAction, allFields: string[]): string[] | undefined => {
  const excluded = new Set([...(grant.hidden ?? []), ...(action === 'create' || action === 'update' ? grant.readOnly ?? [] : [])]);
  if (excluded.size === 0) return undefined;
  const top = (path: string) => path.split('.')[0];
  return allFields.filter((f) => !excluded.has(top(f)));
};
