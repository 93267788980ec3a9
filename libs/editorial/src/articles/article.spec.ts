import { parisDate } from './article';

describe('parisDate', () => {
  it('is the calendar day in Paris, in winter and in summer', () => {
    expect(parisDate(new Date('2024-01-01T22:59:59Z'))).toBe('2024-01-01');
    expect(parisDate(new Date('2024-01-01T23:00:00Z'))).toBe('2024-01-02');
    expect(parisDate(new Date('2024-07-14T21:59:59Z'))).toBe('2024-07-14');
    expect(parisDate(new Date('2024-07-14T22:00:00Z'))).toBe('2024-07-15');
  });
});
