import { applyContent, intakeOf, type ArticleContent } from './article';

const now = new Date('2025-03-10T12:00:00Z');
const future = '2025-03-10T12:00:01Z';
const past = '2025-03-10T11:59:59Z';

describe('intakeOf', () => {
  it('publishes a new article now when it has no publishAt, or one not in the future', () => {
    expect(intakeOf(null, 1, null, now)).toBe('publish');
    expect(intakeOf(null, 1, past, now)).toBe('publish');
    expect(intakeOf(null, 1, now.toISOString(), now)).toBe('publish');
  });

  it('schedules a new article whose publishAt is in the future', () => {
    expect(intakeOf(null, 1, future, now)).toBe('schedule');
    expect(intakeOf({ revision: 1, pending: null, publishedAt: null }, 2, future, now)).toBe('schedule');
  });

  it('ignores a revision not newer than the newest known, live or pending', () => {
    const live = { revision: 3, pending: null, publishedAt: now };
    expect(intakeOf(live, 3, null, now)).toBe('ignore');
    expect(intakeOf(live, 2, null, now)).toBe('ignore');
    expect(intakeOf({ ...live, pending: { revision: 5 } }, 4, null, now)).toBe('ignore');
    expect(intakeOf({ ...live, pending: { revision: 5 } }, 6, null, now)).toBe('publish');
  });

  it('holds a future revision of a live article (the live page stays), publishes a due one at once', () => {
    const live = { revision: 1, pending: null, publishedAt: now };
    expect(intakeOf(live, 2, future, now)).toBe('hold');
    expect(intakeOf(live, 2, past, now)).toBe('publish');
  });
});

describe('applyContent', () => {
  it('takes the revision and summarises its first paragraph', () => {
    const article = { revision: 1, title: 'a', publishedOn: '2020-01-01', section: null, language: 'fr', paragraphs: ['x'], summary: 'x' };
    const content: ArticleContent = { revision: 2, title: 'b', publishedOn: '2020-07-16', section: 'Culture', language: 'fr', paragraphs: ['Premier  paragraphe.', 'Second.'] };
    applyContent(article, content);
    expect(article).toEqual({ ...content, summary: 'Premier paragraphe.' });
  });
});
