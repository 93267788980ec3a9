import { diffArticles, diffWords } from './text-diff';

const text = (paragraphs: string[], title = 'Visite du ministre', tags: string[] = [], section: string | null = 'Relations bilatérales') => ({ title, section, tags, paragraphs });

describe('diffWords', () => {
  it('marks the words removed and added, and joins back into each text', () => {
    const segments = diffWords('Le ministre arrive mardi à Lyon.', 'Le ministre arrive mercredi à Lyon.');
    expect(segments).toEqual([
      { op: 'equal', text: 'Le ministre arrive ' },
      { op: 'delete', text: 'mardi' },
      { op: 'insert', text: 'mercredi' },
      { op: 'equal', text: ' à Lyon.' },
    ]);
    expect(segments.filter((s) => s.op !== 'insert').map((s) => s.text).join('')).toBe('Le ministre arrive mardi à Lyon.');
    expect(segments.filter((s) => s.op !== 'delete').map((s) => s.text).join('')).toBe('Le ministre arrive mercredi à Lyon.');
  });

  it('handles empty sides', () => {
    expect(diffWords('', 'Nouveau')).toEqual([{ op: 'insert', text: 'Nouveau' }]);
    expect(diffWords('Ancien', '')).toEqual([{ op: 'delete', text: 'Ancien' }]);
    expect(diffWords('', '')).toEqual([]);
  });
});

describe('diffArticles', () => {
  it('aligns paragraphs: unchanged, changed word by word, added and removed', () => {
    const before = text(['Premier paragraphe.', 'Deuxième, avec une erreur.', 'Troisième, supprimé.']);
    const after = text(['Premier paragraphe.', 'Deuxième, sans erreur.', 'Quatrième, ajouté.', 'Cinquième.'], 'Visite du ministre à Lyon', ['Lyon'], 'Aperçu général');
    const diff = diffArticles(before, after);
    expect(diff.changed).toBe(true);
    expect(diff.paragraphs.map((p) => p.kind)).toEqual(['equal', 'change', 'change', 'insert']);
    expect(diff.paragraphs[1].segments).toContainEqual({ op: 'delete', text: 'avec une' });
    expect(diff.title.at(-1)).toEqual({ op: 'insert', text: ' à Lyon' });
    expect(diff.tags).toEqual({ added: ['Lyon'], removed: [] });
    expect(diff.section).toEqual({ before: 'Relations bilatérales', after: 'Aperçu général' });
  });

  it('says nothing changed between identical texts', () => {
    const same = text(['Un.', 'Deux.']);
    const diff = diffArticles(same, { ...same, paragraphs: [...same.paragraphs] });
    expect(diff.changed).toBe(false);
    expect(diff.paragraphs.every((p) => p.kind === 'equal')).toBe(true);
  });

  it('keeps a paragraph moved to the end as removed then added', () => {
    const diff = diffArticles(text(['A.', 'B.', 'C.']), text(['B.', 'C.', 'A.']));
    expect(diff.paragraphs.map((p) => p.kind)).toEqual(['delete', 'equal', 'equal', 'insert']);
  });
});
