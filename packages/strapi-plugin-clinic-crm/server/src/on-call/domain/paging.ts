import { createHash, randomBytes } from 'node:crypto';

/**
 * Urgent pages: the escalation ladder of an unacknowledged page and the acknowledgement token.
 * The on-call primary is paged at once (management too when critical); unacknowledged after N
 * minutes the backup, after a further N management — each level once.
 */
export type PageLevel = 'primary' | 'backup' | 'management';
export const PAGE_LEVELS: PageLevel[] = ['primary', 'backup', 'management'];

/** The levels whose time has come, `firstPagedAt` being when the primary was paged. */
export const dueLevels = (input: { severity: string; firstPagedAt: Date; now: Date; afterMinutes: number }): PageLevel[] => {
  const elapsed = (input.now.getTime() - input.firstPagedAt.getTime()) / 60_000;
  const due: PageLevel[] = ['primary'];
  if (elapsed >= input.afterMinutes) due.push('backup');
  if (input.severity === 'critical' || elapsed >= 2 * input.afterMinutes) due.push('management');
  return due;
};

/** The levels paged the moment the complaint is routed. */
export const immediateLevels = (severity: string): PageLevel[] => (severity === 'critical' ? ['primary', 'management'] : ['primary']);

/** 256 random bits, URL-safe: the acknowledgement link carries it, the database only its hash. */
export const newPageToken = (): string => randomBytes(32).toString('base64url');
export const hashPageToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** The paged person, or any other doctor or manager, may acknowledge (they take the case). */
export const mayAcknowledge = (me: { id: number; department: string }, pagedStaffId: number | null): boolean =>
  me.id === pagedStaffId || me.department === 'doctor' || me.department === 'management';
