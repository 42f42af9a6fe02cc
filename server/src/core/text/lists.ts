/**
 * Records of named lists: what a page declares of one kind per key (explicit targets' spans and labels, mdbook-spec's
 * rules and productions), each list absent when empty. A page is read in chunks, so its record is the chunks' records
 * joined in order; an edit that changes a page's record changes other pages' links, so records are compared.
 */
export type NamedLists<K extends string, T = string> = { [key in K]?: T[] };

/** Each list of `b` after that of `a` (a page's chunks in order), for the keys given; undefined when both are. */
export function joinNamedLists<K extends string, T>(keys: readonly K[], a: NamedLists<K, T> | undefined, b: NamedLists<K, T> | undefined): NamedLists<K, T> | undefined {
  if (!a || !b) return a ?? b;
  const joined: NamedLists<K, T> = {};
  for (const key of keys) {
    const list = [...(a[key] ?? []), ...(b[key] ?? [])];
    if (list.length) joined[key] = list;
  }
  return joined;
}

/** Whether two records hold equal lists under every key given (an absent list equals an empty one). */
export function sameNamedLists<K extends string, T>(keys: readonly K[], a: NamedLists<K, T> | undefined, b: NamedLists<K, T> | undefined): boolean {
  return keys.every((key) => sameList(a?.[key], b?.[key]));
}

/** Whether two lists are equal item by item (`equal`, `===` by default); an absent list equals an empty one. */
export function sameList<T>(a: readonly T[] | undefined, b: readonly T[] | undefined, equal: (x: T, y: T) => boolean = (x, y) => x === y): boolean {
  if (a === b) return true;
  if ((a?.length ?? 0) !== (b?.length ?? 0)) return false;
  return (a ?? []).every((x, i) => equal(x, b![i]!));
}
