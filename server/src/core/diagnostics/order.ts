import type { ClarifierConfig } from '../workspace/config';
import type { Diagnostic } from '../types';

/** Errors and warnings of a diagnostics list (lists are never changed once made): see severityCountsOf. */
export interface SeverityCounts {
  errors: number;
  warnings: number;
}
const severityCounts = new WeakMap<readonly Diagnostic[], SeverityCounts>();

function countOf(list: readonly Diagnostic[]): SeverityCounts {
  const known = { errors: 0, warnings: 0 };
  for (const d of list) {
    if (d.severity === 'error') known.errors++;
    else if (d.severity === 'warning') known.warnings++;
  }
  return known;
}

/**
 * How many errors and warnings a list holds, counted once per list. A file's list that sortInFile made from its last
 * one (a keystroke in a big spec) is counted from the last list's counts and what came and went, not walked again.
 */
export function severityCountsOf(list: readonly Diagnostic[]): SeverityCounts {
  let known = severityCounts.get(list);
  if (!known) severityCounts.set(list, (known = countOf(list)));
  return known;
}

/** The last list of each file computed alone, as made and sorted, per configuration: where sortInFile starts from. */
const lastInFile = new WeakMap<ClarifierConfig, Map<string, { out: readonly Diagnostic[]; sorted: Diagnostic[] }>>();

/**
 * One file's diagnostics as made, sorted: the file comparison is moot. The order of its last list is reused (most
 * diagnostics of an edited file are the same objects as before the edit, made in the same order: memoized by clause
 * and by hit).
 */
export function sortFileDiagnostics(config: ClarifierConfig, file: string, out: Diagnostic[]): Diagnostic[] {
  let lasts = lastInFile.get(config);
  if (!lasts) lastInFile.set(config, (lasts = new Map()));
  // `out` is kept as made (not sorted in place): no copy of it per keystroke.
  const sorted = sortInFile(out, lasts.get(file), false);
  lasts.set(file, { out, sorted });
  return sorted;
}

/** How far the walk of sortInFile looks ahead for the same diagnostic again (past an edit's new or gone ones). */
const LOOKAHEAD = 64;

/**
 * `out` sorted as `out.sort(compareInFile)` sorts it (stable: equal diagnostics keep their order in `out`), from the
 * last list of the file as made (`last.out`) and sorted (`last.sorted`). The two lists as made are walked side by side
 * by identity (a diagnostic is never changed once made): the diagnostics both hold, in the same relative order, keep
 * their sorted order, and only the new ones are sorted and inserted by binary search. Anything unexpected (many
 * changes, a diagnostic twice, a new diagnostic equal to a kept one) sorts `out` instead (in place, or a copy of it when
 * not `inPlace`: `out` then stays as made). Callers must not change the returned list (it may be `last.sorted`).
 */
export function sortInFile(out: Diagnostic[], last: { out: readonly Diagnostic[]; sorted: Diagnostic[] } | undefined, inPlace = true): Diagnostic[] {
  const sortAll = (): Diagnostic[] => (inPlace ? out : out.slice()).sort(compareInFile);
  const a = last?.out;
  if (!last || !a || a.length < 64 || out.length < 64) return sortAll();
  // A common subsequence of the two lists by identity: what is not in it went (from a) or came (in out).
  const gone: Diagnostic[] = [];
  const fresh: Diagnostic[] = [];
  let i = 0;
  let j = 0;
  const budget = (out.length >> 3) + 16;
  while (i < a.length && j < out.length) {
    if (a[i] === out[j]) {
      i++;
      j++;
      continue;
    }
    let step = 0;
    for (let d = 1; d <= LOOKAHEAD && !step; d++) {
      if (a[i + d] === out[j]) step = d;
      else if (out[j + d] === a[i]) step = -d;
    }
    if (step > 0) for (const end = i + step; i < end; i++) gone.push(a[i]!);
    else if (step < 0) for (const end = j - step; j < end; j++) fresh.push(out[j]!);
    else {
      gone.push(a[i++]!);
      fresh.push(out[j++]!);
    }
    if (gone.length + fresh.length > budget) return sortAll();
  }
  while (i < a.length) gone.push(a[i++]!);
  while (j < out.length) fresh.push(out[j++]!);
  if (gone.length + fresh.length > budget) return sortAll();
  if (gone.length === 0 && fresh.length === 0 && last.sorted.length === out.length) return last.sorted;
  // The kept ones in their sorted order: the last sorted list without the gone ones, each found there by binary search
  // (a walk of every kept one through a set of the gone ones cost ~0.7 ms per keystroke in a 5,000-clause spec).
  const kept = withoutGone(last.sorted, gone, out.length - fresh.length);
  if (!kept) return sortAll();
  fresh.sort(compareInFile);
  const merged = sized(out.length);
  let m = 0;
  let from = 0;
  for (const d of fresh) {
    let lo = from;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const c = compareInFile(kept[mid]!, d);
      // Equal to a kept one: their order is that of out, which this search does not know.
      if (c === 0) return sortAll();
      if (c < 0) lo = mid + 1;
      else hi = mid;
    }
    for (let k = from; k < lo; k++) merged[m++] = kept[k]!;
    merged[m++] = d;
    from = lo;
  }
  for (let k = from; k < kept.length; k++) merged[m++] = kept[k]!;
  const counted = severityCounts.get(last.sorted);
  if (counted) {
    const [came, went] = [countOf(fresh), countOf(gone)];
    severityCounts.set(merged, { errors: counted.errors + came.errors - went.errors, warnings: counted.warnings + came.warnings - went.warnings });
  }
  return merged;
}

/**
 * `sorted` without the diagnostics of `gone` (each once in it: found by binary search among its equals, by identity),
 * in order, at `keptLength`; undefined when a gone one is not there, is there twice (a diagnostic twice: sortInFile then
 * sorts), or the lengths disagree.
 */
function withoutGone(sorted: readonly Diagnostic[], gone: readonly Diagnostic[], keptLength: number): readonly Diagnostic[] | undefined {
  if (sorted.length - gone.length !== keptLength) return undefined;
  if (gone.length === 0) return sorted;
  const at: number[] = [];
  for (const d of gone) {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareInFile(sorted[mid]!, d) < 0) lo = mid + 1;
      else hi = mid;
    }
    let found = -1;
    for (let k = lo; k < sorted.length && compareInFile(sorted[k]!, d) === 0; k++) {
      if (sorted[k] !== d) continue;
      if (found >= 0) return undefined;
      found = k;
    }
    if (found < 0) return undefined;
    at.push(found);
  }
  at.sort((x, y) => x - y);
  const kept = sized(keptLength);
  let n = 0;
  let from = 0;
  for (let g = 0; g < at.length; g++) {
    if (g > 0 && at[g] === at[g - 1]) return undefined;
    for (let k = from; k < at[g]!; k++) kept[n++] = sorted[k]!;
    from = at[g]! + 1;
  }
  for (let k = from; k < sorted.length; k++) kept[n++] = sorted[k]!;
  return kept;
}

/** An array to be filled from index 0 to n - 1: made at length n unless V8 would make that a dictionary (slow). */
function sized(n: number): Diagnostic[] {
  return n <= 50_000 ? new Array<Diagnostic>(n) : [];
}

export function compareInFile(a: Diagnostic, b: Diagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
  );
}
