import type { Core } from '@strapi/strapi';
import { DEFAULT_LANGUAGE, LANGUAGES } from './locales';

const NAMES: Record<string, string> = {
  'zh-Hant': '繁體中文 (zh-Hant)',
  'zh-Hans': '简体中文 (zh-Hans)',
  en: 'English (en)',
};

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Makes sure the content locales exist and zh-Hant is the default. Idempotent. */
  async ensure() {
    const locales = strapi.plugin('i18n').service('locales');
    for (const code of LANGUAGES) {
      if (!(await locales.findByCode(code))) await locales.create({ code, name: NAMES[code] });
    }
    const current = await locales.getDefaultLocale();
    if (current !== DEFAULT_LANGUAGE) await locales.setDefaultLocale({ code: DEFAULT_LANGUAGE });
  },
});
