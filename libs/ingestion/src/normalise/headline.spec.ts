import { firstSentence, generateHeadline } from './headline';

describe('generateHeadline', () => {
  it.each([
    [
      'reduces a title-and-name subject to the name (Ursula von der Leyen)',
      'Le 12 mai 2024, la présidente de la Commission européenne Ursula von der Leyen a reçu les ambassadeurs des pays de la région, qui lui ont présenté leurs priorités.',
      'Ursula von der Leyen a reçu les ambassadeurs des pays de la région',
    ],
    [
      'keeps a subject that ends with an institution, not a person',
      'Le ministère des Affaires Étrangères a annoncé la réouverture du consulat général de Valdoria à Lyon.',
      'Le ministère des Affaires Étrangères a annoncé la réouverture du consulat général de Valdoria à Lyon',
    ],
    [
      'keeps a subject whose name follows an article (not a person after a title)',
      'Le ministre des Affaires étrangères de la Chine Wang Yi a présidé la réunion.',
      'Le ministre des Affaires étrangères de la Chine Wang Yi a présidé la réunion',
    ],
    [
      'stops at "dont"',
      'L’ambassade a accueilli cent invités, dont le maire de Lyon et plusieurs élus.',
      'L’ambassade a accueilli cent invités',
    ],
    [
      'stops at "où" and at a semicolon',
      'Le consul a visité le lycée Jean-Moulin de Valence, où étudient quarante élèves valdoriens ; il a salué leurs résultats.',
      'Le consul a visité le lycée Jean-Moulin de Valence',
    ],
    ['ignores "M." as a sentence end', 'M. Wang a souligné la proximité géographique. La suite est ailleurs.', 'M. Wang a souligné la proximité géographique'],
    [
      'cuts a long clause at its last comma within the target',
      'Le consulat général de Valdoria à Marseille organise une journée portes ouvertes, avec visites guidées des salons historiques, dégustation de spécialités régionales et concert de musique traditionnelle.',
      'Le consulat général de Valdoria à Marseille organise une journée portes ouvertes',
    ],
  ])('%s', (_, lead, expected) => {
    const headline = generateHeadline(lead);
    expect(headline).toBe(expected);
  });

  it('never ends with an ellipsis nor a cut word, and stays short when a boundary allows', () => {
    const lead =
      'Le 2 février 2024, la délégation valdorienne conduite par le vice-ministre de l’Économie a signé avec les représentants des chambres de commerce françaises un accord-cadre destiné à faciliter les investissements croisés dans les énergies renouvelables et le numérique pour les dix prochaines années.';
    const headline = generateHeadline(lead) ?? '';
    expect(headline).not.toMatch(/…|\.\.\.$/);
    expect(lead).toContain(headline.slice(1));
    expect(headline.length).toBeLessThanOrEqual(250);
    const words = new Set(lead.split(/[\s,.]+/));
    expect(words.has(headline.split(' ').pop() ?? '')).toBe(true);
  });

  it('returns null for a paragraph that is only a dateline', () => {
    expect(generateHeadline('Le 1er mars 2024.')).toBeNull();
    expect(generateHeadline('Paris, le 1er mars 2024')).toBeNull();
  });

  it('finds the first sentence', () => {
    expect(firstSentence('Qui ? Personne. Rien')).toBe('Qui ?');
    expect(firstSentence('Mme Varek et M. Wang ont parlé. Ensuite…')).toBe('Mme Varek et M. Wang ont parlé');
    expect(firstSentence('Sans point final')).toBe('Sans point final');
  });
});
