import { SPEC_KIT_MENTION } from './formats';

/**
 * Which requirement mentions in a feature's files are about ANOTHER feature's requirement [^ki2r] [^sk2m].
 *
 * A Kiro feature often leans on a sibling feature: "matching `.kiro/specs/http-transport/` Requirement 10.3",
 * "extends the certificate-authority framework's Requirement 17 and reuses its Requirement 9", "AWS Requirement 19.3",
 * "Requirement 7 of that spec", "(Requirements 15.7 and 15.8 there)". A spec-kit feature names the other feature by
 * its number or folder: "extending FR-032 of the 001-csv-export spec", "consistent with feature 002 FR-114", "from
 * feature 002 (FR-109)", "`specs/001-csv-export/spec.md` FR-032". Such a mention is not a reference to this feature's
 * requirement (it must neither be reported as unknown nor resolve to this feature's clause of the same number).
 * Only what the sentence itself says counts: a plain "Requirement 3.2", `_Requirements: 3.2_` or "FR-099" is this
 * feature's.
 */

/** The two formats whose feature folders hold requirement mentions. */
export type FeatureFormat = 'kiro' | 'spec-kit';

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

/** Right before a mention: "this spec's", "the feature's own", the feature's own document. */
const OWN_DOCUMENT_BEFORE = /(?:^|[^\w-])(?:this|the|our)\s+(?:spec(?:ification)?|feature|document)(?:'s|’s)?(?:\s+own)?\s+$/i;
/** Right after a mention: "there" (the feature the sentence just named). */
const THERE_AFTER = /^\s+there\b/i;

/** What the words around one Kiro mention say of its feature: `before` ends where `Requirement` starts, `after` starts after its ids. */
function kiroQualifier(before: string, after: string, feature: string): Qualifier {
  const self = feature ? new RegExp(`(?<![\\w-])${escape(feature)}(?![\\w-])`, 'i') : undefined;
  const isSelf = (name: string): boolean => name.toLowerCase() === feature.toLowerCase();
  // Right before "Requirement".
  if (OWN_DOCUMENT_BEFORE.test(before)) return 'local';
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
  if (THERE_AFTER.test(rest)) return 'other';
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
 * A spec-kit feature as a sentence names it: its folder, numbered as spec-kit numbers them (`001-csv-export`: zero-padded,
 * then a name that starts with a letter; "a 100-item page" or a date is no feature).
 */
const SPEC_KIT_FEATURE_NAME = String.raw`0\d{2,}-[A-Za-z][\w.-]*?`;
/** "feature 002", "spec 001-csv-export", "Feature #3": a feature named by its number. */
const SPEC_KIT_FEATURE_NUMBER = String.raw`(?:feature|spec(?:ification)?)\s+#?(\d{3,})(?:-[A-Za-z][\w.-]*?)?`;
const SPEC_KIT_BEFORE = [
  // `specs/001-csv-export/spec.md` FR-032, (see specs/001-csv-export/, FR-032)
  new RegExp(String.raw`(?<![\w.-])specs\/(\d{3,}-[^/\s\`'")]+)(?:\/[^\s\`]*)?\`?\)?(?:'s|’s)?[\s,(]*$`),
  // feature 002 FR-114, from feature 002 (FR-109), spec 001's FR-003
  new RegExp(String.raw`(?:^|[^\w-])${SPEC_KIT_FEATURE_NUMBER}\`?(?:'s|’s)?[\s(]*$`, 'i'),
  // the 001-csv-export spec FR-032, 001-csv-export's FR-032, \`001-csv-export\` (FR-032)
  new RegExp(String.raw`(?:^|[^\w-])\`?(${SPEC_KIT_FEATURE_NAME})\`?(?:'s|’s)?(?:\s+(?:spec(?:ification)?|feature)(?:'s|’s)?)?[\s(]*$`),
];
const SPEC_KIT_AFTER = [
  // FR-032 of `specs/001-csv-export/spec.md`
  new RegExp(String.raw`^[\s,]*\(?(?:of|in|from)\s+\`?(?:\.\/)?specs\/(\d{3,}-[^/\s\`'")]+)`),
  // FR-032 of feature 001, FR-032 in the 001-csv-export spec, FR-109 (feature 002), FR-109 (001-csv-export)
  new RegExp(String.raw`^[\s,]*(?:\(|(?:of|in|from)\s+(?:the\s+)?)(?:${SPEC_KIT_FEATURE_NUMBER}|\`?(${SPEC_KIT_FEATURE_NAME})(?![\w-]))`, 'i'),
];

/** Whether a feature named in a sentence (by number or folder) is `feature`, the mentioning file's feature folder. */
function isSpecKitFeature(named: string, feature: string): boolean {
  if (named.toLowerCase() === feature.toLowerCase()) return true;
  const number = /^\d+/.exec(named)?.[0];
  const own = /^\d+/.exec(feature)?.[0];
  return number !== undefined && own !== undefined && Number(number) === Number(own);
}

/**
 * What the words around one spec-kit mention say of its feature: only a feature named by its number or folder, or
 * "there" and "of that spec" after it (a spec named by a word, "the export spec", is left alone: that may be this one).
 */
function specKitQualifier(before: string, after: string, feature: string): Qualifier {
  if (OWN_DOCUMENT_BEFORE.test(before)) return 'local';
  for (const re of SPEC_KIT_BEFORE) {
    const m = re.exec(before);
    if (m) return isSpecKitFeature(m[1]!, feature) ? 'local' : 'other';
  }
  if (THERE_AFTER.test(after)) return 'other';
  for (const re of SPEC_KIT_AFTER) {
    const m = re.exec(after);
    if (m) return isSpecKitFeature((m[1] ?? m[2])!, feature) ? 'local' : 'other';
  }
  if (/^\s+(?:of|in|from)\s+(?:that|its|their)\s+(?:[^\s]+\s+){0,2}?(?:spec|specification|feature)\b/i.test(after)) return 'other';
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

/** The mentions of each format: Kiro's `Requirement 1.2` (and lists of ids after it), spec-kit's `FR-001`. */
const MENTION: Record<FeatureFormat, RegExp> = { kiro: new RegExp(KIRO_MENTION, 'g'), 'spec-kit': new RegExp(SPEC_KIT_MENTION, 'g') };

/** Between two mentions, nothing but a list's comma or and/or (an aside in parentheses set apart): "FR-012, FR-013 and". */
function joinedInList(between: string): boolean {
  return /^\s*(?:,\s*(?:(?:and|or)\s+)?|(?:and|or)\s+)$/.test(between.replace(/\([^()]*\)/g, ' '));
}

/**
 * Whether the mention that starts at `at` of `text` (Kiro: its `Requirement` word; spec-kit: its id) names another
 * feature's requirement. `text` runs from the start of the mention's sentence (the caller cuts it) to a little past the
 * mention; `feature` is the mentioning file's feature folder name. A mention with no qualifier of its own takes that of
 * the mention it is listed with, earlier in the sentence ("feature 001 FR-011 and FR-013"), or of the list it heads
 * when the list's last mention is qualified after it ("FR-011 and FR-013 of the 001-pantry spec").
 */
export function namesOtherFeature(text: string, at: number, feature: string, format: FeatureFormat): boolean {
  // Most spec-kit sentences name no feature at all: nothing to read.
  if (format === 'spec-kit' && !/feature|spec|there|\d{3}-[A-Za-z]/i.test(text)) return false;
  const mentions = [...text.matchAll(MENTION[format])];
  const qualifierOf = (i: number): Qualifier => {
    const m = mentions[i]!;
    const end = m.index + m[0].length;
    // The label form `_Requirements: 1.2_` is the feature's own traceability line.
    if (format === 'kiro' && /^Requirements?[ \t]*:/.test(m[0])) return 'local';
    return (format === 'kiro' ? kiroQualifier : specKitQualifier)(text.slice(0, m.index), text.slice(end, end + 160), feature);
  };
  let previous: { end: number; other: boolean } | undefined;
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i]!;
    if (m.index > at) break;
    const end = m.index + m[0].length;
    let q = qualifierOf(i);
    if (q === undefined && previous?.other && listedWith(text.slice(previous.end, m.index))) q = 'other';
    if (m.index === at) {
      for (let j = i + 1; q === undefined && j < mentions.length; j++) {
        const before = mentions[j - 1]!;
        if (!joinedInList(text.slice(before.index + before[0].length, mentions[j]!.index))) break;
        q = qualifierOf(j);
      }
      return q === 'other';
    }
    previous = { end, other: q === 'other' };
  }
  return false;
}

/** Kiro: whether the `Requirement` mention at `at` of `text` names another feature's requirement (namesOtherFeature). */
export function namesOtherKiroFeature(text: string, at: number, feature: string): boolean {
  return namesOtherFeature(text, at, feature, 'kiro');
}

/**
 * Whether the mention at `at` of `text`, in the block [from, to), names another feature's requirement: its sentence
 * (not before the block, at most 600 characters back) up to 400 characters past it, read by namesOtherFeature. The
 * tree walk and the scanner ask the same question of the same text.
 */
export function mentionOfOtherFeature(text: string, from: number, to: number, at: number, feature: string, format: FeatureFormat): MentionPlace {
  const begin = sentenceStart(text, Math.max(from, at - 600), at);
  const sentence = text.slice(begin, Math.min(to, at + 400));
  if (namesOtherFeature(sentence, at - begin, feature, format)) return 'other';
  if (format === 'spec-kit' && sentenceNamesOtherSpecKitFeature(sentence, at - begin, feature)) return 'unsure';
  return undefined;
}

/**
 * Where a mention's sentence places it: another feature's requirement (`other`); this feature's when this feature
 * declares the id, else the other feature's the sentence names ("Dependency on the 001-csv-export spec: FR-117 extends
 * FR-032"), and then not unknown (`unsure`); this feature's (undefined).
 */
export type MentionPlace = 'other' | 'unsure' | undefined;

/** spec-kit: the sentence around `at` (up to its end) names a feature other than `feature`, by number, folder or path. */
function sentenceNamesOtherSpecKitFeature(text: string, at: number, feature: string): boolean {
  const end = /[.!?](?:\s|$)/.exec(text.slice(at));
  const sentence = end ? text.slice(0, at + end.index) : text;
  const names = new RegExp(String.raw`(?<![\w.-])specs\/(\d{3,}-[^/\s\`'")]+)|(?:^|[^\w-])${SPEC_KIT_FEATURE_NUMBER}(?![\w])|(?<![\w-])(${SPEC_KIT_FEATURE_NAME})(?![\w-])`, 'gi');
  for (const m of sentence.matchAll(names)) if (!isSpecKitFeature((m[1] ?? m[2] ?? m[3])!, feature)) return true;
  return false;
}

/** The feature folder of a file of a feature: `.kiro/specs/<name>/…` (its folder), `specs/<NNN-name>/…` (spec-kit). */
export function featureOf(file: string, format: FeatureFormat): string {
  if (format === 'kiro') return /([^/]+)\/[^/]*$/.exec(file)?.[1] ?? '';
  return /(?:^|\/)specs\/(\d{3,}-[^/]+)\//.exec(file)?.[1] ?? '';
}

/** Where the sentence around offset `at` of `text` starts, not before `from`: after the last `.`, `!` or `?` and a blank. */
export function sentenceStart(text: string, from: number, at: number): number {
  for (let i = at - 1; i > from; i--) {
    const c = text.charCodeAt(i);
    if ((c === 32 || c === 9 || c === 10 || c === 13) && /[.!?]/.test(text[i - 1]!)) return i;
  }
  return from;
}
