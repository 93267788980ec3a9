import { readFileSync } from 'node:fs';
import path from 'node:path';
import { normaliseCommunique } from '../../normalise';
import {
  BANDS,
  NEAR_DUPLICATE_THRESHOLD,
  SIGNATURE_SIZE,
  bestNearDuplicate,
  estimatedSimilarity,
  fingerprint,
  fnv1a32,
  foldText,
  lshBands,
  shingles,
} from './fingerprint';

const SEEDS = path.resolve(__dirname, '../../../../..', '../shared/seeds');
const read = (name: string) => normaliseCommunique(readFileSync(path.join(SEEDS, name)), 'text/plain; charset=utf-8');
const PAGE = read('communique-2020-07-16-page-text.txt');
const PLAIN = read('communique-2023-04-27-plain.txt');
const print = (c: { title: string; paragraphs: string[] }) => {
  const signature = fingerprint(c.title, c.paragraphs);
  if (!signature) throw new Error('no words');
  return signature;
};

/** Shingle-set Jaccard, exact, to check the estimate against. */
const jaccard = (a: string, b: string) => {
  const x = shingles(a);
  const y = shingles(b);
  const inter = [...x].filter((s) => y.has(s)).length;
  return inter / (x.size + y.size - inter);
};

/** The page seed re-sent with its longest paragraph (236 of its ~1 450 words) rewritten, as a corrected re-send does. */
const corrected = { ...PAGE, paragraphs: PAGE.paragraphs.map((p, i) => (i === 2 ? 'Rectificatif : la réunion s’est tenue en visioconférence et non à Pékin, contrairement à ce qu’indiquait notre premier envoi ; les autres informations restent inchangées.' : p)) };

describe('foldText', () => {
  it('lowercases, strips accents and punctuation, collapses spaces', () => {
    expect(foldText('  L’Été « À Xi’an » : 1er MAI, 2024 !  ')).toBe('l ete a xi an 1er mai 2024');
    expect(foldText('Œuvre — naïve\u00a0façon')).toBe('œuvre naive facon');
  });
});

describe('fnv1a32', () => {
  it('is the standard FNV-1a', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });
});

describe('shingles', () => {
  it('are the word 5-runs of the folded text; a shorter text is one shingle; no words, none', () => {
    expect(shingles('un deux trois quatre cinq six').size).toBe(2);
    expect(shingles('Un, deux… TROIS quatre cinq six')).toEqual(shingles('un deux trois quatre cinq six'));
    expect(shingles('deux mots').size).toBe(1);
    expect(shingles(' … ').size).toBe(0);
    expect(fingerprint('', ['—'])).toBeNull();
  });
});

describe('fingerprint and similarity', () => {
  it('is deterministic: SIGNATURE_SIZE unsigned 32-bit values, the same every time', () => {
    const a = print(PAGE);
    expect(a).toHaveLength(SIGNATURE_SIZE);
    expect(a.every((v) => Number.isInteger(v) && v >= 0 && v <= 0xffffffff)).toBe(true);
    expect(print(PAGE)).toEqual(a);
    expect(a.slice(0, 3)).not.toEqual(print(PLAIN).slice(0, 3));
  });

  it('gives 1.0 for the identical text, and for the same text with other typography', () => {
    expect(estimatedSimilarity(print(PAGE), print(PAGE))).toBe(1);
    const retyped = { title: PAGE.title.toUpperCase(), paragraphs: PAGE.paragraphs.map((p) => p.replace(/’/g, "'").replace(/\u202f|\u00a0/g, ' ')) };
    expect(estimatedSimilarity(print(PAGE), print(retyped))).toBe(1);
  });

  it('gives a high similarity for a re-send with one corrected paragraph, close to the exact Jaccard', () => {
    const similarity = estimatedSimilarity(print(PAGE), print(corrected));
    expect(similarity).toBeGreaterThanOrEqual(NEAR_DUPLICATE_THRESHOLD);
    expect(similarity).toBeGreaterThan(0.75);
    expect(similarity).toBeLessThan(1);
    const exact = jaccard([PAGE.title, ...PAGE.paragraphs].join('\n'), [corrected.title, ...corrected.paragraphs].join('\n'));
    expect(Math.abs(similarity - exact)).toBeLessThan(0.15);
    // A one-line fix (a short paragraph) stays very close to 1.
    const typoFix = { ...PAGE, paragraphs: PAGE.paragraphs.map((p, i) => (i === 3 ? `${p} (rectifié)` : p)) };
    expect(estimatedSimilarity(print(PAGE), print(typoFix))).toBeGreaterThan(0.9);
  });

  it('gives a low similarity for an unrelated communiqué (the two seeds: same subject, different texts)', () => {
    expect(estimatedSimilarity(print(PAGE), print(PLAIN))).toBeLessThan(0.2);
    expect(estimatedSimilarity(print(PLAIN), print({ title: 'Fermeture du consulat', paragraphs: ['Le consulat de Valdoria sera fermé le 1er mai 2024 pour la fête du Travail.'] }))).toBeLessThan(0.2);
  });

  it('is 0 for signatures of different lengths', () => {
    expect(estimatedSimilarity([1, 2], [1])).toBe(0);
  });
});

describe('lshBands', () => {
  it('cuts the signature into BANDS buckets; the re-send shares some with the original, the unrelated seed none', () => {
    const bands = lshBands(print(PAGE));
    expect(bands).toHaveLength(BANDS);
    expect(bands.map((b) => b.band)).toEqual([...Array(BANDS).keys()]);
    expect(bands.every((b) => /^[0-9a-f]{32}$/.test(b.bucket))).toBe(true);
    const shared = (x: number[], y: number[]) => {
      const other = lshBands(y);
      return lshBands(x).filter((b, i) => b.bucket === other[i].bucket).length;
    };
    expect(shared(print(PAGE), print(corrected))).toBeGreaterThan(0);
    expect(shared(print(PAGE), print(PLAIN))).toBe(0);
  });
});

describe('bestNearDuplicate', () => {
  const at = (iso: string) => new Date(iso);
  it('picks the most similar candidate at or above the threshold, the earliest on a tie, else null', () => {
    const page = print(PAGE);
    expect(bestNearDuplicate(page, [])).toBeNull();
    expect(bestNearDuplicate(page, [{ id: 'plain', fingerprint: print(PLAIN), receivedAt: at('2024-01-01') }])).toBeNull();
    const best = bestNearDuplicate(page, [
      { id: 'plain', fingerprint: print(PLAIN), receivedAt: at('2024-01-01') },
      { id: 'corrected', fingerprint: print(corrected), receivedAt: at('2024-01-02') },
      { id: 'later-same', fingerprint: page, receivedAt: at('2024-01-04') },
      { id: 'same', fingerprint: page, receivedAt: at('2024-01-03') },
    ]);
    expect(best).toEqual({ communiqueId: 'same', similarity: 1 });
    expect(bestNearDuplicate(page, [{ id: 'corrected', fingerprint: print(corrected), receivedAt: at('2024-01-02') }])?.communiqueId).toBe('corrected');
  });
});
