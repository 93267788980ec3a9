import { FALLBACK_SLUG, SLUG_MAX_LENGTH, slugify, uniqueSlug } from './slug';

describe('slugify', () => {
  it.each([
    ['Rue des Tilleuls : trois semaines de travaux et des coupures d\'eau le mardi matin', 'rue-des-tilleuls-trois-semaines-de-travaux-et-des-coupures-d-eau-le-mardi-matin'],
    ['L’Été à Saint-Étienne', 'l-ete-a-saint-etienne'],
    ['Œuvres, cœur et nœuds', 'oeuvres-coeur-et-noeuds'],
    ['ÆSOPE et l’ex æquo', 'aesope-et-l-ex-aequo'],
    ['Straße der Einheit', 'strasse-der-einheit'],
    ['Ça coûte 1 200 € ?!', 'ca-coute-1-200'],
    ['  « Guillemets » — tirets – et… points  ', 'guillemets-tirets-et-points'],
    ['Crème brûlée, ñandú, Łódź, Ørsted', 'creme-brulee-nandu-lodz-orsted'],
    ['İstanbul', 'istanbul'],
    ['COVID-19 : 3e dose', 'covid-19-3e-dose'],
  ])('%s → %s', (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });

  it('keeps at most 80 characters, cut at a word boundary', () => {
    const title = 'Le conseil municipal adopte le budget primitif pour deux mille vingt-cinq après un long débat nocturne';
    const slug = slugify(title);
    expect(slug.length).toBeLessThanOrEqual(SLUG_MAX_LENGTH);
    expect(slug).toBe('le-conseil-municipal-adopte-le-budget-primitif-pour-deux-mille-vingt-cinq-apres');
    // The next word would have gone past the limit.
    expect(`${slug}-un`.length).toBeGreaterThan(SLUG_MAX_LENGTH);
  });

  it('takes exactly 80 characters when the words fit, and cuts a single overlong word', () => {
    const exact = `${'a'.repeat(39)} ${'b'.repeat(40)}`; // 39 + 1 + 40 = 80
    expect(slugify(exact)).toBe(`${'a'.repeat(39)}-${'b'.repeat(40)}`);
    expect(slugify(`${exact} c`)).toBe(`${'a'.repeat(39)}-${'b'.repeat(40)}`);
    expect(slugify('x'.repeat(100))).toBe('x'.repeat(80));
  });

  it('falls back to "article" for a title without Latin letters or digits', () => {
    expect(slugify('!!! ???')).toBe(FALLBACK_SLUG);
    expect(slugify('Привет мир')).toBe(FALLBACK_SLUG);
  });

  it('only ever produces what the published event accepts', () => {
    for (const title of ['-a-', 'a--b', 'Élan’', '’’x’’', '2025']) expect(slugify(title)).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });
});

describe('uniqueSlug', () => {
  it('keeps a free slug, else takes the first free -2, -3, ...', () => {
    expect(uniqueSlug('budget', [])).toBe('budget');
    expect(uniqueSlug('budget', ['budget-2'])).toBe('budget');
    expect(uniqueSlug('budget', ['budget'])).toBe('budget-2');
    expect(uniqueSlug('budget', ['budget', 'budget-2', 'budget-4'])).toBe('budget-3');
  });
});
