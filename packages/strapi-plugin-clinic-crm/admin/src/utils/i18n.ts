import { useIntl } from 'react-intl';
import { PLUGIN_ID } from '../pluginId';

export const prefixKeys = (data: Record<string, string>, prefix: string) =>
  Object.fromEntries(Object.entries(data).map(([k, v]) => [`${prefix}.${k}`, v]));

/** `t('dashboard.title', 'Dashboard')`: a message of this plugin, with its English default. */
export const useT = () => {
  const { formatMessage, locale } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, any>) => formatMessage({ id: `${PLUGIN_ID}.${id}`, defaultMessage }, values);
  return { t, locale };
};

/** The API language matching the admin's interface language (Strapi calls Traditional Chinese "zh"). */
export const apiLanguage = (adminLocale: string): 'zh-Hant' | 'zh-Hans' | 'en' =>
  adminLocale === 'zh-Hans' ? 'zh-Hans' : adminLocale === 'zh' || adminLocale.startsWith('zh') ? 'zh-Hant' : 'en';

export const formatDateTime = (value: string | null | undefined, locale: string, timeZone = 'Asia/Taipei') =>
  value ? new Intl.DateTimeFormat(locale === 'zh' ? 'zh-Hant' : locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(value)) : '—';

/** One currency format in every language: NT$8,800 (the clinic prices in New Taiwan dollars). */
export const money = (amount: number | null | undefined, _locale?: string, currency = 'TWD') =>
  amount === null || amount === undefined ? '—' : `${currency === 'TWD' ? 'NT$' : `${currency} `}${Number(amount).toLocaleString('en-US')}`;
