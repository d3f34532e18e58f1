import { createHash, timingSafeEqual } from 'crypto';

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/**
 * Whether an `Authorization` header carries exactly `Bearer <expected>`. Both sides are hashed
 * first, so the comparison takes the same time whatever the length or content of the guess.
 */
export const bearerMatches = (header: string | undefined, expected: string): boolean => {
  if (!expected) return false;
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header ?? '');
  const given = match?.[1] ?? '';
  // always compare (an empty guess too), so a missing header costs what a wrong one costs
  return timingSafeEqual(digest(given), digest(expected)) && given.length > 0;
};
