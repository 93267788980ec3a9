import { applyContent, correctionOf, intakeOf, rescheduleOf, type ArticleContent } from './article';

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

describe('intakeOf a withdrawn article', () => {
  it('takes its last revision again (approved anew), never an older one', () => {
    const withdrawn = { revision: 2, pending: null, publishedAt: null, state: 'withdrawn' as const };
    expect(intakeOf(withdrawn, 2, null, now)).toBe('publish');
    expect(intakeOf(withdrawn, 3, future, now)).toBe('schedule');
    expect(intakeOf(withdrawn, 1, null, now)).toBe('ignore');
  });
});

describe('rescheduleOf', () => {
  const scheduled = { revision: 1, pending: null, publishedAt: null, state: 'scheduled' as const };
  it('moves or publishes the revision that waits', () => {
    expect(rescheduleOf(scheduled, 1, future, now)).toBe('move');
    expect(rescheduleOf(scheduled, 1, past, now)).toBe('publish');
    expect(rescheduleOf(scheduled, 1, null, now)).toBe('publish');
    const held = { revision: 1, pending: { revision: 2 }, publishedAt: now, state: 'scheduled' as const };
    expect(rescheduleOf(held, 2, future, now)).toBe('move');
    expect(rescheduleOf(held, 1, null, now)).toBe('ignore');
  });

  it('ignores anything not waiting: unknown, public, withdrawn, another revision', () => {
    expect(rescheduleOf(null, 1, null, now)).toBe('ignore');
    expect(rescheduleOf({ ...scheduled, state: 'published', publishedAt: now }, 1, null, now)).toBe('ignore');
    expect(rescheduleOf({ ...scheduled, state: 'withdrawn' }, 1, null, now)).toBe('ignore');
    expect(rescheduleOf(scheduled, 2, null, now)).toBe('ignore');
  });
});

describe('correctionOf', () => {
  it('publishes a newer revision of a live article, keeps one of an article not live, ignores old ones', () => {
    expect(correctionOf({ revision: 1, pending: null, publishedAt: now }, 2)).toBe('publish');
    expect(correctionOf({ revision: 1, pending: { revision: 2 }, publishedAt: now }, 3)).toBe('publish');
    expect(correctionOf({ revision: 1, pending: null, publishedAt: null }, 2)).toBe('keep');
    expect(correctionOf({ revision: 2, pending: null, publishedAt: now }, 2)).toBe('ignore');
    expect(correctionOf(null, 2)).toBe('ignore');
  });
});
