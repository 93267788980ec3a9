/**
 * Damerau-Levenshtein distance, restricted form (optimal string alignment): insertions, deletions,
 * substitutions and transpositions of two adjacent characters each cost 1. "infomations" → "informations" is 1,
 * "relatoins" → "relations" is 1. Compares UTF-16 code units: callers strip accents first.
 */
export function damerauLevenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let twoBack = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = new Array<number>(b.length + 1).fill(0);
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, twoBack[j - 2] + 1);
      current[j] = best;
    }
    twoBack = previous;
    previous = current;
  }
  return previous[b.length];
}

/** 1 for equal strings, 0 for nothing in common: 1 − distance / length of the longer. */
export function similarity(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  return longest === 0 ? 1 : 1 - damerauLevenshtein(a, b) / longest;
}
