import type { Core } from '@strapi/strapi';
import { DEFAULT_LANGUAGE, Language, Localized, isLanguage, resolveLanguage } from '../i18n/locales';

/** The admin panel's interface language ("zh" is Traditional Chinese there) as one of ours. */
export const adminLanguage = (preferred: unknown): Language | null => {
  if (typeof preferred !== 'string' || preferred === '') return null;
  if (preferred === 'zh' || preferred.toLowerCase() === 'zh-hant') return 'zh-Hant';
  return resolveLanguage(preferred);
};

/** What the language choice reads of a request. */
interface LanguageCtx {
  state?: { user?: { preferedLanguage?: unknown } };
  query?: { lang?: unknown; locale?: unknown };
  get?: (header: string) => string;
}

/**
 * The language to answer the current request in: the signed-in admin user's interface language,
 * else an explicit `lang`/`locale` query, else the browser's first Accept-Language, else zh-Hant.
 */
export const requestLanguage = (strapi: Core.Strapi): Language => {
  const ctx = strapi.requestContext?.get?.() as LanguageCtx | undefined;
  if (!ctx) return DEFAULT_LANGUAGE;
  const fromUser = adminLanguage(ctx.state?.user?.preferedLanguage);
  if (fromUser) return fromUser;
  const asked = ctx.query?.lang ?? ctx.query?.locale;
  if (isLanguage(asked)) return asked;
  const header = String(ctx.get?.('accept-language') ?? '').split(',')[0]?.split(';')[0];
  return header ? resolveLanguage(header === 'zh' ? 'zh-Hant' : header) : DEFAULT_LANGUAGE;
};

/** The message of a localized table in `language`. */
export const say = (language: Language, table: Localized): string => table[language] ?? table[DEFAULT_LANGUAGE];
