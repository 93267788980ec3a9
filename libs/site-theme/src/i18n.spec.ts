import { langOf, langOfQuery, MESSAGES } from './i18n';

describe('i18n', () => {
  it('speaks English around English articles and on ?lang=en, French otherwise', () => {
    expect(['en', 'en-GB', 'EN', 'fr', 'fr-BE', 'de', null, undefined, 'eng'].map(langOf)).toEqual(['en', 'en', 'en', 'fr', 'fr', 'fr', 'fr', 'fr', 'fr']);
    expect([langOfQuery('en'), langOfQuery('fr'), langOfQuery(['en']), langOfQuery(undefined)]).toEqual(['en', 'fr', 'fr', 'fr']);
  });

  it('has every message in both languages, dates in each language’s way', () => {
    expect(Object.keys(MESSAGES.en).sort()).toEqual(Object.keys(MESSAGES.fr).sort());
    expect(MESSAGES.fr.date('2024-05-01')).toBe('1er mai 2024');
    expect(MESSAGES.en.date('2024-05-01')).toBe('1 May 2024');
    expect(MESSAGES.fr.searchResults(1, 'été')).toBe('1 article trouvé pour « été »');
    expect(MESSAGES.en.searchResults(2, 'trade')).toBe('2 articles found for “trade”');
  });
});
