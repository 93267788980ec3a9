import { findDateInWords, isoDate, leadingDateClauseLength, parseDateLine } from './dates';

describe('dates', () => {
  it.each([
    ['2020-07-16', '2020-07-16'],
    [' 2020-07-16 ', '2020-07-16'],
    ['16/07/2020', '2020-07-16'],
    ['16.07.2020', '2020-07-16'],
    ['jeudi 16 juillet 2020', '2020-07-16'],
    ['le 1er mars 2024', '2024-03-01'],
    ['1ᵉʳ mars 2024', '2024-03-01'],
    ['Vendredi 1er Mars 2024.', '2024-03-01'],
    ['15 août 2024', '2024-08-15'],
    ['15 aout 2024', '2024-08-15'],
    ['March 1, 2024', '2024-03-01'],
    ['Friday, 1 March 2024', '2024-03-01'],
    ['2023-02-29', null],
    ['31 juin 2024', null],
    ['2020-13-01', null],
    ['Paris, le 1er mars 2024', null],
    ['La réunion du 16 juillet 2020', null],
    ['2020', null],
  ])('date line %j → %j', (line, expected) => {
    expect(parseDateLine(line)).toBe(expected);
  });

  it('finds the first date written in words', () => {
    expect(findDateInWords('Le 27 avril 2023, le conseiller d’État …')).toBe('2023-04-27');
    expect(findDateInWords('Paris, le 1er mars 2024 — L’ambassade …, puis le 3 avril 2024')).toBe('2024-03-01');
    expect(findDateInWords('On March 3, 2024, the embassy…')).toBe('2024-03-03');
    expect(findDateInWords('Depuis 2 100 ans')).toBeNull();
    expect(findDateInWords('le 127 avril 2023')).toBeNull();
  });

  it('measures a leading date clause', () => {
    const cut = (s: string) => s.slice(leadingDateClauseLength(s));
    expect(cut('Le 27 avril 2023, le conseiller')).toBe('le conseiller');
    expect(cut('Paris, le 1er mars 2024 — L’ambassade')).toBe('L’ambassade');
    expect(cut('On 3 March 2024, the Embassy')).toBe('the Embassy');
    expect(cut('Mardi 5 mars 2024 : le consulat')).toBe('le consulat');
    expect(cut('La Chine et les pays d’Asie centrale ont tenu, le 16 juillet 2020, …')).toBe('La Chine et les pays d’Asie centrale ont tenu, le 16 juillet 2020, …');
  });

  it('checks calendar dates', () => {
    expect(isoDate(2024, 2, 29)).toBe('2024-02-29');
    expect(isoDate(2023, 2, 29)).toBeNull();
    expect(isoDate(1850, 1, 1)).toBeNull();
  });
});
