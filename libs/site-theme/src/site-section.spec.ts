import { DEFAULT_SECTIONS, sectionKeys, sectionNamed } from './site-section';

describe('sections', () => {
  it('mirror the seed site by default, slugs unique and readable', () => {
    expect(DEFAULT_SECTIONS.filter((s) => s.inNavigation).map((s) => s.name)).toEqual([
      'Aperçu général',
      'Qui sommes-nous',
      'Relations bilatérales',
      'Rubrique de l’association',
      'Services presse et médias',
    ]);
    expect(new Set(DEFAULT_SECTIONS.map((s) => s.slug)).size).toBe(DEFAULT_SECTIONS.length);
  });

  it('find an article’s section by name or alias, whatever the case and apostrophe', () => {
    expect(sectionNamed(DEFAULT_SECTIONS, 'relations bilatérales')?.slug).toBe('relations-bilaterales');
    expect(sectionNamed(DEFAULT_SECTIONS, "Rubrique de l'ACHA")?.slug).toBe('rubrique-de-l-association');
    expect(sectionNamed(DEFAULT_SECTIONS, 'Culture')).toBeNull();
    expect(sectionNamed(DEFAULT_SECTIONS, null)).toBeNull();
    expect(sectionKeys(DEFAULT_SECTIONS[3])).toEqual(["rubrique de l'association", "rubrique de l'acha"]);
  });
});
