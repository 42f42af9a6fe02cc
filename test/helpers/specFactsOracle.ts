import { detectFormat } from '../../server/src/core/markdown/formats';
import { parseSpecChunked, parseSpecTree, specChunks, walkMode, type SpecFacts } from '../../server/src/core/markdown/parseSpec';
import { scanSpecChunk } from '../../server/src/core/markdown/specFacts';

/** SpecFacts as plain data (the anchor set as a list in insertion order, the lazy prose read). */
function plain(facts: SpecFacts): unknown {
  return JSON.parse(JSON.stringify({ ...facts, prose: facts.prose, anchors: [...facts.anchors] })) as unknown;
}

/** Paths where two plain values differ (at most `max`). */
function diff(a: unknown, b: unknown, at: string, out: string[], max: number): void {
  if (out.length >= max) return;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    if (a !== b) out.push(`${at}: scanner ${JSON.stringify(a)} != tree ${JSON.stringify(b)}`);
    return;
  }
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) diff((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}.${k}`, out, max);
}

/**
 * The differences between the facts of the scanner path (parseSpec: scanner chunks where covered) and the tree walk
 * alone (parseSpecTree, the reference), chunked and whole; empty when they are deep-equal.
 */
export function specFactsDifferences(file: string, text: string, max = 10): string[] {
  const out: string[] = [];
  diff(plain(parseSpecChunked(file, text).facts), plain(parseSpecTree(file, text)), 'chunked', out, max);
  diff(plain(parseSpecChunked(file, text, undefined, false).facts), plain(parseSpecTree(file, text, false)), 'whole', out, max);
  return out;
}

/** How many chunks of a document the scanner path covers (the rest is parsed with remark). */
export function scannedChunks(file: string, text: string): { chunks: number; scanned: number } {
  const mode = walkMode(file, detectFormat(file, text));
  const starts = specChunks(text);
  let scanned = 0;
  for (let i = 0; i < starts.length; i++) {
    // Enclosing sections only change parents and authorities, not whether the chunk is covered.
    if (scanSpecChunk(file, text.slice(starts[i]!, starts[i + 1] ?? text.length), [], mode)) scanned++;
  }
  return { chunks: starts.length, scanned };
}
