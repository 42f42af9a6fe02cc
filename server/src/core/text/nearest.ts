import { distance } from 'fastest-levenshtein';

/**
 * The nearest of some ids to one id by edit distance, among those within maxTypoDistance (the only ones a suggestion
 * may name): the first of the nearest in the list's order, and whether it is the only one that near.
 */
export interface Nearest {
  best: string;
  distance: number;
  unique: boolean;
}

/** How far a plausible typo of an id may be: a few edits, a third of its length [^dg5n]. */
export function maxTypoDistance(id: string): number {
  return Math.max(2, Math.floor(id.length / 3));
}

/** Whether a known id is measured at all for this id (lengths within maxTypoDistance; the others are further away). */
export function isNearLength(id: string, known: string): boolean {
  return Math.abs(known.length - id.length) <= maxTypoDistance(id);
}

/**
 * The nearest known id within maxTypoDistance (null when there is none). Ids whose length differs by more than that are
 * further away: 55,000 ids cost a length check each, not an edit distance. Ties go to the first in the list's order
 * (the first nearest of all ids when that one is within maxTypoDistance: a suggestion is the same either way).
 */
export function nearestId(id: string, known: readonly string[]): Nearest | null {
  let best: string | undefined;
  let min = maxTypoDistance(id) + 1;
  let unique = true;
  for (const k of known) {
    if (!isNearLength(id, k)) continue;
    const d = distance(id, k);
    if (d < min) {
      [best, min, unique] = [k, d, true];
    } else if (d === min) unique = false;
  }
  return best === undefined ? null : { best, distance: min, unique };
}

/**
 * A nearest id still nearest after ids were added and removed, when that follows without measuring every id again: the
 * old answer was not removed, every added id is further away, and no removed id was as near (a tie of several ids keeps
 * its first, and stays a tie, when none of them goes). Else undefined (measure again).
 */
export function nearestAfter(id: string, before: Nearest | null, added: readonly string[], removed: ReadonlySet<string>): Nearest | null | undefined {
  if (before === null) return added.some((a) => isNearLength(id, a) && distance(id, a) <= maxTypoDistance(id)) ? undefined : null;
  if (removed.has(before.best)) return undefined;
  for (const a of added) if (isNearLength(id, a) && distance(id, a) <= before.distance) return undefined;
  if (!before.unique) for (const r of removed) if (isNearLength(id, r) && distance(id, r) === before.distance) return undefined;
  return before;
}
