/**
 * Suggests the known key closest to a misspelt one, so `listenPrt` warns "did you mean listenPort".
 * Distance is Levenshtein over lower-cased keys (case slips are the commonest typo in camelCase
 * names); a suggestion is offered only within roughly a third of the key's length.
 */
import { at } from '@rocketmq-ts/base';

export function nearestKey(unknown: string, known: readonly string[]): string | undefined {
  const target = unknown.toLowerCase();
  const limit = Math.max(2, Math.floor(target.length / 3));
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    const distance = editDistance(target, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/** Levenshtein distance with a single rolling row. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = at(row, 0, 'distance row');
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = at(row, j, 'distance row');
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(above + 1, at(row, j - 1, 'distance row') + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return at(row, b.length, 'distance row');
}
