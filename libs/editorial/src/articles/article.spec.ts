import { articleApprovedV1 } from '@newsroom/contracts';
import { approveDraft, ArticleNotDraftError, parisDate } from './article';
import { Article } from './article.entity';

function draft(overrides: Partial<Article> = {}): Article {
  return Object.assign(new Article(), {
    id: '7d3c8c1e-3a4f-4b6e-9d2a-0f1e2d3c4b5a',
    communiqueId: '0b9a8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d',
    state: 'draft',
    title: 'Visite du ministre à Lyon',
    titleGenerated: false,
    publishedOn: '2020-07-16',
    section: 'Actualités',
    language: 'fr',
    paragraphs: ['Le ministre s’est rendu à Lyon.', 'Il a rencontré les élus.'],
    revision: 1,
    version: 1,
    createdAt: new Date('2020-07-16T08:00:00Z'),
    updatedAt: new Date('2020-07-16T08:00:00Z'),
    approvedBy: null,
    approvedAt: null,
    publishAt: null,
    ...overrides,
  });
}

const editor = { id: 'f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b', name: 'Claire Martin', email: 'claire@example.org' };

describe('approving a draft', () => {
  it('approves, bumps the version and gives the facts of editorial.article.approved v1', () => {
    const article = draft();
    const now = new Date('2020-07-16T10:00:00Z');
    const data = approveDraft(article, { actor: editor, publishAt: new Date('2020-07-17T06:00:00+02:00'), now });
    expect(article).toMatchObject({ state: 'approved', approvedBy: editor.id, approvedAt: now, version: 2, revision: 1, publishedOn: '2020-07-16' });
    expect(articleApprovedV1.parse(data)).toEqual(data);
    expect(data).toEqual({
      articleId: article.id,
      communiqueId: article.communiqueId,
      revision: 1,
      title: 'Visite du ministre à Lyon',
      publishedOn: '2020-07-16',
      section: 'Actualités',
      language: 'fr',
      paragraphs: ['Le ministre s’est rendu à Lyon.', 'Il a rencontré les élus.'],
      approvedBy: 'Claire Martin',
      approvedAt: '2020-07-16T10:00:00.000Z',
      publishAt: '2020-07-17T04:00:00.000Z',
    });
  });

  it('dates an undated draft with the day of approval in Paris, and names the approver by email when unnamed', () => {
    const article = draft({ publishedOn: null });
    // 23:30 UTC on 30 June is already 1 July in Paris.
    const data = approveDraft(article, { actor: { ...editor, name: ' ' }, publishAt: null, now: new Date('2024-06-30T23:30:00Z') });
    expect(data.publishedOn).toBe('2024-07-01');
    expect(article.publishedOn).toBe('2024-07-01');
    expect(data.approvedBy).toBe('claire@example.org');
    expect(data.publishAt).toBeNull();
  });

  it('refuses anything but a draft, and leaves it untouched', () => {
    const article = draft({ state: 'approved', version: 2, approvedAt: new Date('2020-07-16T10:00:00Z') });
    expect(() => approveDraft(article, { actor: editor, publishAt: null, now: new Date() })).toThrow(ArticleNotDraftError);
    expect(article.version).toBe(2);
  });
});

describe('parisDate', () => {
  it('is the calendar day in Paris, in winter and in summer', () => {
    expect(parisDate(new Date('2024-01-01T22:59:59Z'))).toBe('2024-01-01');
    expect(parisDate(new Date('2024-01-01T23:00:00Z'))).toBe('2024-01-02');
    expect(parisDate(new Date('2024-07-14T21:59:59Z'))).toBe('2024-07-14');
    expect(parisDate(new Date('2024-07-14T22:00:00Z'))).toBe('2024-07-15');
  });
});
