import { BadRequestException, UnsupportedMediaTypeException } from '@nestjs/common';
import { readSubmission, type UploadedText } from './submission';

const upload = (originalname: string, mimetype: string, text = 'Bonjour.'): UploadedText => {
  const buffer = Buffer.from(text);
  return { buffer, originalname, mimetype, size: buffer.byteLength };
};
const multipart = 'multipart/form-data; boundary=x';

describe('readSubmission', () => {
  it('reads a text/plain body: the raw bytes when kept, else the string as UTF-8', () => {
    const rawBody = Buffer.from('\ufeffCommuniqué.');
    expect(readSubmission({ contentType: 'text/plain; charset=utf-8', body: 'Communiqué.', rawBody, sourceQuery: undefined })).toEqual({
      raw: rawBody,
      contentType: 'text/plain; charset=utf-8',
      sourceKind: 'text',
      sourceName: null,
    });
    expect(readSubmission({ contentType: 'text/plain', body: 'Communiqué.', sourceQuery: undefined }).raw).toEqual(Buffer.from('Communiqué.', 'utf8'));
    expect(readSubmission({ contentType: 'text/plain', body: {}, sourceQuery: undefined }).raw).toEqual(Buffer.alloc(0));
  });

  it('reads ?source=: cli marks the CLI, anything else names the source', () => {
    expect(readSubmission({ contentType: 'text/plain', body: 'x', sourceQuery: 'cli' })).toMatchObject({ sourceKind: 'cli', sourceName: null });
    expect(readSubmission({ contentType: 'text/plain', body: 'x', sourceQuery: ' Ambassade de Valdoria ' })).toMatchObject({ sourceKind: 'text', sourceName: 'Ambassade de Valdoria' });
  });

  it('reads an upload: kind upload, or cli with source=cli, named after the file', () => {
    const file = upload('communiqué.txt', 'text/plain');
    expect(readSubmission({ contentType: multipart, body: {}, file, sourceQuery: undefined })).toEqual({ raw: file.buffer, contentType: 'text/plain', sourceKind: 'upload', sourceName: 'communiqué.txt' });
    expect(readSubmission({ contentType: multipart, body: { source: 'cli' }, file, sourceQuery: undefined })).toMatchObject({ sourceKind: 'cli', sourceName: 'communiqué.txt' });
    expect(readSubmission({ contentType: multipart, body: { source: 'Fil AFP' }, file, sourceQuery: undefined })).toMatchObject({ sourceKind: 'upload', sourceName: 'Fil AFP' });
  });

  it('accepts a .txt sent as application/octet-stream, as text/plain', () => {
    const file = upload('note.TXT', 'application/octet-stream');
    expect(readSubmission({ contentType: multipart, body: {}, file, sourceQuery: undefined }).contentType).toBe('text/plain');
  });

  it.each([
    ['a .docx', upload('communiqué.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['a .docx sent as application/octet-stream', upload('Communiqué.DOCX', 'application/octet-stream'), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['an HTML file', upload('page.html', 'text/html; charset=windows-1252'), 'text/html; charset=windows-1252'],
    ['an .htm file without a type', upload('page.htm', ''), 'text/html'],
    ['an XHTML file', upload('page.xhtml', 'application/xhtml+xml'), 'application/xhtml+xml'],
  ])('accepts %s, with its media type', (_, file, contentType) => {
    expect(readSubmission({ contentType: multipart, body: {}, file, sourceQuery: undefined })).toEqual({ raw: file.buffer, contentType, sourceKind: 'upload', sourceName: file.originalname });
  });

  it.each([
    ['a PDF named .txt', upload('communiqué.txt', 'application/pdf')],
    ['a PDF', upload('communiqué.pdf', 'application/pdf')],
    ['an .odt sent as application/octet-stream', upload('communiqué.odt', 'application/octet-stream')],
    ['a file without extension nor type', upload('communiqué', '')],
  ])('refuses %s with 415, and says what it accepts', (_, file) => {
    expect(() => readSubmission({ contentType: multipart, body: {}, file, sourceQuery: undefined })).toThrow(UnsupportedMediaTypeException);
    expect(() => readSubmission({ contentType: multipart, body: {}, file, sourceQuery: undefined })).toThrow(/\.txt.*\.html.*\.docx/);
  });

  it('reads a text/html body like a text/plain one, as kind html', () => {
    const rawBody = Buffer.from('<p>Communiqué.</p>');
    expect(readSubmission({ contentType: 'text/html; charset=utf-8', body: '<p>Communiqué.</p>', rawBody, sourceQuery: undefined })).toEqual({
      raw: rawBody,
      contentType: 'text/html; charset=utf-8',
      sourceKind: 'html',
      sourceName: null,
    });
  });

  it('without the raw bytes, sends the parsed string on as UTF-8, and says so', () => {
    expect(readSubmission({ contentType: 'text/plain; charset=windows-1252', body: 'Été', sourceQuery: undefined })).toMatchObject({
      raw: Buffer.from('Été', 'utf8'),
      contentType: 'text/plain; charset=utf-8',
    });
  });

  it('refuses other bodies with 415, and says what it accepts', () => {
    expect(() => readSubmission({ contentType: 'application/json', body: { text: 'x' }, sourceQuery: undefined })).toThrow(UnsupportedMediaTypeException);
    expect(() => readSubmission({ contentType: 'application/json', body: { text: 'x' }, sourceQuery: undefined })).toThrow(/text\/plain ou text\/html/);
    expect(() => readSubmission({ contentType: undefined, body: undefined, sourceQuery: undefined })).toThrow(/aucun Content-Type/);
  });

  it('refuses a multipart request without a file, and a bad source, with 400', () => {
    expect(() => readSubmission({ contentType: multipart, body: {}, sourceQuery: undefined })).toThrow(/champ « file »/);
    for (const source of ['', 'a\nb', ['cli', 'x'], 'x'.repeat(201)]) {
      expect(() => readSubmission({ contentType: 'text/plain', body: 'x', sourceQuery: source })).toThrow(BadRequestException);
    }
  });
});
