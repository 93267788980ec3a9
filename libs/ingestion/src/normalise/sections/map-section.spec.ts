import { damerauLevenshtein, similarity } from './damerau-levenshtein';
import { DEFAULT_SECTIONS, mapSection, normaliseSectionName, type SiteSection } from './map-section';

describe('damerauLevenshtein', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['infomations', 'informations', 1],
    ['relatoins', 'relations', 1],
    ['kitten', 'sitting', 3],
    ['ca', 'abc', 3],
  ])('%s → %s: %i', (a, b, distance) => {
    expect(damerauLevenshtein(a, b)).toBe(distance);
    expect(damerauLevenshtein(b, a)).toBe(distance);
  });

  it('similarity is 1 for equal strings and falls with each edit', () => {
    expect(similarity('abc', 'abc')).toBe(1);
    expect(similarity('abcd', 'abce')).toBe(0.75);
    expect(similarity('', '')).toBe(1);
  });
});

describe('normaliseSectionName', () => {
  it('strips accents, case, apostrophes and punctuation', () => {
    expect(normaliseSectionName('  Rubrique de l’ACHA ')).toBe('rubrique de l acha');
    expect(normaliseSectionName('Qui sommes-nous ?')).toBe('qui sommes nous');
    expect(normaliseSectionName('Aperçu GÉNÉRAL')).toBe('apercu general');
  });
});

describe('mapSection with the demo site’s sections', () => {
  it.each([
    // the seed's breadcrumb, typo included
    ['Infomations Importantes', 'Informations importantes'],
    ['Relations bilaterales', 'Relations bilatérales'],
    ['Qui sommes nous', 'Qui sommes-nous'],
    // case and accents
    ['INFORMATIONS IMPORTANTES', 'Informations importantes'],
    ['informations importantes', 'Informations importantes'],
    ['Aperçu général', 'Aperçu général'],
    ['apercu general', 'Aperçu général'],
    ['RELATIONS BILATÉRALES', 'Relations bilatérales'],
    // aliases from the seed's navigation line, and the slug
    ['Aperçu général de Chine', 'Aperçu général'],
    ["Rubrique de l'ACHA", 'Rubrique de l’association'],
    ['Services presses médias', 'Services presse et médias'],
    ['services-presse-et-medias', 'Services presse et médias'],
    // typos: a missing, an extra, a wrong or two swapped letters, and a word order change
    ['Informations importante', 'Informations importantes'],
    ['Informations importanntes', 'Informations importantes'],
    ['Relatoins bilatérales', 'Relations bilatérales'],
    ['Relations bilatérlaes', 'Relations bilatérales'],
    ['Qui somme-nous', 'Qui sommes-nous'],
    ['Service presse et medias', 'Services presse et médias'],
    ['Importantes informations', 'Informations importantes'],
    ['Rubrique de l’assocation', 'Rubrique de l’association'],
    // a whole breadcrumb: its root is skipped
    ['Portada > Infomations Importantes', 'Informations importantes'],
    ['Accueil › Relations bilatérales', 'Relations bilatérales'],
  ])('%s → %s', (raw, expected) => {
    expect(mapSection(raw, DEFAULT_SECTIONS)).toBe(expected);
  });

  it.each([
    'Sport',
    'Actualités',
    'Portada',
    'Accueil',
    'Home',
    'Portada > Accueil',
    'Relations',
    'Informations',
    'Relations multilatérales',
    'Services',
    'Qui',
    '',
    '   ',
    ' > ',
  ])('%j stays unmapped', (raw) => {
    expect(mapSection(raw, DEFAULT_SECTIONS)).toBeNull();
  });

  it('null → null', () => {
    expect(mapSection(null, DEFAULT_SECTIONS)).toBeNull();
  });

  it('uses the demo sections when none are given', () => {
    expect(mapSection('Infomations Importantes')).toBe('Informations importantes');
  });

  it('has unique slugs, all of them normalised names', () => {
    const slugs = DEFAULT_SECTIONS.map((section) => section.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const slug of slugs) expect(slug).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });
});

describe('mapSection with other sections', () => {
  const sections: SiteSection[] = [
    { slug: 'politique', name: 'Politique' },
    { slug: 'politiques-publiques', name: 'Politiques publiques' },
    { slug: 'economie', name: 'Économie', aliases: ['Eco', 'Business'] },
    { slug: 'culture', name: 'Culture' },
    { slug: 'cultures', name: 'Cultures' },
  ];

  it('matches a short alias exactly, and nothing fuzzily under four letters', () => {
    expect(mapSection('ECO', sections)).toBe('Économie');
    expect(mapSection('Ec', sections)).toBeNull();
  });

  it('prefers an exact match over a closer fuzzy one', () => {
    expect(mapSection('Culture', sections)).toBe('Culture');
    expect(mapSection('cultures', sections)).toBe('Cultures');
  });

  it('leaves an ambiguous typo unmapped rather than guessing between two close sections', () => {
    // "culturs" is one edit from both "culture" and "cultures"
    expect(mapSection('Culturs', sections)).toBeNull();
  });

  it('maps an unambiguous typo', () => {
    expect(mapSection('Economy', sections)).toBeNull();
    expect(mapSection('Économei', sections)).toBe('Économie');
    expect(mapSection('Politque', sections)).toBe('Politique');
  });

  it('returns null when there are no sections', () => {
    expect(mapSection('Politique', [])).toBeNull();
  });
});
