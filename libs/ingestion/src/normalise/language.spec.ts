import { detectLanguage } from './language';

describe('detectLanguage', () => {
  it('tells French from English', () => {
    expect(detectLanguage('Le consulat sera fermé le lundi de Pâques. Les demandes de visa seront traitées dès le mardi.')).toBe('fr');
    expect(detectLanguage('The consulate will be closed on Easter Monday. Visa applications will be processed from Tuesday.')).toBe('en');
  });

  it('keeps French for a French text quoting English, and when unsure', () => {
    expect(detectLanguage('Le ministre a cité « The Art of War » dans son discours devant les étudiants de la faculté.')).toBe('fr');
    expect(detectLanguage('Valdoria 2024')).toBe('fr');
    expect(detectLanguage('')).toBe('fr');
  });
});
