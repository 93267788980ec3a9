import { simpleParser } from 'mailparser';
import { PREFERENCES_URL_PLACEHOLDER as Q, UNSUBSCRIBE_URL_PLACEHOLDER as P, personalise } from './personalise';
import { rawMessage } from './raw-message';

describe('rawMessage', () => {
  const email = {
    from: 'Mairie de Saint-Aubin-des-Prés <presse@saint-aubin.example.fr>',
    to: 'claire@example.org',
    subject: 'Rue des Tilleuls : trois semaines de travaux — coupures d’eau le mardi matin, de 8 h à 12 h, pour tous les riverains',
    text: 'Bonjour,\n\nL’eau sera coupée chaque mardi. Une ligne très longue '.concat('x'.repeat(200), '\nFin.\n'),
    html: '<!DOCTYPE html><html lang="fr"><body><p>L’eau sera coupée =chaque= mardi.</p>\n<p>.</p>\n.\n</body></html>',
    headers: { 'List-Unsubscribe': '<https://news.example.org/newsletter/unsubscribe?token=abc.def>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    messageId: '<0b7c2a4e-1d3f-4c35-9a2e-5b6c7d8e9f01@news.example.org>',
    date: new Date('2024-05-02T05:00:00Z'),
  };

  it('writes a MIME message a mail client reads back exactly', async () => {
    const built = rawMessage(email);
    expect(built?.envelope).toEqual({ from: 'presse@saint-aubin.example.fr', to: ['claire@example.org'] });
    const raw = built?.raw.toString('utf8') ?? '';
    // Every line within the limits of RFC 5322, CRLF only, ASCII only.
    expect(raw.split('\r\n').every((line) => line.length <= 998)).toBe(true);
    expect(raw.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect([...raw].every((c) => c.charCodeAt(0) < 128)).toBe(true);
    const parsed = await simpleParser(built?.raw ?? Buffer.alloc(0));
    expect(parsed.from?.value).toEqual([{ name: 'Mairie de Saint-Aubin-des-Prés', address: 'presse@saint-aubin.example.fr' }]);
    expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value : null).toEqual([{ name: '', address: 'claire@example.org' }]);
    expect(parsed.subject).toBe(email.subject);
    expect(parsed.text).toBe(email.text);
    expect(parsed.html).toBe(email.html);
    expect(parsed.messageId).toBe(email.messageId);
    expect(parsed.date?.toISOString()).toBe('2024-05-02T05:00:00.000Z');
    expect(parsed.headerLines.find((h) => h.key === 'list-unsubscribe-post')?.line).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
  });

  it('leaves an address it cannot write as ASCII to nodemailer', () => {
    expect(rawMessage({ ...email, to: 'élodie@exemple.fr' })).toBeNull();
  });

  it('puts each subscriber’s links into the mailing’s one template: every email reads back as its own, within the line limits', async () => {
    const mailing = {
      ...email,
      text: `Bonjour,\n\nSe désabonner : ${P}\nPréférences :${Q}\n${P}${Q} fin ${'é'.repeat(90)}`,
      html: `<p><a href="${P}">Se désabonner</a> · <a href="${Q}">Préférences</a></p>\n<p>${'à'.repeat(80)}</p>`,
      headers: { 'List-Unsubscribe': `<${P}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    };
    const readers = ['anne@example.org', 'bruno@example.org'].map((to, i) => ({
      to,
      messageId: `<id-${i}@news.example.org>`,
      links: {
        unsubscribeUrl: `https://news.example.org/newsletter/unsubscribe?token=${'u'.repeat(150 + i * 40)}.${i}&x=1`,
        preferencesUrl: `https://news.example.org/newsletter/preferences?token=${'p'.repeat(90)}=${i}`,
      },
    }));
    for (const reader of readers) {
      const built = rawMessage({ ...mailing, ...reader });
      const raw = built?.raw.toString('utf8') ?? '';
      const body = raw.slice(raw.indexOf('\r\n\r\n'));
      expect(body.split('\r\n').every((line) => line.length <= 76)).toBe(true);
      const parsed = await simpleParser(built?.raw ?? Buffer.alloc(0));
      const expected = personalise({ textBody: mailing.text, htmlBody: mailing.html, headers: mailing.headers }, reader.links.unsubscribeUrl, reader.links.preferencesUrl);
      expect(parsed.text).toBe(expected.textBody);
      expect(parsed.html).toBe(expected.htmlBody);
      expect(parsed.headerLines.find((h) => h.key === 'list-unsubscribe')?.line).toBe(`List-Unsubscribe: ${expected.headers['List-Unsubscribe']}`);
      expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value[0].address : null).toBe(reader.to);
      expect(parsed.messageId).toBe(reader.messageId);
    }
  });

  it('leaves a placeholder as it is when the email has no links to put there', async () => {
    const parsed = await simpleParser(rawMessage({ ...email, text: `a ${P} b` })?.raw ?? Buffer.alloc(0));
    expect(parsed.text).toBe(`a ${P} b`);
  });
});
