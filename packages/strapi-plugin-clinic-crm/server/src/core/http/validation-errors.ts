import { errors } from '@strapi/utils';
import { DomainValidationError } from '../errors';

export interface FieldError {
  path: string;
  message: string;
  value?: unknown;
}

/**
 * A 400 whose details name every offending field: `{ errors: [{ path: ['field'], message }] }`;
 * `extra` adds details a form can act on (e.g. the existing client a duplicate points to).
 */
export const fieldErrors = (items: FieldError[], summary?: string, extra: Record<string, unknown> = {}) =>
  new errors.ValidationError(summary ?? items.map((i) => i.message).join('; '), {
    ...extra,
    errors: items.map((i) => ({
      path: i.path.split(/\.|\[(\d+)\]/).filter((p) => p !== undefined && p !== ''),
      message: i.message,
      name: 'ValidationError',
      ...(i.value !== undefined ? { value: i.value } : {}),
    })),
  });

export const fieldError = (path: string, message: string, value?: unknown) => fieldErrors([{ path, message, value }]);

/** Runs domain code and turns its rule violations into 400s naming the field. */
export const asValidation = <T>(fn: () => T, pathPrefix = ''): T => {
  try {
    return fn();
  } catch (e) {
    if (e instanceof DomainValidationError) {
      throw fieldError(pathPrefix ? `${pathPrefix}.${e.path}` : e.path, e.message);
    }
    if (e instanceof RangeError) throw fieldError(pathPrefix || 'value', e.message);
    throw e;
  }
};
