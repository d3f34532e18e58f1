export default {
  config: { locales: ['zh', 'zh-Hans'] },
  bootstrap() {},
};
