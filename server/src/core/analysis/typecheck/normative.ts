import { scenarioStep } from '../../markdown/formats';
import type { ProseBlock } from '../../markdown/parseSpec';
import { LineIndex } from '../../text/lineIndex';
import type { Range } from '../../types';
import { AFTER_RE, findQuantities, FOR_RE, stem, type Bound } from './quantities';

/**
 * Normative statements of a spec [^tc1n]: from each sentence of its prose that carries a requirement keyword, the
 * modality, the subject, the action, the conditions and the quantities. Pure; the index runs it per chunk of a spec
 * (an edit re-extracts one section) and keeps the result with the spec's facts (`SpecFacts.typecheck`).
 *
 * Keywords: BCP 14 (RFC 2119 / RFC 8174) MUST, MUST NOT, SHALL, SHALL NOT, SHOULD, SHOULD NOT, MAY, REQUIRED; upper
 * case only in a document that cites BCP 14 (its boilerplate says so), either case elsewhere (the Model Spec writes
 * "should not"). EARS ("WHEN … THE SYSTEM SHALL …", "IF … THEN …") and spec-kit ("System MUST …") are the same shape:
 * a condition, a subject, a keyword, an action.
 */

export type Modality = 'must' | 'must-not' | 'should' | 'should-not' | 'may';

export interface StatementQuantity {
  kind: string;
  value: number;
  bound: Bound;
  raw: string;
}

export interface NormativeStatement {
  /** The clause the sentence belongs to (its heading clause or requirement item), when any. */
  clauseId?: string;
  /** That clause's authority (inherited). */
  authority?: string;
  /** The sentence. */
  range: Range;
  /** The sentence text, whitespace collapsed (for messages). */
  text: string;
  modality: Modality;
  /** Normalised (stemmed content words): who must. */
  subject: string;
  /** Normalised: what they must do, without quantities and bound words. */
  action: string;
  /** Normalised: when (WHEN/IF/WHILE/unless … parts), '' when unconditional. */
  condition: string;
  quantities: StatementQuantity[];
}

export interface TermDefinition {
  /** The term, lowercased. */
  term: string;
  /** The definition's text, whitespace collapsed. */
  text: string;
  /** Normalised content words of the definition. */
  meaning: string[];
  quantities: StatementQuantity[];
  /** The definition (its line). */
  range: Range;
  clauseId?: string;
  authority?: string;
}

/** What the index keeps per spec for the type checker. */
export interface TypecheckFacts {
  statements: NormativeStatement[];
  definitions: TermDefinition[];
}

/** A document that cites BCP 14 means only the upper-case keywords (RFC 8174). */
export function usesBcp14(text: string): boolean {
  return /\b(?:BCP ?14|RFC ?2119|RFC ?8174)\b/.test(text);
}

const KEYWORD = String.raw`\b(MUST|SHALL|SHOULD|MAY|REQUIRED)(?:\s+(NOT|NEVER)\b)?`;
const KEYWORD_UPPER = new RegExp(KEYWORD, 'g');
const KEYWORD_ANY = new RegExp(KEYWORD, 'gi');
const CONDITION_START = /^\s*(?:when|whenever|if|while|where|once|unless|during|in case|before|upon|on)\b/i;
const TRAILING_CONDITION = /\s(?:when|whenever|if|unless|while|during|except|provided that|in case|upon|only if)\b/i;
/**
 * "When X" and "if X" are one condition ("unless" is not: it negates); a discourse marker before the subject
 * ("However, …", "In addition, …") is no condition at all.
 */
const CONDITION_WORDS = new Set([
  'when', 'whenever', 'if', 'while', 'where', 'once', 'upon', 'then', 'during',
  'however', 'therefore', 'thus', 'hence', 'additionally', 'addition', 'furthermore', 'moreover', 'similarly', 'likewise', 'instead',
  'consequently', 'accordingly', 'particular', 'general', 'generally', 'practice', 'short', 'summary', 'note', 'finally', 'first', 'second',
]);
const STOP = new Set([
  'the', 'a', 'an', 'to', 'be', 'been', 'being', 'is', 'are', 'was', 'were', 'of', 'all', 'any', 'each', 'every', 'its', 'their', 'them', 'it', 'this',
  'that', 'these', 'those', 'also', 'always', 'then', 'and', 'or', 'for', 'after', 'within', 'in', 'at', 'per', 'up', 'than', 'no', 'more', 'less',
  'least', 'most', 'exactly', 'from', 'by', 'with', 'on', 'into', 'as', 'so', 'such', 'which', 'who', 'whom', 'there', 'has', 'have', 'had', 'do',
  'does', 'able', 'only', 'fewer', 'maximum', 'minimum', 'over', 'under', 'above', 'below', 'not', 'never', 'longer', 'shorter', 'exceed', 'exceeding',
  'until', 'limit', 'limited', 'capped', 'greater', 'lower', 'later', 'precisely', 'just', 'than', 'i.e', 'e.g', 'etc',
]);
/** Verbs whose time is how long something is kept: "delete X after N" keeps it at most N; "keep X for N" at least N. */
const REMOVE_VERBS = new Set(['delet', 'purg', 'remov', 'eras', 'discard', 'drop', 'destroy']);
const KEEP_VERBS = new Set(['keep', 'retain', 'stor', 'preserv', 'archiv', 'hold']);

/**
 * The sentence with each inline code span the prose masks named by a word of its own (`` `beam_mode` `` →
 * `code-beam-mode`): what a span names tells two statements apart ("A `beam_mode` enum SHALL … have four values" and
 * "A `fade_curve` enum SHALL … have three values" are not one subject; a trust sweep's Kiro repository had them
 * reported as a numeric conflict). `src` is the sentence's source, of the same length; otherwise the sentence as is.
 */
function withCodeNames(sentence: string, src: string): string {
  if (src.length !== sentence.length || !src.includes('`')) return sentence;
  let out = '';
  let at = 0;
  for (const m of src.matchAll(/(`+)([^`\n]+?)\1(?!`)/g)) {
    const end = m.index + m[0].length;
    if (sentence.slice(m.index, end).trim() !== '') continue;
    const name = m[2]!.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
    out += `${sentence.slice(at, m.index)} ${name ? `code-${name}` : ''} `;
    at = end;
  }
  return at === 0 ? sentence : out + sentence.slice(at);
}

function words(text: string): string[] {
  return (text.toLowerCase().match(/[a-z][a-z0-9'-]*/g) ?? []).map((w) => w.replace(/'s$/, ''));
}

function content(text: string): string[] {
  return words(text).filter((w) => !STOP.has(w)).map(stem);
}

/** Sentences of a block: ends at `.`, `!`, `?` or `;` followed by space, and at line breaks between list-like lines. */
function sentences(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const re = /[.!?;](?=\s|$)|\n\s*\n/g;
  let from = 0;
  for (const m of text.matchAll(re)) {
    const end = m.index + m[0].length;
    // "e.g." and "i.e." and numbers like "1." do not end a sentence.
    if (m[0] === '.' && /(?:\b(?:e\.g|i\.e|etc|vs|approx|cf|ca)|\d)$/i.test(text.slice(Math.max(0, m.index - 6), m.index))) continue;
    out.push({ start: from, end });
    from = end;
  }
  if (from < text.length) out.push({ start: from, end: text.length });
  return out;
}

/**
 * The normative statements of prose blocks (offsets relative to `source`, the text the blocks were parsed from).
 * `upperOnly`: the document cites BCP 14, so lower-case "must" is ordinary English.
 */
export function extractStatements(blocks: readonly ProseBlock[], source: string, upperOnly: boolean): NormativeStatement[] {
  const out: NormativeStatement[] = [];
  let lines: LineIndex | undefined;
  // A scenario written one step per item (OpenSpec, Gherkin lists: `- **WHEN** x`, `- **AND** y`, `- **THEN** the
  // system SHALL z`): the outcome holds under the scenario's conditions, so they are the statement's conditions too.
  let scenario = '';
  let step: 'condition' | 'outcome' | undefined;
  for (const block of blocks) {
    if (block.kind === 'heading') {
      scenario = '';
      step = undefined;
    }
    if (block.kind === 'heading' || block.record) continue;
    const text = block.text;
    const opened = scenarioStep(text);
    const marker = opened && !opened.comma ? opened.step : undefined;
    // The step's source, not the block's prose: code spans name what differs (`init --yes` against `init`).
    if (marker === 'then') step = 'outcome';
    else if (marker === 'and' || marker === 'but') {
      if (step === 'condition') scenario += ` ${source.slice(block.start, block.end)}`;
    } else if (marker !== undefined) {
      if (step !== 'condition') scenario = '';
      scenario += ` ${source.slice(block.start, block.end)}`;
      step = 'condition';
    } else step = undefined;
    const given = step === 'outcome' && (marker === 'then' || marker === 'and' || marker === 'but') ? normalCondition(scenario) : '';
    if (step === undefined) scenario = '';
    if (!(upperOnly ? /\b(?:MUST|SHALL|SHOULD|MAY|REQUIRED)\b/ : /\b(?:must|shall|should|may|required)\b/i).test(text)) continue;
    for (const s of sentences(text)) {
      const sentence = text.slice(s.start, s.end);
      const found = statementOf(withCodeNames(sentence, source.slice(block.start + s.start, block.start + s.end)), upperOnly);
      if (!found) continue;
      const statement = given ? { ...found, condition: `${given} ${found.condition}`.trim() } : found;
      lines ??= new LineIndex(source);
      const lead = sentence.length - sentence.trimStart().length;
      const trail = sentence.length - sentence.trimEnd().length;
      out.push({
        ...(block.clauseId !== undefined ? { clauseId: block.clauseId } : {}),
        ...(block.authority !== undefined ? { authority: block.authority } : {}),
        range: lines.rangeOf(block.start + s.start + lead, block.start + s.end - trail),
        text: sentence.replace(/\s+/g, ' ').trim(),
        ...statement,
      });
    }
  }
  return out;
}

function normalCondition(text: string): string {
  return words(text).filter((w) => !STOP.has(w) && !CONDITION_WORDS.has(w) && w !== 'given' && w !== 'but').map(stem).join(' ');
}

type Extracted = Pick<NormativeStatement, 'modality' | 'subject' | 'action' | 'condition' | 'quantities'>;

/** One sentence's requirement (its first keyword), or undefined when it states none we can compare. */
export function statementOf(sentence: string, upperOnly: boolean): Extracted | undefined {
  const re = upperOnly ? KEYWORD_UPPER : KEYWORD_ANY;
  re.lastIndex = 0;
  const m = re.exec(sentence);
  if (!m) return undefined;
  // Only one requirement per sentence is compared: two keywords ("MUST x and MAY y") make the action unclear.
  if (re.exec(sentence)) return undefined;
  const keyword = m[1]!.toLowerCase();
  // "REQUIRED" as an adjective ("is REQUIRED to") is MUST; elsewhere ("fields are required") not a statement we read.
  if (keyword === 'required' && !/\bto\s*$/.test(sentence.slice(m.index + m[0].length, m.index + m[0].length + 4))) return undefined;
  let negated = m[2] !== undefined;
  let rest = sentence.slice(m.index + m[0].length);
  // "must not" written as "must never", "may not" (permission denied: read as MUST NOT only when upper case).
  if (/^\s+never\b/i.test(rest)) {
    negated = true;
    rest = rest.replace(/^\s+never\b/i, ' ');
  }
  if (keyword === 'may' && negated && m[0] !== m[0].toUpperCase()) return undefined; // "may not": maybe not, or must not?
  let modality: Modality =
    keyword === 'should' ? (negated ? 'should-not' : 'should') : keyword === 'may' ? (negated ? 'must-not' : 'may') : negated ? 'must-not' : 'must';

  // Before the keyword: conditions, then the subject (EARS "WHEN …, THE SYSTEM SHALL", "IF … THEN the system SHALL").
  let before = sentence.slice(0, m.index).replace(/^[\s\-*+>]*(?:\d+[.)]\s*)?/, '');
  let condition = '';
  const then = /\bTHEN\b/i.exec(before);
  if (CONDITION_START.test(before) || then) {
    const split = then ? then.index : Math.max(before.lastIndexOf(','), -1);
    if (split < 0) {
      // "WHEN a user submits THE SYSTEM SHALL": the subject is the upper-case tail, else unknown.
      const upper = /\bTHE\s+[A-Z][A-Z ]+$/.exec(before.trimEnd());
      if (!upper) return undefined;
      condition = before.slice(0, upper.index);
      before = upper[0];
    } else {
      condition = before.slice(0, split);
      before = before.slice(split + (then ? then[0].length : 1));
    }
  } else if (before.includes(',')) {
    // "For admins, the session MUST …": an introductory phrase is a condition.
    const comma = before.lastIndexOf(',');
    condition = before.slice(0, comma);
    before = before.slice(comma + 1);
  }
  // A requirement item's label (spec-kit "FR-001:", Kiro "1.2:") is no part of the subject.
  if (before.includes(':')) before = before.slice(before.lastIndexOf(':') + 1);
  const subjectWords = content(before);
  // A sentence whose subject is a pronoun or missing ("It MUST …", "They should …") says nothing we can match.
  if (subjectWords.length === 0 || subjectWords.length > 6 || /^(?:it|they|we|you|he|she|one|thi|that|which|i)$/.test(subjectWords.join(' '))) return undefined;

  // After the keyword: the action, up to a trailing condition.
  const tail = TRAILING_CONDITION.exec(rest);
  if (tail) {
    condition = `${condition} ${rest.slice(tail.index)}`;
    rest = rest.slice(0, tail.index);
  }
  const found = findQuantities(rest);
  const quantities: StatementQuantity[] = [];
  let actionText = rest;
  for (const q of [...found].reverse()) actionText = actionText.slice(0, q.start) + ' ' + actionText.slice(q.end);
  let action = content(actionText);
  if (action.length === 0 || action.length > 12) return undefined;
  const verb = action[0]!;
  for (const q of found) {
    const kind = q.kind;
    let bound = q.bound;
    const lead = rest.slice(Math.max(0, q.start - 12), q.start);
    if (kind === 'duration' && REMOVE_VERBS.has(verb) && (bound === 'exact' && AFTER_RE.test(lead))) bound = 'max';
    else if (kind === 'duration' && KEEP_VERBS.has(verb) && bound === 'exact' && FOR_RE.test(lead)) bound = 'min';
    else if (kind === 'duration' && REMOVE_VERBS.has(verb) && bound === 'exact') continue; // "delete within": not a retention
    if (bound === 'exact' && kind === 'duration' && /\b(?:within|in)\s+$/i.test(lead)) bound = 'max';
    quantities.push({ kind, value: q.value, bound, raw: q.raw });
  }
  // "delete logs after 30 days" and "keep logs for 90 days" state one thing: how long logs are retained.
  if (quantities.some((q) => q.kind === 'duration') && (REMOVE_VERBS.has(verb) || KEEP_VERBS.has(verb))) action = ['retain', ...action.slice(1)];
  // "MUST NOT keep logs for more than 30 days": at most 30 days. A negated exact value says nothing comparable.
  if ((modality === 'must-not' || modality === 'should-not') && quantities.length) {
    if (quantities.some((q) => q.bound === 'exact')) return undefined;
    for (const q of quantities) q.bound = q.bound === 'max' ? 'min' : 'max';
    modality = modality === 'must-not' ? 'must' : 'should';
  }
  return { modality, subject: subjectWords.join(' '), action: action.join(' '), condition: words(condition).filter((w) => !STOP.has(w) && !CONDITION_WORDS.has(w)).map(stem).join(' '), quantities };
}

const VOCABULARY_HEADING = /^(#{1,6})[ \t]+(?:[^\n]*\b)?(?:definitions|terminology|glossary|terms and definitions|conventions and definitions)\b[^\n]*$/gim;

/**
 * Whether a text may hold a term definition extractDefinitions reads (a vocabulary heading, or `"term" means …`). Both
 * are read within a line, so a text cut at line starts has one exactly when one of its pieces has.
 */
export function mayDefineTerms(text: string): boolean {
  VOCABULARY_HEADING.lastIndex = 0;
  const heading = VOCABULARY_HEADING.test(text);
  VOCABULARY_HEADING.lastIndex = 0;
  return heading || QUOTED_DEFINITION.test(text);
}

const QUOTED_DEFINITION = /["“]([^"”\n]{2,60})["”][ \t]+(?:means|refers to|is defined as|denotes)\b([^\n]+?)(?:\.(?:\s|$)|\n|$)/;

/**
 * Where the document's terms (`documentTerms`, the ambiguity pass's vocabulary) are defined: list entries in a
 * Definitions / Terminology / Glossary section (`- **Term**: …`, `- Term: …`, `Term` then `: …`) and `"Term" means …`
 * anywhere. A spec-kit "Key Entities" list describes a feature's data, not the meaning of a word: not a definition.
 */
export function extractDefinitions(text: string, terms: readonly string[], clauseAt: (offset: number) => { clauseId?: string; authority?: string }): TermDefinition[] {
  if (terms.length === 0) return [];
  const wanted = new Set(terms);
  const out: TermDefinition[] = [];
  let lines: LineIndex | undefined;
  const add = (term: string, body: string, at: number): void => {
    const key = term.trim().replace(/[*_`]/g, '').replace(/\s+/g, ' ').toLowerCase();
    if (!wanted.has(key) || out.some((d) => d.term === key)) return;
    const clean = body.replace(/<!--[\s\S]*?-->/g, ' ').replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim();
    if (clean.length < 3) return;
    lines ??= new LineIndex(text);
    const quantities = findQuantities(clean).map((q) => ({ kind: q.kind, value: q.value, bound: q.bound, raw: q.raw }));
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    const lineEnd = text.indexOf('\n', at);
    out.push({ term: key, text: clean, meaning: content(clean), quantities, range: lines.rangeOf(lineStart, lineEnd < 0 ? text.length : lineEnd), ...clauseAt(at) });
  };
  for (const h of text.matchAll(VOCABULARY_HEADING)) {
    const depth = h[1]!.length;
    const from = h.index + h[0].length;
    const end = new RegExp(`^#{1,${depth}}[ \\t]`, 'm').exec(text.slice(from));
    const section = text.slice(from, end ? from + end.index : text.length);
    for (const m of section.matchAll(/^[ \t]*(?:[-*+]|\d+[.)])?[ \t]*(?:\*\*|__)?([^*_\n:]{2,60}?)(?:\*\*|__)?[ \t]*(?::|—|–| - )[ \t]*([^\n]+(?:\n(?![ \t]*(?:[-*+]|\d+[.)])[ \t])(?![ \t]*\n)[^\n#]+)*)/gm)) {
      add(m[1]!, m[2]!, from + m.index);
    }
    for (const m of section.matchAll(/^([^\n:#>|`\-*][^\n:]{1,58})\r?\n:[ \t]+([^\n]+)/gm)) add(m[1]!, m[2]!, from + m.index);
  }
  for (const m of text.matchAll(/["“]([^"”\n]{2,60})["”][ \t]+(?:means|refers to|is defined as|denotes)\b([^\n]+?)(?:\.(?:\s|$)|\n|$)/g)) add(m[1]!, m[2]!, m.index);
  return out;
}
