/** Complaint routing: which rule applies, and the default rules from clinical practice. */
import { TREATMENT_HANDOFF_PLAN } from './handoffs';

export interface RoutingRule {
  category: string;
  severity: string; // 'any' or a severity
  department: string;
  firstResponseHours: number;
  resolutionHours: number;
  warningHours?: number | null;
  escalationChain: string[];
  notifyDoctorsImmediately?: boolean | null;
  isMedical?: boolean | null;
  /** the hand-offs the desk proposes in turn (complaints/domain/handoffs.ts), e.g. ['nurse', 'doctor', 'management'] */
  handoffPlan?: string[] | null;
  /** business (opening hours) or round_the_clock (elapsed time); none: business */
  clock?: 'business' | 'round_the_clock' | null;
  /** page the department's on-call primary at once, with acknowledgement and escalation (on-call/) */
  page?: boolean | null;
}

/** The rule for this category and severity: an exact severity match wins over 'any'. */
export const matchRule = <R extends RoutingRule>(rules: R[], category: string, severity: string): R | null =>
  rules.find((r) => r.category === category && r.severity === severity) ?? rules.find((r) => r.category === category && r.severity === 'any') ?? null;

const general = (category: string, department: string, notes: string): RoutingRule => ({
  category,
  severity: 'any',
  department,
  firstResponseHours: 24,
  resolutionHours: 72,
  warningHours: 2,
  escalationChain: ['management', 'management'],
  notifyDoctorsImmediately: false,
  isMedical: false,
  clock: 'business',
  page: false,
});

/** Medical categories whose high/critical complaints are clinical emergencies: paged, round the clock. */
export const EMERGENCY_CATEGORIES = ['side_effect', 'product_reaction'];

/** First response of a paged emergency, in hours: critical 30 minutes, high 2 hours (editable per rule). */
export const EMERGENCY_FIRST_RESPONSE_HOURS: Record<string, number> = { critical: 0.5, high: 2 };

/**
 * The default rule before clocks and pages existed (rules seeded by earlier versions): a rule still
 * equal to this was never edited by the clinic and is brought up to the new default at start.
 */
export const LEGACY_URGENT_MEDICAL = { department: 'doctor', firstResponseHours: 4, resolutionHours: 72, warningHours: 1, notifyDoctorsImmediately: true };

const medical = (category: string, severity: string, urgent: boolean): RoutingRule => {
  const base = legacyMedical(category, severity, urgent);
  if (!urgent || !EMERGENCY_CATEGORIES.includes(category)) return { ...base, clock: 'business', page: false };
  // a clinical emergency: the on-call doctor is paged at once, the clock runs round the clock
  const firstResponseHours = EMERGENCY_FIRST_RESPONSE_HOURS[severity] ?? base.firstResponseHours;
  return { ...base, clock: 'round_the_clock', page: true, firstResponseHours, warningHours: Math.min(Number(base.warningHours), firstResponseHours / 2) };
};

const legacyMedical = (category: string, severity: string, urgent: boolean): RoutingRule => ({
  category,
  severity,
  department: 'doctor',
  // an initial medical answer within 48 h; high/critical: the doctors are told at once and the clock is 4 h
  firstResponseHours: urgent ? 4 : 48,
  resolutionHours: urgent ? 72 : 168,
  warningHours: urgent ? 1 : 4,
  escalationChain: ['management', 'management'],
  notifyDoctorsImmediately: urgent,
  isMedical: true,
  // the nurse gathers facts and photos before the doctor judges; management decides
  handoffPlan: [...TREATMENT_HANDOFF_PLAN],
});

/**
 * Front desk receives and calms; beautician/nurse gather the facts; doctors judge medical
 * questions; management decides and supervises (seed document 001).
 */
export const DEFAULT_ROUTING_RULES: RoutingRule[] = [
  general('service_attitude', 'management', 'staff conduct is a management matter'),
  general('price_billing', 'front_desk', 'billing questions start at the front desk'),
  general('hygiene_safety', 'nurse', 'the nursing lead owns hygiene'),
  general('privacy', 'management', 'privacy incidents go to management'),
  general('other', 'front_desk', 'triage at the front desk'),
  ...['side_effect', 'product_reaction', 'result_below_expectation'].flatMap((c) => [
    medical(c, 'any', false),
    medical(c, 'high', true),
    medical(c, 'critical', true),
  ]),
];
