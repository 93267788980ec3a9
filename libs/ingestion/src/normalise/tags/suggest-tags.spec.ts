import { readFileSync } from 'node:fs';
import path from 'node:path';
import { normaliseCommunique } from '../normalise';
import { FRENCH_COUNTRIES, demonymForms } from './countries';
import { MAX_TAGS, suggestTags, type Tag } from './suggest-tags';

const REPO_ROOT = path.resolve(__dirname, '../../../../..');
const SEEDS = path.resolve(REPO_ROOT, '../shared/seeds');

function tagsOfSeed(name: string, limit?: number): Tag[] {
  const communique = normaliseCommunique(readFileSync(path.join(SEEDS, name)), 'text/plain');
  return suggestTags(communique.title, communique.paragraphs, communique.language, limit);
}

const names = (tags: Tag[], kind: Tag['kind']) => tags.filter((tag) => tag.kind === kind).map((tag) => tag.name);
const mentionsOf = (tags: Tag[], name: string) => tags.find((tag) => tag.name === name)?.mentions;

describe('suggestTags on the seed page text (2020-07-16)', () => {
  const tags = tagsOfSeed('communique-2020-07-16-page-text.txt');
  const all = tagsOfSeed('communique-2020-07-16-page-text.txt', 100);

  it('suggests Wang Yi, counting "M. Wang" as him', () => {
    expect(tags).toContainEqual({ kind: 'person', name: 'Wang Yi', mentions: 7 });
    expect(names(all, 'person')).not.toContain('Wang');
  });

  it('suggests the other ministers by their full names', () => {
    expect(names(all, 'person').sort()).toEqual(['Abdulaziz Kamilov', 'Chingiz Aidarbekov', 'Mukhtar Tleuberdi', 'Rashid Meredov', 'Sirojiddin Muhriddin', 'Wang Yi']);
  });

  it('suggests China first, and the Central Asian countries from their demonyms ("ministre kazakh")', () => {
    expect(tags[0]).toEqual({ kind: 'country', name: 'Chine', mentions: expect.any(Number) });
    expect(tags[0].mentions).toBeGreaterThan(20);
    expect(names(tags, 'country')).toEqual(expect.arrayContaining(['Chine', 'Kazakhstan', 'Afghanistan', 'Kirghizistan', 'Ouzbékistan']));
    expect(names(all, 'country').sort()).toEqual(['Afghanistan', 'Chine', 'Kazakhstan', 'Kirghizistan', 'Ouzbékistan', 'Tadjikistan', 'Turkménistan']);
  });

  it('suggests the organisations under one name whatever the form ("l’ONU", "Nations unies")', () => {
    expect(tags).toContainEqual({ kind: 'organisation', name: 'Nations unies', mentions: 3 });
    expect(tags).toContainEqual({ kind: 'organisation', name: 'OMS', mentions: 2 });
    expect(names(all, 'organisation').sort()).toEqual(['Conférence pour l’interaction et les mesures de confiance en Asie', 'Nations unies', 'OMS', 'Organisation de coopération de Shanghai']);
  });

  it('suggests no article, title, region or sentence opening', () => {
    const found = all.map((tag) => tag.name);
    for (const wrong of ['Le', 'La', 'Affaires', 'La Chine et', 'La Chine', 'Asie centrale', 'Asie', 'M. Wang', 'Wang', 'Ceinture', 'Route', 'COVID-19', 'Premièrement', 'Déclaration conjointe', 'Homme', 'ONU']) {
      expect(found).not.toContain(wrong);
    }
  });

  it('keeps 15 tags, most mentioned first, then by name', () => {
    expect(tags).toHaveLength(MAX_TAGS);
    expect(all.length).toBeGreaterThan(MAX_TAGS);
    expect(tags).toEqual(all.slice(0, MAX_TAGS));
    for (let i = 1; i < all.length; i++) {
      const [a, b] = [all[i - 1], all[i]];
      expect(a.mentions > b.mentions || (a.mentions === b.mentions && a.name.localeCompare(b.name, 'fr') <= 0)).toBe(true);
    }
  });
});

describe('suggestTags on the seed plain paragraphs (2023-04-27)', () => {
  const tags = tagsOfSeed('communique-2023-04-27-plain.txt');

  it('suggests Qin Gang (also at the start of sentences, once seen elsewhere), Xi Jinping and Volodymyr Zelensky', () => {
    expect(names(tags, 'person')).toEqual(expect.arrayContaining(['Qin Gang', 'Xi Jinping', 'Volodymyr Zelensky']));
    expect(mentionsOf(tags, 'Qin Gang')).toBeGreaterThanOrEqual(3);
    expect(mentionsOf(tags, 'Xi Jinping')).toBe(2);
    expect(names(tags, 'person')).toEqual(expect.arrayContaining(['Murat Nurtleu', 'Kulubaev Zheenbek Moldokanovich', 'Bakhtiyor Saidov', 'Vepa Hajiyev']));
  });

  it('suggests Kazakhstan by name and Ukraine from "le président ukrainien"', () => {
    expect(names(tags, 'country')).toEqual(expect.arrayContaining(['Chine', 'Kazakhstan', 'Ukraine', 'Turkménistan']));
    expect(mentionsOf(tags, 'Ukraine')).toBe(1);
  });

  it('takes neither the city Xi’an nor the province for a person', () => {
    const found = tags.map((tag) => tag.name);
    for (const wrong of ['Xi’an', 'Xi', 'Shaanxi', 'Route de la Soie', 'Asie centrale', 'Chine-Asie']) expect(found).not.toContain(wrong);
  });
});

describe('suggestTags on French text', () => {
  const title = 'La ministre allemande des Affaires étrangères en visite au Japon';
  const paragraphs = [
    'Le 12 mars 2024, la ministre allemande des Affaires étrangères Annalena Baerbock a rencontré à Tokyo son homologue japonaise Yoko Kamikawa.',
    'Mme Baerbock a rappelé le soutien de l’Allemagne à l’Ukraine et le rôle de l’Union européenne, de l’OTAN et de la Banque mondiale dans la reconstruction du pays.',
    'Les deux ministres ont salué le travail de l’Agence internationale de l’énergie atomique et du Conseil de sécurité des Nations unies. Annalena Baerbock se rendra ensuite en Corée du Sud.',
    'Le communiqué est publié en français et en allemand par le Ministère fédéral des Affaires étrangères.',
    'À la réunion de la Commission économique pour l’Afrique assistaient Maurice Dupont, ancien ambassadeur à l’île Maurice, et Dominique Martin.',
  ];
  const tags = suggestTags(title, paragraphs, 'fr', 100);

  it('finds the people, merging "Mme Baerbock" and a sentence-initial "Annalena Baerbock" into one tag', () => {
    expect(tags).toContainEqual({ kind: 'person', name: 'Annalena Baerbock', mentions: 3 });
    expect(names(tags, 'person').sort()).toEqual(['Annalena Baerbock', 'Dominique Martin', 'Maurice Dupont', 'Yoko Kamikawa']);
  });

  it('counts demonyms, but not languages ("en allemand"), and takes "Maurice" for the country only as "l’île Maurice"', () => {
    expect(tags).toContainEqual({ kind: 'country', name: 'Allemagne', mentions: 3 });
    expect(tags).toContainEqual({ kind: 'country', name: 'Japon', mentions: 2 });
    expect(tags).toContainEqual({ kind: 'country', name: 'Maurice', mentions: 1 });
    expect(names(tags, 'country').sort()).toEqual(['Allemagne', 'Corée du Sud', 'Japon', 'Maurice', 'Ukraine']);
  });

  it('finds known organisations by name or acronym and others by the shape of their names', () => {
    expect(names(tags, 'organisation').sort()).toEqual([
      'AIEA',
      'Banque mondiale',
      'Commission économique pour l’Afrique',
      'Conseil de sécurité',
      'Ministère fédéral des Affaires étrangères',
      'Nations unies',
      'OTAN',
      'Union européenne',
    ]);
  });

  it('reads straight apostrophes and no-break spaces like typeset ones', () => {
    expect(suggestTags('', ["Le rôle de l'Organisation\u00a0de coopération de Shanghai et de l'OMS en Côte d'Ivoire."], 'fr')).toEqual([
      { kind: 'country', name: 'Côte d’Ivoire', mentions: 1 },
      { kind: 'organisation', name: 'OMS', mentions: 1 },
      { kind: 'organisation', name: 'Organisation de coopération de Shanghai', mentions: 1 },
    ]);
  });

  it('leaves a lone capitalised word at a sentence start, and a two-word city, untagged', () => {
    expect(suggestTags('', ['Pékin accueille le sommet. Il aura lieu à Hong Kong puis à New York.'], 'fr')).toEqual([]);
  });

  it('takes a portfolio after a definite article for no one ("ministre de la Culture de Valdoria"), the name after the title for a person', () => {
    const found = suggestTags('', ['Le ministre de la Culture de Valdoria, M. Andrès Korvel, a rencontré la directrice Claire Fontaine.'], 'fr');
    expect(names(found, 'person').sort()).toEqual(['Andrès Korvel', 'Claire Fontaine']);
  });

  it('does not merge "M. Li" into one of two people named Li', () => {
    const found = suggestTags('', ['Le ministre Li Qiang a reçu le vice-ministre Li Wei.', 'M. Li a conclu.'], 'fr');
    expect(names(found, 'person').sort()).toEqual(['Li Qiang', 'Li Wei']);
    expect(found.every((tag) => tag.mentions === 1)).toBe(true);
  });

  it('keeps "M. Dupont" when no full name is given', () => {
    expect(suggestTags('', ['M. Dupont a signé l’accord.'], 'fr')).toEqual([{ kind: 'person', name: 'Dupont', mentions: 1 }]);
  });

  it('takes a known organisation inside a longer name as part of it, not as a mention of its own', () => {
    expect(suggestTags('', ['Selon Jean-Yves Le Drian, la Commission a décidé de saisir la Cour de justice de l’Union européenne.'], 'fr')).toEqual([
      { kind: 'organisation', name: 'Cour de justice de l’Union européenne', mentions: 1 },
      { kind: 'person', name: 'Jean-Yves Le Drian', mentions: 1 },
    ]);
  });

  it('keeps the whole known organisation inside, whatever its length', () => {
    expect(suggestTags('', ['Il a parlé devant la Commission de l’Union économique eurasiatique.'], 'fr')).toEqual([
      { kind: 'organisation', name: 'Commission de l’Union économique eurasiatique', mentions: 1 },
    ]);
  });

  it('reads honorifics, particles and regnal numbers', () => {
    const found = suggestTags('', ['Le 1er Mai, Sa Majesté le Roi Mohammed VI a reçu Son Altesse Cheikh Tamim ben Hamad Al Thani à Rabat.'], 'fr');
    expect(found).toEqual([
      { kind: 'person', name: 'Mohammed VI', mentions: 1 },
      { kind: 'person', name: 'Tamim ben Hamad Al Thani', mentions: 1 },
    ]);
  });

  it('returns nothing for nothing', () => {
    expect(suggestTags('', [], 'fr')).toEqual([]);
    expect(suggestTags('   ', ['', '  '], 'fr')).toEqual([]);
  });

  it('honours the limit', () => {
    expect(suggestTags(title, paragraphs, 'fr')).toHaveLength(MAX_TAGS);
    expect(suggestTags(title, paragraphs, 'fr', 3)).toEqual(tags.slice(0, 3));
  });
});

describe('suggestTags on English text', () => {
  const tags = suggestTags('Foreign Minister Wang Yi meets UN Secretary-General', [
    'On 5 June 2023, State Councilor and Foreign Minister Wang Yi met United Nations Secretary-General António Guterres in Beijing. Mr Wang said China supports the World Health Organization and the Shanghai Cooperation Organisation.',
    'Guterres thanked the Chinese government. The Asian Development Bank and the Kazakh delegation also attended, as did President Kassym-Jomart Tokayev of Kazakhstan.',
  ], 'en');

  it('finds people after English titles, with "Mr Wang" merged', () => {
    expect(tags).toContainEqual({ kind: 'person', name: 'Wang Yi', mentions: 3 });
    expect(names(tags, 'person').sort()).toEqual(['António Guterres', 'Kassym-Jomart Tokayev', 'Wang Yi']);
  });

  it('finds English country names and demonyms', () => {
    expect(tags).toContainEqual({ kind: 'country', name: 'China', mentions: 2 });
    expect(tags).toContainEqual({ kind: 'country', name: 'Kazakhstan', mentions: 2 });
  });

  it('finds organisations under their English names, and capitalised names with an organisation word', () => {
    expect(names(tags, 'organisation').sort()).toEqual(['Asian Development Bank', 'Shanghai Cooperation Organisation', 'United Nations', 'WHO']);
    expect(mentionsOf(tags, 'United Nations')).toBe(2);
  });
});

describe('suggestTags on English titles inside capitalised runs', () => {
  it('ends an organisation before a title, and takes the name after it for a person', () => {
    expect(suggestTags('', ['Foreign Ministry Spokesperson Mao Ning said on Monday that the Belt and Road Forum for International Cooperation will open in Beijing.'], 'en')).toEqual([
      { kind: 'organisation', name: 'Belt and Road Forum for International Cooperation', mentions: 1 },
      { kind: 'organisation', name: 'Foreign Ministry', mentions: 1 },
      { kind: 'person', name: 'Mao Ning', mentions: 1 },
    ]);
  });
});

describe('the country lists', () => {
  it('name every UN member state and the two observer states', () => {
    expect(Object.keys(FRENCH_COUNTRIES)).toHaveLength(195);
  });

  it('inflect demonyms', () => {
    expect(demonymForms('chinois')).toEqual(['chinois', 'chinoise', 'chinoises']);
    expect(demonymForms('ukrainien')).toEqual(['ukrainien', 'ukrainiens', 'ukrainienne', 'ukrainiennes']);
    expect(demonymForms('turkmène')).toEqual(['turkmène', 'turkmènes']);
    expect(demonymForms('kazakh')).toEqual(['kazakh', 'kazakhs', 'kazakhe', 'kazakhes']);
  });

  it('count a demonym in any case and form, and a country written in a hyphenated compound', () => {
    expect(suggestTags('', ['Les Chinoises et la délégation chinoise ; le sommet Chine-Asie centrale.'], 'fr')).toEqual([{ kind: 'country', name: 'Chine', mentions: 3 }]);
    expect(suggestTags('', ['Un accord latino-américain.'], 'fr')).toEqual([]);
  });
});
