// The topic table of libs/contracts/README.md is written by hand: this keeps it equal to TOPICS.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SERVICES, TOPICS, deadLetterTopic } from './catalogue';

const README = path.join(__dirname, '..', 'README.md');
const HEADER = /^\|\s*Topic\s*\|\s*Producer\s*\|\s*Consumers\s*\|\s*Events\s*\|\s*$/;

interface Row {
  topic: string;
  producer: string;
  consumers: string[];
  events: string[];
}

/** The rows of the first `| Topic | Producer | Consumers | Events |` table. */
function topicTable(markdown: string): Row[] {
  const lines = markdown.split(/\r?\n/);
  const start = lines.findIndex((line) => HEADER.test(line));
  if (start < 0) throw new Error('README.md has no "| Topic | Producer | Consumers | Events |" table');
  const rows: Row[] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.trim().startsWith('|')) break;
    const cells = line.trim().replace(/^\||\|$/g, '').split('|').map((cell) => cell.trim());
    const names = (cell: string) => cell.split(',').map((name) => name.replace(/`/g, '').trim()).filter(Boolean);
    rows.push({ topic: cells[0].replace(/`/g, ''), producer: cells[1], consumers: names(cells[2] ?? ''), events: names(cells[3] ?? '') });
  }
  return rows;
}

/** What the README table should say: TOPICS, in order. */
const expected: Row[] = TOPICS.map((t) => ({ topic: t.name, producer: t.producer, consumers: [...t.consumers], events: [...t.events] }));

function tableDrift(markdown: string): string[] {
  const rows = topicTable(markdown);
  const show = (row: Row | undefined) => (row ? `${row.topic} | ${row.producer} | ${row.consumers.join(', ')} | ${row.events.join(', ')}` : '(no row)');
  const problems: string[] = [];
  for (let i = 0; i < Math.max(rows.length, expected.length); i++) {
    if (show(rows[i]) !== show(expected[i])) problems.push(`row ${i + 1}: README has "${show(rows[i])}", TOPICS has "${show(expected[i])}"`);
  }
  return problems;
}

describe('README.md', () => {
  const markdown = readFileSync(README, 'utf8');

  it('has a topic table equal to TOPICS (update the table in libs/contracts/README.md when the catalogue changes)', () => {
    const problems = tableDrift(markdown);
    if (problems.length) throw new Error(`The topic table of libs/contracts/README.md disagrees with TOPICS in catalogue.ts:\n  - ${problems.join('\n  - ')}`);
  });

  it('names every dead-letter topic', () => {
    for (const service of SERVICES) expect(markdown).toContain(`\`${deadLetterTopic(service)}\``);
  });

  it('would notice a drift: a missing consumer, a renamed topic, a missing row, an extra event', () => {
    const row = '| `publishing.share` | publishing | newsletter | `publishing.share.requested` |';
    expect(markdown).toContain(row);
    expect(tableDrift(markdown.replace(row, '| `publishing.share` | publishing | editorial | `publishing.share.requested` |'))).toHaveLength(1);
    expect(tableDrift(markdown.replace(row, '| `publishing.shares` | publishing | newsletter | `publishing.share.requested` |'))).toHaveLength(1);
    expect(tableDrift(markdown.replace(`${row}\n`, ''))).toEqual([`row 5: README has "(no row)", TOPICS has "${row.replace(/`/g, '').replace(/^\| | \|$/g, '')}"`]);
    expect(tableDrift(markdown.replace(row, row.replace('`publishing.share.requested`', '`publishing.share.requested`, `publishing.share.sent`')))).toHaveLength(1);
    expect(() => topicTable('# no table here')).toThrow('no "| Topic | Producer | Consumers | Events |" table');
  });
});

describe('the root README.md', () => {
  it('renders the same topic table as the catalogue', () => {
    const problems = tableDrift(readFileSync(path.join(__dirname, '..', '..', '..', 'README.md'), 'utf8'));
    if (problems.length) throw new Error(`The topic table of README.md disagrees with TOPICS in catalogue.ts:\n  - ${problems.join('\n  - ')}`);
  });
});
