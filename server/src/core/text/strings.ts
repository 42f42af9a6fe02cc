/**
 * A copy of `s` that holds no other string. A slice of a string in V8 (13 characters or more) points into the string it
 * was cut from and keeps all of it alive: a chunk of a spec cut from one keystroke's text would keep that whole text
 * (~1 MB for a 5,000-clause spec) for as long as the chunk is kept, one text per edited chunk. The concatenation is
 * flattened into a new string of its own by the slice, whose parent is that copy alone.
 */
export function detached(s: string): string {
  return (` ${s}`).slice(1);
}

/**
 * An ATX heading's text (what follows its opening `#`s) without its closing sequence: a run of `#` that is all of the
 * text or follows a blank, with the blanks around it (CommonMark 4.2; `foo \###` and `foo#` keep theirs). Text without
 * one is returned as it is. Read by hand: `/[ \t]+#+[ \t]*$/` is tried from every blank of a long run of them, so a
 * heading of 25,000 blanks before its last word took 2 s, 100,000 took 23 s.
 */
export function withoutClosingSequence(text: string): string {
  const blank = (at: number): boolean => {
    const c = text.charCodeAt(at);
    return c === 32 || c === 9;
  };
  let end = text.length;
  while (end > 0 && blank(end - 1)) end--;
  let at = end;
  while (at > 0 && text.charCodeAt(at - 1) === 35) at--;
  if (at === end || (at > 0 && !blank(at - 1))) return text;
  while (at > 0 && blank(at - 1)) at--;
  return text.slice(0, at);
}
