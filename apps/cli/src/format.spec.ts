import { failureLine, serverMessage, successLine, summaryLine } from './format';

describe('output', () => {
  const outcome = { communiqueId: '7b1e4d2c-6a3f-4e8b-a5c9-0d2f1e3b4a51', title: 'Journées portes ouvertes', duplicate: false };

  it('writes one line per file', () => {
    expect(successLine('a.txt', outcome)).toBe('✓ a.txt → 7b1e4d2c-6a3f-4e8b-a5c9-0d2f1e3b4a51 « Journées portes ouvertes » (nouveau)');
    expect(successLine('a.txt', { ...outcome, duplicate: true })).toBe('✓ a.txt → 7b1e4d2c-6a3f-4e8b-a5c9-0d2f1e3b4a51 « Journées portes ouvertes » (déjà reçu)');
    expect(failureLine('b.docx', 'Seuls les textes bruts\nsont acceptés.')).toBe('✗ b.docx: Seuls les textes bruts sont acceptés.');
  });

  it('sums up in French, with plurals', () => {
    expect(summaryLine({ created: 1, duplicates: 1, failed: 1 })).toBe('3 fichiers : 1 nouveau, 1 déjà reçu, 1 en échec');
    expect(summaryLine({ created: 2, duplicates: 3, failed: 0 })).toBe('5 fichiers : 2 nouveaux, 3 déjà reçus, 0 en échec');
    expect(summaryLine({ created: 0, duplicates: 0, failed: 1 })).toBe('1 fichier : 0 nouveau, 0 déjà reçu, 1 en échec');
  });

  it('takes the message of the platform’s JSON errors, else the text, else the status', () => {
    expect(serverMessage(415, JSON.stringify({ statusCode: 415, message: 'Seuls les textes bruts sont acceptés.' }))).toBe('Seuls les textes bruts sont acceptés.');
    expect(serverMessage(400, JSON.stringify({ statusCode: 400, message: ['a', 'b'] }))).toBe('a ; b');
    expect(serverMessage(502, '<html><body><h1>502 Bad Gateway</h1></body></html>')).toBe('502 Bad Gateway (HTTP 502)');
    expect(serverMessage(500, '')).toBe('HTTP 500');
  });
});
