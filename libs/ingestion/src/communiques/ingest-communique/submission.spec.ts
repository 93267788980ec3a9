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
    ['a .docx', upload('communiqué.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')],
    ['a PDF named .txt', upload('communiqué.txt', 'application/pdf')],
    ['an HTML file', upload('page.html', 'text/html')],
  ])('refuses %s with 415', (_, file) => {
    expect(() => readSubmission({ contentType: multipart, body: {}, file, sourceQuery: undefined })).toThrow(UnsupportedMediaTypeException);
  });

  it('refuses other bodies with 415, and says what it accepts', () => {
    expect(() => readSubmission({ contentType: 'text/html', body: '<p>x</p>', sourceQuery: undefined })).toThrow(/HTML n’est pas encore pris en charge/);
    expect(() => readSubmission({ contentType: 'application/json', body: { text: 'x' }, sourceQuery: undefined })).toThrow(UnsupportedMediaTypeException);
    expect(() => readSubmission({ contentType: undefined, body: undefined, sourceQuery: undefined })).toThrow(/aucun Content-Type/);
  });

  it('refuses a multipart request without a file, and a bad source, with 400', () => {
    expect(() => readSubmission({ contentType: multipart, body: {}, sourceQuery: undefined })).toThrow(/champ « file »/);
    for (const source of ['', 'a\nb', ['cli', 'x'], 'x'.repeat(201)]) {
      expect(() => readSubmission({ contentType: 'text/plain', body: 'x', sourceQuery: source })).toThrow(BadRequestException);
    }
  });
});
