import type { IndexModel } from '../workspace/workspaceIndex';
import { maxTypoDistance, nearestId, type Nearest } from '../text/nearest';

/**
 * Bounds for hostile workspaces. "Did you mean" compares an id with every known id (an anchor with every anchor of
 * its file): a file whose distinct unknown ids × known ids (or broken anchors × anchors) exceed SUGGESTION_BUDGET gets
 * no suggestions. Decided per file, so a file's diagnostics are the same computed alone or with the workspace. A
 * duplicate id lists at most MAX_LISTED_DUPLICATES other places.
 */
export const SUGGESTION_BUDGET = 2_000_000;
export const MAX_LISTED_DUPLICATES = 10;

/** The closest known id, when it is close enough to be a plausible typo [^dg5n]. */
export function suggestId(id: string, known: readonly string[]): string | undefined {
  return typoOf(id, nearestId(id, known));
}

/** The suggestion a nearest id makes: a plausible typo only (a few edits, never a rewrite of the whole id). */
function typoOf(id: string, near: Nearest | null): string | undefined {
  return near && near.distance > 0 && near.distance < id.length && near.distance <= maxTypoDistance(id) ? near.best : undefined;
}

/** The suggestion for an unknown cited id, memoized per model (IndexModel.nearest; a model built from another keeps what its edit cannot change). */
export function suggestionFor(model: IndexModel, id: string): string | undefined {
  let near = model.nearest.get(id);
  if (near === undefined) model.nearest.set(id, (near = nearestId(id, model.knownIds())));
  return typoOf(id, near);
}
