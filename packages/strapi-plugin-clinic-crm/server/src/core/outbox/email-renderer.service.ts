import Handlebars from 'handlebars';
import type { Core } from '@strapi/strapi';
import { DEFAULT_TEMPLATES, EmailTemplate, TemplateKey } from './email-templates';
import { DEFAULT_LANGUAGE, Language, isLanguage } from '../i18n/locales';
import { UID } from '../plugin';
import { fieldError } from '../http/validation-errors';

// An isolated Handlebars environment: no helpers registered by anyone else, prototype access off (default).
const hbs = Handlebars.create();
const OVERRIDE_TTL_MS = 10_000;

type Compiled = { subject: HandlebarsTemplateDelegate; html: HandlebarsTemplateDelegate; text: HandlebarsTemplateDelegate };

const compile = (t: EmailTemplate): Compiled => ({
  // Subject and text are plain text: no HTML escaping there; the HTML part escapes every variable.
  subject: hbs.compile(t.subject, { noEscape: true, strict: false }),
  html: hbs.compile(t.html, { strict: false }),
  text: hbs.compile(t.text, { noEscape: true, strict: false }),
});

export const isTemplateKey = (k: unknown): k is TemplateKey => typeof k === 'string' && k in DEFAULT_TEMPLATES;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const defaults = new Map<string, Compiled>();
  const overrides = new Map<string, { at: number; compiled: Compiled | null }>();

  const loadOverride = async (key: TemplateKey, language: Language): Promise<Compiled | null> => {
    const id = `${key}|${language}`;
    const hit = overrides.get(id);
    if (hit && Date.now() - hit.at < OVERRIDE_TTL_MS) return hit.compiled;
    const row = await strapi.db.query(UID.emailTemplate).findOne({ where: { templateKey: key, language } });
    let compiled: Compiled | null = null;
    if (row) {
      try {
        compiled = compile(row as EmailTemplate);
      } catch (e) {
        strapi.log.error(`[clinic-crm] email template ${id} does not compile, using the built-in one: ${(e as Error).message}`);
      }
    }
    overrides.set(id, { at: Date.now(), compiled });
    return compiled;
  };

  return {
    /** Subject, HTML and text of a notification, from the administrator's override or the built-in template. */
    async render(key: string, language: string, payload: Record<string, unknown>) {
      if (!isTemplateKey(key)) throw new Error(`Unknown email template "${key}"`);
      const lang: Language = isLanguage(language) ? language : DEFAULT_LANGUAGE;
      let tpl = await loadOverride(key, lang);
      if (!tpl) {
        const id = `${key}|${lang}`;
        if (!defaults.has(id)) defaults.set(id, compile(DEFAULT_TEMPLATES[key][lang]));
        tpl = defaults.get(id)!;
      }
      const options = { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false };
      return {
        subject: tpl.subject(payload, options).replace(/[\r\n]+/g, ' ').trim(),
        html: tpl.html(payload, options),
        text: tpl.text(payload, options),
      };
    },

    /** Refuses (400) an administrator's template that does not compile. */
    assertCompiles(data: Record<string, unknown>) {
      for (const field of ['subject', 'html', 'text']) {
        const source = data[field];
        if (typeof source !== 'string') continue;
        try {
          hbs.precompile(source, { strict: false });
        } catch (e) {
          throw fieldError(field, `${field} is not a valid Handlebars template: ${(e as Error).message.split('\n')[0]}`);
        }
        if (/\{\{\{|\{\{&/.test(source)) throw fieldError(field, `${field} may not use unescaped output ({{{ }}} or {{& }})`);
      }
    },

    invalidate() {
      overrides.clear();
    },
  };
};
