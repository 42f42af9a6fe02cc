/**
 * Kiro: which `Requirement N` mentions in a feature's files are about ANOTHER feature's requirement [^ki2r].
 *
 * A Kiro feature often leans on a sibling feature: "matching `.kiro/specs/http-transport/` Requirement 10.3",
 * "extends the certificate-authority framework's Requirement 17 and reuses its Requirement 9", "AWS Requirement 19.3",
 * "Requirement 7 of that spec", "(Requirements 15.7 and 15.8 there)". Such a mention is not a reference to this
 * feature's criterion (it must neither be reported as unknown nor resolve to this feature's clause of the same number).
 * Only what the sentence itself says counts: a plain "Requirement 3.2" or `_Requirements: 3.2_` is this feature's.
 */

/** Kiro's references to requirements: `_Requirements: 1.1, 2.3_`, `Validates: Requirements 1.2`, `Requirement 3.2`. */
export const KIRO_MENTION = String.raw`\bRequirements?\b[ \t]*:?[ \t]*((?:\d+(?:\.\d+)?)(?:[ \t]*(?:,|and|-|\u2013|to)[ \t]*\d+(?:\.\d+)?)*)`;

/** Words in capitals that are no one's name: EARS and BCP 14 keywords, and a few more written in capitals. */
const CAPITAL_WORDS = new Set(
  'A AN AND OR NOT NO IF THEN WHEN WHERE WHILE UNLESS THE SYSTEM SHALL MUST SHOULD MAY WILL CAN REQUIRED RECOMMENDED OPTIONAL PER SEE ALL ANY EACH EVERY ON IN OF TO FOR WITH BY AS AT FROM ALSO NOTE AC FR NFR MVP NEW'.split(' '),
);

/** Determiners and nouns that, before "spec"/"'s", name this feature's own document. */
const OWN = /^(?:this|the|our|same|current|present|whole|entire|requirements?|design|tasks|feature|spec|document|above|below)$/i;

type Qualifier = 'local' | 'other' | undefined;

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** What the words around one mention say of its feature: `before` ends where `Requirement` starts, `after` starts after its ids. */
function qualifier(before: string, after: string, feature: string): Qualifier {
  const self = feature ? new RegExp(`(?<![\\w-])${escape(feature)}(?![\\w-])`, 'i') : undefined;
  const isSelf = (name: string): boolean => name.toLowerCase() === feature.toLowerCase();
  // Right before "Requirement".
  if (/(?:^|[^\w-])(?:this|the|our)\s+(?:spec(?:ification)?|feature|document)(?:'s|’s)?(?:\s+own)?\s+$/i.test(before)) return 'local';
  const path = /\.kiro\/specs\/([^/\s`'")]+)(?:\/[^\s`]*)?`?\)?(?:'s|’s)?[\s,]*$/.exec(before);
  if (path) return isSelf(path[1]!) ? 'local' : 'other';
  const near = before.slice(-80);
  const possessive = /(?:(\S+?)(?:'s|’s)|s'|s’|(?<![\w-])(?:its|their))(?:\s+own)?\s+$/i.exec(before);
  if (possessive) {
    // `requirements.md`'s Requirement 5.2: a file of this feature's own.
    if (/^[`*_]*[\w.-]+\.md[`*_]*$/i.test(possessive[1] ?? '')) return 'local';
    return self?.test(near) ? 'local' : 'other';
  }
  const named = /(?:^|\s)\(?([^\s(]+)\s+(?:spec|specification|framework)\s+$/i.exec(before);
  if (named) {
    const word = named[1]!.replace(/^[`*_"']+|[`*_"',]+$/g, '');
    if (!OWN.test(word) && !/^(?:a|an|each|every|any|that)$/i.test(word)) return self?.test(near) ? 'local' : 'other';
    if (/^that$/i.test(word)) return 'other';
  }
  const code = /`([a-z0-9]+(?:-[a-z0-9]+)+)`\s+$/.exec(before);
  if (code) return isSelf(code[1]!) ? 'local' : 'other';
  // A name in capitals where a name goes ("matching AWS Requirement 19.3", "the OCI Requirement 13.9"), not a noun of
  // the sentence ("the node role ARN Requirement 3 creates").
  const capital = /(?:^|[(\u2014\u2013,;:]\s*|(?:^|[^\w-])(?:the|a|an|of|per|in|with|from|by|to|for|like|under|as|and|or|unlike|match|matches|matching|mirror|mirrors|mirroring|follow|follows|following|see|extends|reuses)\s+)([A-Z][A-Z0-9]{1,7})\s+$/i.exec(before);
  if (capital && /^[A-Z][A-Z0-9]+$/.test(capital[1]!) && !CAPITAL_WORDS.has(capital[1]!)) {
    const word = capital[1]!.toLowerCase();
    const parts = feature.toLowerCase().split(/[-_.]+/).filter(Boolean);
    return parts.includes(word) || parts.map((p) => p[0]).join('') === word ? 'local' : 'other';
  }
  // Right after the ids (past more ids written `/10.14`).
  const rest = after.replace(/^(?:[ \t]*\/[ \t]*\d+(?:\.\d+)*)+/, '');
  if (/^\s+there\b/i.test(rest)) return 'other';
  const ofPath = /^\s+(?:of|in|from)\s+`?\.kiro\/specs\/([^/\s`]+)/i.exec(rest);
  if (ofPath) return isSelf(ofPath[1]!) ? 'local' : 'other';
  const ofCode = /^\s+(?:of|in|from)\s+`([a-z0-9]+(?:-[a-z0-9]+)+)`/.exec(rest);
  if (ofCode) return isSelf(ofCode[1]!) ? 'local' : 'other';
  const ofSpec = /^\s+(?:of|in|from)\s+(that|the|its|their)\s+((?:[^\s]+\s+){0,2}?)(?:spec|specification|framework)\b/i.exec(rest);
  if (ofSpec) {
    const words = ofSpec[2]!.trim();
    if (/^(?:that|its|their)$/i.test(ofSpec[1]!)) return 'other';
    if (!words || words.split(/\s+/).every((w) => OWN.test(w.replace(/[`*_]/g, '')))) return 'local';
    return self?.test(words) ? 'local' : 'other';
  }
  return undefined;
}

/**
 * The text between two mentions lists them together ("its Requirement 9 (signing), Requirement 15 (renewal), and
 * Requirement 19"): a comma or and/or, and at most two other words once parentheses are set aside.
 */
function listedWith(between: string): boolean {
  const bare = between.replace(/\([^()]*\)/g, ' ').replace(/^(?:'s|’s)/, '');
  if (/[.;:!?()]/.test(bare)) return false;
  if (!/,|\b(?:and|or)\b/.test(bare)) return false;
  const words = bare.match(/[A-Za-z][\w-]*/g) ?? [];
  return words.filter((w) => !/^(?:and|or|plus|as|well)$/i.test(w)).length <= 2;
}

/**
 * Whether the mention that starts at `at` of `text` (its `Requirement` word) names another feature's requirement.
 * `text` runs from the start of the mention's sentence (the caller cuts it) to a little past the mention; `feature` is
 * the mentioning file's feature folder name. A mention with no qualifier of its own takes that of the mention it is
 * listed with, earlier in the sentence.
 */
export function namesOtherKiroFeature(text: string, at: number, feature: string): boolean {
  let previous: { end: number; other: boolean } | undefined;
  for (const m of text.matchAll(new RegExp(KIRO_MENTION, 'g'))) {
    if (m.index > at) break;
    const end = m.index + m[0].length;
    // The label form `_Requirements: 1.2_` is the feature's own traceability line.
    let q: Qualifier = /^Requirements?[ \t]*:/.test(m[0]) ? 'local' : qualifier(text.slice(0, m.index), text.slice(end, end + 160), feature);
    if (q === undefined && previous?.other && listedWith(text.slice(previous.end, m.index))) q = 'other';
    if (m.index === at) return q === 'other';
    previous = { end, other: q === 'other' };
  }
  return false;
}

/** Where the sentence around offset `at` of `text` starts, not before `from`: after the last `.`, `!` or `?` and a blank. */
export function sentenceStart(text: string, from: number, at: number): number {
  for (let i = at - 1; i > from; i--) {
    const c = text.charCodeAt(i);
    if ((c === 32 || c === 9 || c === 10 || c === 13) && /[.!?]/.test(text[i - 1]!)) return i;
  }
  return from;
}
