/**
 * Admin panel settings: the interface is offered in Traditional Chinese (Strapi's "zh"),
 * Simplified Chinese and English; each user picks theirs under their profile.
 */
export default {
  config: {
    locales: ['zh', 'zh-Hans'],
    tutorials: false,
    notifications: { releases: false },
  },
  bootstrap() {},
};
