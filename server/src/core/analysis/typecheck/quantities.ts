/**
 * Quantities with units in requirement text, normalised so they compare: 30 minutes and 0.5 hours are both 1800
 * seconds; 2 KiB is 2048 bytes; "10 requests per second" is a rate of requests. Pure and small: a table of units, one
 * scanner. A quantity's bound direction comes from the words before it (at most / at least / exactly / within / after).
 */

/** `max`: at most the value; `min`: at least; `exact`: the value itself (a bare number, "exactly", "after"). */
export type Bound = 'max' | 'min' | 'exact';

export interface Quantity {
  /** What is measured: `duration`, `size`, `percent`, `count:<noun>`, `rate:<what>` (per second). */
  kind: string;
  /** In the kind's base unit: seconds, bytes, percent, items, items (or bytes) per second. */
  value: number;
  bound: Bound;
  /** The words as written (for messages), e.g. "at most 10 requests per second". */
  raw: string;
  /** Offsets in the text scanned. */
  start: number;
  end: number;
}

const SECONDS: Record<string, number> = {
  ms: 0.001, millisecond: 0.001, milliseconds: 0.001, msec: 0.001,
  s: 1, sec: 1, secs: 1, second: 1, seconds: 1,
  min: 60, mins: 60, minute: 60, minutes: 60,
  h: 3600, hr: 3600, hrs: 3600, hour: 3600, hours: 3600,
  d: 86400, day: 86400, days: 86400,
  week: 604800, weeks: 604800,
  month: 2628000, months: 2628000, // a twelfth of a year: 84 months are 7 years
  year: 31536000, years: 31536000,
};

const BYTES: Record<string, number> = {
  b: 1, byte: 1, bytes: 1,
  kb: 1000, kilobyte: 1000, kilobytes: 1000, kib: 1024,
  mb: 1e6, megabyte: 1e6, megabytes: 1e6, mib: 1024 ** 2,
  gb: 1e9, gigabyte: 1e9, gigabytes: 1e9, gib: 1024 ** 3,
  tb: 1e12, terabyte: 1e12, terabytes: 1e12, tib: 1024 ** 4,
};

const WORD_NUMBERS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  fifteen: 15, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, ninety: 90, hundred: 100,
};

/** Words after a number that are no unit of a count ("3 of the", "5 or more", "10 and"). */
const NOT_A_NOUN = new Set([
  'of', 'or', 'and', 'to', 'per', 'in', 'on', 'at', 'by', 'for', 'the', 'a', 'an', 'is', 'are', 'was', 'be', 'x', 'more', 'less', 'fewer',
  'most', 'least', 'than', 'with', 'from', 'that', 'which', 'as', 'if', 'when', 'after', 'before', 'within', 'consecutive', 'additional', 'other',
]);

const NUMBER = `(\\d+(?:[.,]\\d+)*|${Object.keys(WORD_NUMBERS).join('|')})`;
const UNIT = `(%|percent\\b|[A-Za-z]+)?`;
const PER = `(?:\\s*(?:/|\\bper\\b|\\ban?\\b|\\beach\\b)\\s*(second|sec|s|minute|min|hour|hr|h|day|d|week|month|year)\\b)?`;
const ADJECTIVE = `(?:(?:failed|consecutive|invalid|unsuccessful|concurrent|additional|successive|incorrect|wrong|parallel|simultaneous|active|open)\\s+)?`;
const QUANTITY_RE = new RegExp(`(?<![\\w.,-])${NUMBER}(?:[ \\t]*-?[ \\t]*)${ADJECTIVE}${UNIT}${PER}`, 'gi');

/** Bound phrases, longest first, as they end just before the number. */
const BOUND_PHRASES: [RegExp, Bound][] = [
  [/\b(?:at most|no more than|not more than|up to|a maximum of|maximum of|max(?:imum)?|no longer than|not longer than|less than|fewer than|under|below|within|not exceed(?:ing)?|not to exceed|exceed(?:ing)?|shorter than|no later than|no greater than|not greater than|lower than|limited to|capped at)\s+$/i, 'max'],
  [/\b(?:at least|no less than|not less than|no fewer than|not fewer than|a minimum of|minimum of|min(?:imum)?|more than|over|above|longer than|greater than|no shorter than|not shorter than|for at least)\s+$/i, 'min'],
  [/\b(?:exactly|precisely)\s+$/i, 'exact'],
];

/** Whether a phrase ending here makes a time an upper bound of a retention ("delete after N": kept at most N). */
export const AFTER_RE = /\bafter\s+$/i;
export const FOR_RE = /\bfor\s+$/i;

function numberOf(raw: string): number | undefined {
  const lower = raw.toLowerCase();
  if (lower in WORD_NUMBERS) return WORD_NUMBERS[lower];
  // 1,000 and 1.5: a comma followed by three digits groups thousands; otherwise a decimal comma.
  const n = Number(/^\d{1,3}(?:,\d{3})+$/.test(raw) ? raw.replace(/,/g, '') : raw.replace(',', '.'));
  return Number.isFinite(n) ? n : undefined;
}

/** A crude stem so "requests"/"request", "deletes"/"deleted"/"delete" compare equal. */
export function stem(word: string): string {
  let w = word.toLowerCase();
  if (w.length <= 3) return w;
  if (/ies$/.test(w)) w = w.slice(0, -3) + 'y';
  else if (/(?:ss|us|is)$/.test(w)) {
    /* access, status, analysis: no plural */
  } else if (/(?:sses|xes|ches|shes|zzes)$/.test(w)) w = w.slice(0, -2);
  else if (/s$/.test(w)) w = w.slice(0, -1);
  else if (/ied$/.test(w)) w = w.slice(0, -3) + 'y';
  else if (/ed$/.test(w) && w.length > 4) w = w.slice(0, -2);
  else if (/ing$/.test(w) && w.length > 5) w = w.slice(0, -3);
  if (/([b-df-hj-np-tv-z])\1$/.test(w) && !/(?:ll|ss|zz)$/.test(w)) w = w.slice(0, -1);
  if (w.length > 3 && /e$/.test(w)) w = w.slice(0, -1);
  return w;
}

/** Every quantity in `text`, in order. */
export function findQuantities(text: string): Quantity[] {
  const out: Quantity[] = [];
  for (const m of text.matchAll(QUANTITY_RE)) {
    const value = numberOf(m[1]!);
    if (value === undefined) continue;
    const unitRaw = m[2]?.toLowerCase();
    const per = m[3]?.toLowerCase();
    let kind: string;
    let base: number;
    let unitLength = m[0].length;
    if (unitRaw === '%' || unitRaw === 'percent') {
      kind = 'percent';
      base = value;
    } else if (unitRaw !== undefined && unitRaw in SECONDS) {
      // "3 s" is seconds; but a bare digit followed by "s"/"d"/"h" inside a word was excluded by the unit match.
      kind = 'duration';
      base = value * SECONDS[unitRaw]!;
    } else if (unitRaw !== undefined && unitRaw in BYTES) {
      kind = 'size';
      base = value * BYTES[unitRaw]!;
    } else if (unitRaw !== undefined && !NOT_A_NOUN.has(unitRaw) && /^[a-z]{3,}$/.test(unitRaw)) {
      kind = `count:${stem(unitRaw)}`;
      base = value;
    } else if (per) {
      kind = 'count:';
      base = value;
      unitLength = m[0].length;
    } else {
      // A bare number (a version, a section number, "step 3"): not a quantity we can compare.
      continue;
    }
    if (per) {
      const perSeconds = SECONDS[per] ?? SECONDS[`${per}s`];
      if (perSeconds === undefined) continue;
      if (kind === 'duration' || kind === 'percent') continue;
      kind = `rate:${kind === 'size' ? 'size' : kind.slice('count:'.length)}`;
      base = base / perSeconds;
    } else if (unitRaw !== undefined && m[0].length > 0 && kind.startsWith('count:')) {
      // Only the number and its noun.
      unitLength = m[0].length;
    }
    const start = m.index;
    const before = text.slice(Math.max(0, start - 30), start);
    let bound: Bound = 'exact';
    let boundStart = start;
    for (const [re, b] of BOUND_PHRASES) {
      const bm = re.exec(before);
      if (bm) {
        bound = b;
        boundStart = start - (before.length - bm.index);
        break;
      }
    }
    const end = start + unitLength;
    out.push({ kind, value: round(base), bound, raw: text.slice(boundStart, end).replace(/\s+/g, ' ').trim(), start: boundStart, end });
  }
  return out;
}

function round(n: number): number {
  return Math.round(n * 1e9) / 1e9;
}

/**
 * Whether two statements of one quantity disagree: their sets of allowed values do not meet, or they state one limit
 * with two values (at most 10 vs at most 50: which is the limit?).
 */
export function incompatible(a: Pick<Quantity, 'value' | 'bound'>, b: Pick<Quantity, 'value' | 'bound'>): boolean {
  if (a.value === b.value) return false;
  if (a.bound === b.bound) return true;
  const [max, other] = a.bound === 'max' ? [a, b] : b.bound === 'max' ? [b, a] : [undefined, undefined];
  if (max && other) return other.value > max.value; // min above the max, or an exact value above it
  // min and exact
  const min = a.bound === 'min' ? a : b;
  const exact = a.bound === 'min' ? b : a;
  return exact.value < min.value;
}

/** The kind in words, for messages (the raw text next to it names the unit). */
export function kindLabel(kind: string): string {
  if (kind === 'duration') return 'time';
  if (kind === 'size') return 'size';
  if (kind === 'percent') return 'percentage';
  return kind.startsWith('rate:') ? 'rate' : 'count';
}
