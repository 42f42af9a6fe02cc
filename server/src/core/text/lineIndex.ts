import type { Position, Range } from '../types';

/**
 * Maps UTF-16 offsets of a text to LSP positions and back. Line breaks are \n, \r\n and lone \r
 * (files with CR-only or mixed endings are normal input). Built once per text in O(n); lookups are O(log lines).
 */
export class LineIndex {
  /**
   * Where each line starts: an Int32Array of exactly the lines, 4 bytes a line, where an array grown by push held 8 and
   * up to half as many again unused (a 200,000-line spec: 2.1 -> 0.8 MB, held through its scan) [^big_documents].
   */
  private readonly starts: Int32Array;

  constructor(readonly text: string) {
    if (text.indexOf('\r') < 0) {
      // LF only (the common case): indexOf runs far faster than a loop over every character; counted, then placed.
      let n = 1;
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
      const starts = new Int32Array(n);
      n = 1;
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts[n++] = i + 1;
      this.starts = starts;
      return;
    }
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = Int32Array.from(starts);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineAt(o);
    return { line, character: o - this.starts[line]! };
  }

  /** The line of an offset (positionAt's line, with no object made). */
  lineAt(offset: number): number {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.starts.length) return this.text.length;
    const start = this.starts[position.line]!;
    const end = this.lineEnd(position.line);
    return Math.min(start + Math.max(0, position.character), end);
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))]!;
  }

  /** Offset of the end of a line's content, before its line break. */
  lineEnd(line: number): number {
    if (line + 1 >= this.starts.length) return this.text.length;
    let end = this.starts[line + 1]!;
    if (end > 0 && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > 0 && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }
}

/** The id grammar shared by heading attributes, footnote references and citations. */
export const ID_PATTERN = '[A-Za-z0-9_][A-Za-z0-9_.:-]*';
export const ID_RE = new RegExp(`^${ID_PATTERN}$`);

export function isValidId(id: string): boolean {
  return ID_RE.test(id);
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

export function rangeContains(range: Range, pos: Position): boolean {
  return comparePositions(range.start, pos) <= 0 && comparePositions(pos, range.end) <= 0;
}

/**
 * The index of the last item of `sorted` (ascending, non-empty) at or before `x`, 0 when none is: the chunk, block or
 * line that holds offset `x`, given their starts. (LineIndex keeps its own loop over an Int32Array.)
 */
export function lastAtOrBefore(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sorted[mid]! <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
