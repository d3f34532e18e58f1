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
});

const medical = (category: string, severity: string, urgent: boolean): RoutingRule => ({
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
