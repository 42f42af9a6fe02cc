/**
 * A copy of `s` that holds no other string. A slice of a string in V8 (13 characters or more) points into the string it
 * was cut from and keeps all of it alive: a chunk of a spec cut from one keystroke's text would keep that whole text
 * (~1 MB for a 5,000-clause spec) for as long as the chunk is kept, one text per edited chunk. The concatenation is
 * flattened into a new string of its own by the slice, whose parent is that copy alone.
 */
export function detached(s: string): string {
  return (` ${s}`).slice(1);
}
