import { foldAccents } from './search-text';

describe('foldAccents', () => {
  it('folds accents, cedillas and ligatures, and lowers the case', () => {
    expect(foldAccents('Élection RÉGIONALE à Noël')).toBe('election regionale a noel');
    expect(foldAccents('Cœur, æther, garçon, straße')).toBe('coeur, aether, garcon, strasse');
    expect(foldAccents('l’été')).toBe("l'ete");
  });

  it('leaves unaccented text as it is (lower case)', () => {
    expect(foldAccents('budget 2025')).toBe('budget 2025');
  });
});
