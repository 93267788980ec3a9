import { emailAddress } from '../subscriptions/subscribe/subscribe-input';

/**
 * The addresses of an imported CSV file: the column named email / e-mail / courriel / adresse (any case) when
 * there is a header, the first column otherwise; `,` `;` or tab separated, quotes allowed. Addresses are
 * lowercased and deduplicated; what is not an address is counted as invalid.
 */
export function addressesOfCsv(text: string, maxAddresses = 100_000): { addresses: string[]; invalid: number } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/).filter((line) => line.trim() !== '');
  if (lines.length === 0) return { addresses: [], invalid: 0 };
  const separator = [';', '\t', ','].find((candidate) => lines[0].includes(candidate)) ?? ',';
  const cells = (line: string) => splitCsvLine(line, separator).map((cell) => cell.trim());
  const header = cells(lines[0]).map((cell) => cell.toLowerCase());
  const named = header.findIndex((cell) => ['email', 'e-mail', 'mail', 'courriel', 'adresse', 'adresse électronique'].includes(cell));
  const hasHeader = named >= 0 || !header.some((cell) => cell.includes('@'));
  const column = Math.max(0, named);
  const seen = new Set<string>();
  let invalid = 0;
  for (const line of lines.slice(hasHeader ? 1 : 0)) {
    const parsed = emailAddress.safeParse(cells(line)[column] ?? '');
    if (!parsed.success) {
      invalid++;
      continue;
    }
    if (seen.size >= maxAddresses) break;
    seen.add(parsed.data);
  }
  return { addresses: [...seen], invalid };
}

function splitCsvLine(line: string, separator: string): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === separator) {
      out.push(cell);
      cell = '';
    } else cell += c;
  }
  out.push(cell);
  return out;
}
