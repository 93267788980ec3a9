import { hasPlaceholder, personalise, PREFERENCES_URL_PLACEHOLDER as Q, UNSUBSCRIBE_URL_PLACEHOLDER as P, withoutPlaceholder } from './personalise';

describe('personalise', () => {
  const url = 'https://news.example.org/newsletter/unsubscribe?token=abc.def&x="1"';

  it('puts the link in the text and the headers as is, and escaped in the HTML', () => {
    const mail = personalise({ subject: 's', textBody: `Se désabonner : ${P}`, htmlBody: `<a href="${P}">Se désabonner</a> ${P}`, headers: { 'List-Unsubscribe': `<${P}>`, 'List-Id': 'x' } }, url);
    expect(mail.textBody).toBe(`Se désabonner : ${url}`);
    expect(mail.htmlBody).toBe(`<a href="https://news.example.org/newsletter/unsubscribe?token=abc.def&amp;x=&quot;1&quot;">Se désabonner</a> https://news.example.org/newsletter/unsubscribe?token=abc.def&amp;x=&quot;1&quot;`);
    expect(mail.headers).toEqual({ 'List-Unsubscribe': `<${url}>`, 'List-Id': 'x' });
    expect(mail.subject).toBe('s');
  });

  it('never lets outside text carry the placeholder, even nested', () => {
    expect(withoutPlaceholder(`a ${P} b`)).toBe('a  b');
    expect(withoutPlaceholder(`{{unsub${P}scribe_url}}`)).toBe('');
    expect(hasPlaceholder('x', `y${P}`)).toBe(true);
    expect(hasPlaceholder('x', 'y')).toBe(false);
  });
});

describe('personalise with a preferences link', () => {
  it('fills both placeholders, and outside text can carry neither', () => {
    const mail = personalise({ textBody: `${P} ${Q}`, htmlBody: `<a href="${Q}">Préférences</a>`, headers: {} }, 'https://u.example/?a=1&b=2', 'https://p.example/?t=x&y=z');
    expect(mail.textBody).toBe('https://u.example/?a=1&b=2 https://p.example/?t=x&y=z');
    expect(mail.htmlBody).toBe('<a href="https://p.example/?t=x&amp;y=z">Préférences</a>');
    expect(withoutPlaceholder(`{{prefer${Q}ences_url}} ${P}`)).toBe(' ');
    expect(hasPlaceholder(Q)).toBe(true);
  });
});
