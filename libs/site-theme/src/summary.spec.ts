import { SUMMARY_MAX_LENGTH, summarize } from './summary';

describe('summarize', () => {
  it('keeps a short paragraph whole, whitespace collapsed', () => {
    expect(summarize('  La mairie   annonce\ndes travaux.  ')).toBe('La mairie annonce des travaux.');
    const exact = 'x'.repeat(SUMMARY_MAX_LENGTH);
    expect(summarize(exact)).toBe(exact);
  });

  it('cuts a long paragraph at a word boundary, with an ellipsis, within 200 characters', () => {
    const paragraph = `${'Les canalisations de la rue seront remplacées sur quatre cent vingt mètres, '.repeat(5)}fin.`;
    const summary = summarize(paragraph);
    expect(summary.length).toBeLessThanOrEqual(SUMMARY_MAX_LENGTH);
    expect(summary.endsWith('…')).toBe(true);
    const words = summary.slice(0, -1).split(' ');
    // Every word kept is a whole word of the paragraph, in order.
    expect(paragraph.replace(/\s+/g, ' ').startsWith(words.join(' '))).toBe(true);
    expect(paragraph.split(' ')).toEqual(expect.arrayContaining(words.slice(0, -1)));
    expect(summary).not.toMatch(/[,\s]…$/);
  });

  it('cuts exactly at the limit when a word ends there', () => {
    const paragraph = `${'a'.repeat(199)} suite`;
    expect(summarize(paragraph)).toBe(`${'a'.repeat(199)}…`);
    expect(summarize(paragraph)).toHaveLength(200);
  });

  it('cuts a single overlong word where the limit falls, never inside an emoji', () => {
    expect(summarize('x'.repeat(300))).toBe(`${'x'.repeat(199)}…`);
    const emoji = `${'y'.repeat(198)}😀😀`;
    const summary = summarize(emoji);
    expect(summary).toBe(`${'y'.repeat(198)}…`);
    expect(summary.length).toBeLessThanOrEqual(SUMMARY_MAX_LENGTH);
  });
});
