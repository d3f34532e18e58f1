/** Client numbers and contact matching for registering clients (pure; unit-tested). */

/** Digits of a phone number as dialled in Taiwan: "+886 912-345-678" and "0912 345 678" are the same. */
export const phoneKey = (phone: unknown): string | null => {
  if (typeof phone !== 'string') return null;
  let digits = phone.replace(/\D/g, '');
  if (digits.startsWith('886')) digits = `0${digits.slice(3)}`;
  return digits.length >= 6 ? digits : null;
};

export const emailKey = (email: unknown): string | null =>
  typeof email === 'string' && email.includes('@') ? email.trim().toLowerCase() : null;

/** The next "C-0042"-style number after the highest one in use (other formats are ignored). */
export const nextClientNumber = (inUse: Array<string | null | undefined>): string => {
  const highest = inUse.reduce((max, n) => {
    const m = /^C-(\d+)$/.exec(n ?? '');
    return m ? Math.max(max, Number(m[1])) : max;
  }, 0);
  return `C-${String(highest + 1).padStart(4, '0')}`;
};

/**
 * The last two digits of a phone number, to find candidates in the database before comparing
 * keys: however the number was written ("0912-345-678", "0912 345678"), its last two digits are
 * next to each other. (A clinic's thousands of clients give a few dozen candidates.)
 */
export const phoneTail = (key: string) => key.slice(-2);
