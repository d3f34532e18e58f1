/** Checks shared by the forms' validators. */

/** An e-mail address as forms accept it (no spaces, quotes or brackets; a dotted domain). */
export const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

/** A trimmed text, or null for anything empty or not text. */
export const optionalText = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
