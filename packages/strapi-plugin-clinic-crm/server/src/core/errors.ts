/**
 * A rule violation found by domain code. `path` names the offending field the way the API
 * caller sent it (e.g. "addOns[1].code") so the edge can turn it into a 400 naming the field.
 */
export class DomainValidationError extends Error {
  readonly path: string;
  readonly details: Record<string, unknown>;

  constructor(path: string, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'DomainValidationError';
    this.path = path;
    this.details = details;
  }
}
