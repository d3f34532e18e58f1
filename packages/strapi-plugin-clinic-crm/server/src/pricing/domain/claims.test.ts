import { findClaims, DEFAULT_CLAIM_PHRASES } from './claims';

describe('advertising-claim check', () => {
  it.each(DEFAULT_CLAIM_PHRASES)('refuses "%s" and names the field and phrase', (phrase) => {
    const v = findClaims({ description: `本療程 ${phrase} ,歡迎諮詢` });
    expect(v.length).toBeGreaterThan(0);
    expect(v[0].field).toBe('description');
    expect(v.map((x) => x.phrase)).toContain(phrase);
  });

  it('catches full-width, spaced and upper-case spellings', () => {
    expect(findClaims({ summary: '效果 １００ ％ 滿意' }).map((v) => v.phrase)).toContain('100%');
    expect(findClaims({ summary: 'Results are GUARANTEED' }).map((v) => v.phrase)).toContain('guaranteed');
    expect(findClaims({ summary: '保 證 有 效' }).map((v) => v.phrase)).toContain('保證有效');
    expect(findClaims({ summary: 'Totally Risk Free' }).map((v) => v.phrase)).toContain('risk free');
  });

  it('accepts clean, honest text in every language', () => {
    expect(
      findClaims({
        name: '皮秒雷射',
        description: '效果因人而異,可能出現短暫泛紅、腫脹,通常3-7天消退。',
        hans: '效果因人而异,可能出现短暂泛红。',
        en: 'Results vary. Temporary redness is common and usually settles within a week.',
        hair: '永久除毛需多次療程',
      })
    ).toEqual([]);
  });

  it('looks inside nested values and uses a configurable list', () => {
    expect(findClaims({ feeItems: [{ note: '無副作用' }] })[0]).toMatchObject({ field: 'feeItems', phrase: '無副作用' });
    expect(findClaims({ d: 'miracle cure' }, ['miracle'])[0].phrase).toBe('miracle');
    expect(findClaims({ d: '保證有效' }, ['miracle'])).toEqual([]);
  });

  it('shows the original text around the phrase', () => {
    expect(findClaims({ d: '本診所療程保證有效喔' })[0].excerpt).toBe('本診所療程保證有效喔');
  });
});
