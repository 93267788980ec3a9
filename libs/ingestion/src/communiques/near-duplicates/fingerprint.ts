/**
 * Near-duplicate detection, pure part: the fingerprint of a communiqué is a MinHash signature of the set of
 * its word 5-shingles, and its LSH bands are what the database indexes to find candidates without a scan.
 *
 * - Text is folded first (lowercase, accents stripped, punctuation removed), so a re-send that only fixes
 *   typography, case or an accent has the same shingles.
 * - Each shingle (5 consecutive words) is hashed with FNV-1a (32 bits, over its UTF-16 code units).
 * - MinHash: SIGNATURE_SIZE hash functions h_i(x) = fmix32(x XOR seed_i) (murmur3's finaliser, a bijection
 *   on 32 bits, with fixed seeds); the signature keeps the minimum of each over the shingles. The fraction
 *   of equal positions of two signatures estimates the Jaccard similarity of the two shingle sets
 *   (standard error ≈ √(J(1−J)/128) ≤ 0.045).
 * - LSH: BANDS bands of ROWS values; two communiqués sharing any band are candidates. With 32 × 4 a pair at
 *   J = 0.6 becomes a candidate with probability 1 − (1 − 0.6⁴)³² ≈ 0.99; at J = 0.2, ≈ 0.05.
 */

export const SIGNATURE_SIZE = 128;
export const BANDS = 32;
export const ROWS = SIGNATURE_SIZE / BANDS;
export const SHINGLE_WORDS = 5;

/**
 * A near-duplicate from this estimated similarity up. A corrected re-send keeps most of the text: one
 * paragraph of ten rewritten (a figure, a name, a date fixed) changes that paragraph's shingles and the
 * four that span into it from the previous one, so J stays around 0.8–0.9 for the seeds (12 and 4 long
 * paragraphs); even a re-send with a new lead paragraph and a corrected one stays above 0.6. Two different
 * communiqués of the same sender on the same subject (the two seeds: same ministers, same formulas) share
 * stock phrases but few five-word runs: J < 0.1. 0.6 sits well between, and above the estimator's noise
 * (±0.09 at two standard errors) around the 0.3–0.4 a heavily rewritten text reaches.
 */
export const NEAR_DUPLICATE_THRESHOLD = 0.6;

/** Lowercase, accents stripped, everything but letters and digits turned into spaces, runs collapsed. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** FNV-1a, 32 bits, over the UTF-16 code units of `text` (folded text is mostly ASCII). */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** murmur3's 32-bit finaliser: a bijection with good avalanche. */
function fmix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Fixed seeds (a splitmix-like sequence from a constant): the same signature on every machine, forever. */
const SEEDS: readonly number[] = Array.from({ length: SIGNATURE_SIZE }, (_, i) => fmix32(Math.imul(i + 1, 0x9e3779b9) ^ 0x5bd1e995));

/** The hashed word 5-shingles of the folded text; a text shorter than five words is one shingle. */
export function shingles(text: string): Set<number> {
  const words = foldText(text).split(' ').filter(Boolean);
  const set = new Set<number>();
  if (words.length === 0) return set;
  if (words.length < SHINGLE_WORDS) {
    set.add(fnv1a32(words.join(' ')));
    return set;
  }
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++) set.add(fnv1a32(words.slice(i, i + SHINGLE_WORDS).join(' ')));
  return set;
}

/** MinHash signature (SIGNATURE_SIZE unsigned 32-bit integers) of a shingle set; null when it is empty. */
export function minHash(set: ReadonlySet<number>): number[] | null {
  if (set.size === 0) return null;
  const signature = new Array<number>(SIGNATURE_SIZE).fill(0xffffffff);
  for (const shingle of set) {
    for (let i = 0; i < SIGNATURE_SIZE; i++) {
      const h = fmix32(shingle ^ SEEDS[i]);
      if (h < signature[i]) signature[i] = h;
    }
  }
  return signature;
}

/** The fingerprint of a communiqué: its title and paragraphs, folded, shingled, min-hashed. Null when there are no words. */
export function fingerprint(title: string, paragraphs: readonly string[]): number[] | null {
  return minHash(shingles([title, ...paragraphs].join('\n')));
}

/** Estimated Jaccard similarity: the fraction of positions where the two signatures agree. */
export function estimatedSimilarity(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length || a.length === 0) return 0;
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

export interface Band {
  band: number;
  /** The band's ROWS values in hex: equal buckets in one band mean equal values, no false collision. */
  bucket: string;
}

/** The LSH bands of a signature. */
export function lshBands(signature: readonly number[]): Band[] {
  const bands: Band[] = [];
  for (let band = 0; band < BANDS; band++) {
    const rows = signature.slice(band * ROWS, (band + 1) * ROWS);
    bands.push({ band, bucket: rows.map((v) => v.toString(16).padStart(8, '0')).join('') });
  }
  return bands;
}

export interface Candidate {
  id: string;
  fingerprint: readonly number[];
  receivedAt: Date;
}

export interface NearDuplicate {
  communiqueId: string;
  similarity: number;
}

/** The most similar candidate at or above the threshold (the earliest on a tie), or null. */
export function bestNearDuplicate(signature: readonly number[], candidates: readonly Candidate[], threshold = NEAR_DUPLICATE_THRESHOLD): NearDuplicate | null {
  let best: (NearDuplicate & { receivedAt: Date }) | null = null;
  for (const candidate of candidates) {
    const similarity = estimatedSimilarity(signature, candidate.fingerprint);
    if (similarity < threshold) continue;
    if (!best || similarity > best.similarity || (similarity === best.similarity && candidate.receivedAt < best.receivedAt))
      best = { communiqueId: candidate.id, similarity, receivedAt: candidate.receivedAt };
  }
  return best && { communiqueId: best.communiqueId, similarity: best.similarity };
}
