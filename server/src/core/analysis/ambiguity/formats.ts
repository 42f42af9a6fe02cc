import type { SpecFacts } from '../../markdown/parseSpec';
import { isDraftFormat, isFeatureSpecName, isTemplatePath, KIRO_FOLDER_RE, OPENSPEC_FOLDER_RE, openspecChangeOf, SPEC_KIT_FOLDER_RE } from '../../markdown/formats';
import { CLASS_WORDS } from './classes';

/**
 * Which Markdown files the ambiguity pass reviews, and as what format: THE one decision [^am7f]. Each format is
 * recognised by evidence in the file (or its path), never by its name alone:
 *  - `kramdown-rfc`: an IETF draft in kramdown-rfc: YAML front matter followed by a `--- abstract` line;
 *  - `spec-kit`: a GitHub spec-kit feature spec: the `spec.md` (or `spec.<variant>.md`, see `isFeatureSpecName`) of a
 *    feature folder (`specs/NNN-name/`, the index's `format`),
 *    `**FR-001**` requirement ids, or a `# Feature Specification` title with a `## Requirements` / `## Success
 *    Criteria` section (a `[NEEDS CLARIFICATION: …]` alone is no evidence: docs mention the marker);
 *  - `kiro`: a Kiro requirements document: the `requirements.md` of a `.kiro/specs/<feature>/` folder, or EARS criteria (`WHEN … THEN … SHALL`) in a
 *    `#### Acceptance Criteria` section;
 *  - `openspec`: an OpenSpec capability spec: the `spec.md` of `openspec/specs/<capability>/` or of a change's
 *    `openspec/changes/<change>/specs/<capability>/`, or `### Requirement: …` headings with `#### Scenario: …` ones;
 *  - `model-spec`: a spec that declares clauses with `{#id authority=…}` headings or footnote ids;
 *  - `markdown`: another spec that declares clauses (`{#id}` headings, footnote ids that are not text notes), a KEP (`# KEP-1234: …` with a
 *    `## Proposal` or `### Goals` section), or a document that adopts BCP 14's key words (quotes `"MUST NOT"` and
 *    cites RFC 2119 or BCP 14; only their capitals are keywords there).
 * A README, a changelog or notes without any of this are not specs: not reviewed. Neither is a template, an archived
 * OpenSpec change (`openspec/changes/archive/<change>/`: applied, history; its capability specs are reviewed), nor
 * meeting notes, minutes or an agenda whose only evidence is clause anchors (`notesPath`).
 *
 * The index's own `format` (from the path and front matter, see spec/formats.ts) is evidence too, when given.
 */
export type SpecFormat = 'model-spec' | 'kramdown-rfc' | 'mmark' | 'spec-kit' | 'kiro' | 'openspec' | 'markdown';

export interface Review {
  format: SpecFormat;
  /** Offset where the reviewed prose starts (after a kramdown-rfc front matter and its `--- abstract` line). */
  from: number;
  /**
   * The document adopts BCP 14 (quotes the key words, cites RFC 2119 or BCP 14): only the capitals are keywords there
   * (RFC 8174), as in a kramdown-rfc draft.
   */
  capitalsOnly?: true;
}

const CODE = /^ {0,3}(`{3,}|~{3,})[^\n]*\n[\s\S]*?^ {0,3}\1[ \t]*$|`[^`\n]+`/gm;
const KRAMDOWN_ABSTRACT = /^---[ \t]+abstract[ \t]*$/m;
const KRAMDOWN_FRONT = /^---[ \t]*\r?\n[\s\S]*?^(?:title|docname|ipr|category|abbrev):/m;
const SPEC_KIT_ID = /\*\*(?:FR|SC|NFR)-\d{3}\*\*/;
const FEATURE_SPEC = /^#[ \t]+Feature Specification\b/m;
const SPEC_KIT_SECTION = /^##[ \t]+(?:Requirements|Success Criteria|User Scenarios)/m;
const EARS = /^\s*(?:\d+\.|[-*])\s+(?:WHEN|WHILE|IF|WHERE)\b[^\n]*\bSHALL\b/m;
const ACCEPTANCE_HEADING = /^#{2,6}[ \t]+Acceptance Criteria\b/m;
const KEP_TITLE = /^#[ \t]+KEP-\d+\b/m;
/** BCP 14's boilerplate: the key words quoted (`"MUST NOT"`) and RFC 2119 or BCP 14 cited, each within a line. */
const BCP14_KEY_WORDS = /"MUST NOT"/;
const BCP14_CITED = /\b(?:BCP ?14|RFC ?2119)\b/;
const OPENSPEC_REQUIREMENT = /^###[ \t]+Requirement:[ \t]+\S/m;
const OPENSPEC_SCENARIO = /^####[ \t]+Scenario:[ \t]+\S/m;
const KEP_SECTION = /^#{2,3}[ \t]+(?:Proposal|Goals|Motivation)\b/m;

/** What a text shows of the formats (on its text with code blanked): the evidence reviewOf decides on. */
export interface ReviewEvidence {
  specKitId: boolean;
  featureSpec: boolean;
  specKitSection: boolean;
  ears: boolean;
  acceptance: boolean;
  kepTitle: boolean;
  kepSection: boolean;
  openspecRequirement: boolean;
  openspecScenario: boolean;
  bcp14KeyWords: boolean;
  bcp14Cited: boolean;
}

function evidenceOf(text: string): ReviewEvidence {
  return {
    specKitId: SPEC_KIT_ID.test(text),
    featureSpec: FEATURE_SPEC.test(text),
    specKitSection: SPEC_KIT_SECTION.test(text),
    ears: EARS.test(text),
    acceptance: ACCEPTANCE_HEADING.test(text),
    kepTitle: KEP_TITLE.test(text),
    kepSection: KEP_SECTION.test(text),
    openspecRequirement: OPENSPEC_REQUIREMENT.test(text),
    openspecScenario: OPENSPEC_SCENARIO.test(text),
    bcp14KeyWords: BCP14_KEY_WORDS.test(text),
    bcp14Cited: BCP14_CITED.test(text),
  };
}

const FENCE_LINE = /^ {0,3}(?:`{3,}|~{3,})/gm;

/**
 * The evidence of one piece of a document cut at line starts, or `undefined` when the piece cannot be read on its own:
 * a fence-like line that no fenced block of the piece covers (its block might close in a later piece) or a kramdown-rfc
 * `--- abstract` line (its front matter is read on the whole text). Every other pattern matches within a line, so the
 * evidence of the whole is the union of its pieces' (an edit re-reads one piece; see reviewOfPieces).
 */
export function pieceEvidence(piece: string): ReviewEvidence | undefined {
  const fenced: [number, number][] = [];
  const text = piece.replace(CODE, (m, fence: string | undefined, at: number) => {
    if (fence !== undefined) fenced.push([at, at + m.length]);
    return m.replace(/[^\n]/g, ' ');
  });
  for (const m of piece.matchAll(FENCE_LINE)) if (!fenced.some(([a, b]) => m.index >= a && m.index < b)) return undefined;
  if (KRAMDOWN_ABSTRACT.test(text)) return undefined;
  return evidenceOf(text);
}

/** What the review decision reads of a spec's facts. */
type ReviewFacts = Pick<SpecFacts, 'headingClauses' | 'footnoteRefs' | 'footnoteDefs'> & { format?: SpecFacts['format'] };

/** A file never reviewed whatever its text: a template, a change OpenSpec archived. */
function neverReviewed(path: string): boolean {
  return isTemplatePath(path) || openspecChangeOf(path)?.archived === true;
}

/**
 * Meeting notes, minutes and agendas by their file name (`meeting-notes-2017.md`, `2018_Weekly_Meeting_Minutes.md`,
 * `agenda.md`) or a `minutes/` / `agendas/` folder: a record of a discussion, whatever anchors (`{#dec-12}`) a document
 * export gave its headings. Only anchors are weighed against the name; a format's own evidence (`**FR-001**`, EARS
 * criteria, a KEP) still makes a spec of a feature named so.
 */
function notesPath(path: string): boolean {
  const slash = path.lastIndexOf('/');
  const name = path.slice(slash + 1);
  return /meeting[-_ ]?(?:notes|minutes)|^(?:minutes|agendas?)\b/i.test(name) || /(?:^|\/)(?:minutes|agendas)\//i.test(path.slice(0, slash + 1));
}

/** Is the file reviewed, and as what? `undefined`: not a spec (not reviewed). */
export function reviewOf(
  path: string,
  source: string,
  facts: ReviewFacts,
  sitePage = false,
): Review | undefined {
  if (neverReviewed(path)) return undefined;
  // Evidence in code (a doc that shows `**FR-001**` or a fenced EARS example) is no evidence: blanked, offsets kept.
  const text = source.replace(CODE, (m) => m.replace(/[^\n]/g, ' '));
  const abstract = KRAMDOWN_ABSTRACT.exec(text);
  if (abstract && KRAMDOWN_FRONT.test(text.slice(0, abstract.index + 1))) return { format: 'kramdown-rfc', from: abstract.index + abstract[0].length };
  return decide(path, evidenceOf(text), facts, sitePage);
}

/**
 * reviewOf from the pieces of the document (cut at line starts, in order), each piece's evidence kept by `cached`
 * (pieceEvidence, computed once per piece text). Equal to reviewOf of the whole text; read on the whole text when a
 * piece cannot be read on its own.
 */
export function reviewOfPieces(
  path: string,
  source: string,
  pieces: readonly string[],
  cached: (piece: string, index: number) => ReviewEvidence | undefined,
  facts: ReviewFacts,
  sitePage = false,
): Review | undefined {
  if (neverReviewed(path)) return undefined;
  const all = evidenceOf('');
  for (let i = 0; i < pieces.length; i++) {
    const e = cached(pieces[i]!, i);
    if (!e) return reviewOf(path, source, facts, sitePage);
    for (const k of EVIDENCE_KINDS) all[k] ||= e[k];
  }
  return decide(path, all, facts, sitePage);
}

/**
 * reviewOf from the evidence of the whole document, as reviewOfPieces decides it once it has every piece's evidence
 * (the union of the pieces' evidence: see pieceEvidence).
 */
export function reviewOfEvidence(
  path: string,
  evidence: ReviewEvidence,
  facts: ReviewFacts,
  sitePage = false,
): Review | undefined {
  if (neverReviewed(path)) return undefined;
  return decide(path, evidence, facts, sitePage);
}

/** The kinds of evidence, in the order of a ReviewEvidence's keys. */
export const EVIDENCE_KINDS = Object.keys(evidenceOf('')) as readonly (keyof ReviewEvidence)[];

/** A footnote id made for a clause: letters and digits mixed (`au3f`, `rp2c`), or words joined by `_`. */
const CLAUSE_LIKE_ID = /^(?=[a-z0-9_]*[a-z])(?=[a-z0-9_]*[0-9_])[a-z0-9_]+$/i;

function decide(
  path: string,
  e: ReviewEvidence,
  facts: ReviewFacts,
  sitePage: boolean,
): Review | undefined {
  // A feature folder holds one spec and the artifacts made from it (spec-kit: plan, research, data model, quickstart,
  // tasks, checklists, contracts; Kiro: design, tasks, and the reports agents leave there). The folder is evidence for
  // its spec file only; any other file is reviewed on the evidence of its own text.
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  // An mmark draft (its title block is read as blank): reviewed as a kramdown-rfc draft is.
  if (facts.format === 'mmark') return { format: 'mmark', from: 0 };
  const specKitFile = (facts.format === 'spec-kit' || SPEC_KIT_FOLDER_RE.test(path)) && isFeatureSpecName(name);
  if (specKitFile || e.specKitId || (e.featureSpec && e.specKitSection)) return { format: 'spec-kit', from: 0 };
  const kiroFile = (facts.format === 'kiro' || /(?:^|\/)\.kiro\/specs\//.test(path)) && name === 'requirements.md';
  if (kiroFile || (e.ears && e.acceptance)) return { format: 'kiro', from: 0 };
  // OpenSpec: a capability's spec.md (its requirements and their scenarios), also a change's delta of it.
  const openspecFile = OPENSPEC_FOLDER_RE.test(path) && name === 'spec.md';
  if (openspecFile || (e.openspecRequirement && e.openspecScenario)) return { format: 'openspec', from: 0 };
  // Footnotes with a text note (`[^1]: See RFC 9110.`) are the footnotes any document may have (a README's, a
  // guide's): no evidence. A footnote id whose clause text is in the prose (no definition, or one naming its example
  // file or tests) is the Model Spec's way of declaring a clause [^am9c].
  // A reference with no definition at all is evidence when its id looks made for a clause (`[^rp2c]`,
  // `[^anchor_links]`), or when there are several: a chapter whose one note was lost in a copy (`tables[^siphash]`
  // with no `[^siphash]:` line) or a numbered footnote (`[^1]`) is not a spec.
  // A heading clause decides it without the footnotes (a pass over thousands of them per keystroke in a big spec).
  const footnotesDeclare = (): boolean => {
    const noted = new Set<string>();
    for (const d of facts.footnoteDefs) if (d.target === undefined && !d.tests?.length) noted.add(d.id);
    const bare = new Set<string>();
    for (const r of facts.footnoteRefs) if (!noted.has(r.id) && !/^\d+$/.test(r.id)) bare.add(r.id);
    return facts.footnoteDefs.some((d) => !noted.has(d.id)) || bare.size >= 2 || [...bare].some((id) => CLAUSE_LIKE_ID.test(id));
  };
  const declares = facts.headingClauses.length > 0 || footnotesDeclare();
  const authority = facts.headingClauses.some((c) => c.authority !== undefined);
  // Twenty-first round (read out of sample): a page of a documentation site (VitePress, Docusaurus, MkDocs, Hugo; the
  // io layer's siteScopes) whose `{#id}`s are its headings' anchors is a guide, not a spec: Vue's guide had 110 pages
  // reviewed, its findings about "you should be able to follow along". An authority or a footnote clause still counts.
  const anchorsOnly = sitePage && !authority && facts.headingClauses.length > 0 && !footnotesDeclare();
  if (declares && !anchorsOnly) return notesPath(path) ? undefined : { format: authority ? 'model-spec' : 'markdown', from: 0 };
  if (e.kepTitle && e.kepSection) return { format: 'markdown', from: 0 };
  // A document that adopts BCP 14 ("The key words "MUST", "MUST NOT" … are to be interpreted as described in RFC 2119")
  // says it states requirements: an EIP, a Markdown protocol draft, a project's specification.
  if (e.bcp14KeyWords && e.bcp14Cited) return { format: 'markdown', from: 0, capitalsOnly: true };
  return undefined;
}

const VOCABULARY_HEADING = /^(#{1,6})[ \t]+(?:[^\n]*\b)?(?:definitions|terminology|glossary|terms and definitions|key entities|conventions and definitions)\b[^\n]*$/gim;
const BOLD_TERM = /^[ \t]*(?:[-*+]|\d+[.)])?[ \t]*(?:\*\*|__)([^*_\n]{2,60}?)(?:\*\*|__)[ \t]*(?::|—|–|-|\()/gm;
const DEFINITION_LIST = /^([^\n:#>|`][^\n:]{1,58})\r?\n:[ \t]+\S/gm;
const QUOTED_DEFINITION = /["“]([^"”\n]{2,60})["”][ \t]+(?:means|refers to|is defined as|denotes)\b/g;
const LIST_TERM = /^[ \t]*[-*+][ \t]+([A-Za-z][\w -]{1,40}?):[ \t]/gm;
// An option the user sets, named by the document: "has flexible dates selected", "with a flexible budget enabled",
// "selects the fast shipping option". The adjective is part of the option's label, not a judgement of it.
const OPTION_STATE = /\b(?:has|have|having|with)[ \t]+(?:(?:a|an|the)[ \t]+)?([a-z][a-z-]{2,30}[ \t]+[a-z][a-z-]{2,30})[ \t]+(?:selected|enabled|checked|chosen|toggled on|turned on|switched on)\b/gi;
const OPTION_CHOICE = /\b(?:select|selects|selected|selecting|choose|chooses|chose|choosing|pick|picks|picked|enable|enables|enabled|toggle|toggles|toggled|tick|ticks|ticked)[ \t]+(?:the[ \t]+)?["“]?([a-z][a-z-]{2,30}[ \t]+[a-z][a-z-]{2,30})["”]?[ \t]+(?:option|options|mode|setting|checkbox|toggle|filter|preset|choice)\b/gi;

/**
 * The document's own vocabulary [^am6c]: terms it defines, which are terms of art in it and never findings:
 * `**Term**: …` and `- **Term** — …` entries, kramdown definition lists (`Term` then `: definition`), `"Term" means …`,
 * in a Definitions / Terminology / Glossary / Key Entities section also `- Term: …` items, and the labels of options the
 * user sets (`has flexible dates selected`, `selects the fast shipping option`; a label's singular too). Lowercased, deduplicated,
 * in order of appearance.
 */
export function documentTerms(text: string): string[] {
  return mergeTermParts([documentTermParts(text)]);
}

/**
 * The terms of one piece of a document, by kind (bold, definition list, quoted, vocabulary sections), not yet
 * deduplicated. A document cut at top-level ATX headings (no match spans such a line, and a vocabulary section ends at
 * one): mergeTermParts of its pieces' parts, in order, is documentTerms of the whole (an edit re-reads one piece).
 */
export function documentTermParts(text: string): string[][] {
  const parts: string[][] = [[], [], [], [], [], [], [], [], [], []];
  // Each pattern that needs a character the text does not have is not run: a search for the character is far cheaper
  // than the pattern tried at every line or offset (BOLD_TERM and DEFINITION_LIST took 40-70 ms each over the 4,301
  // chunks of the 10k workspace's specs, none of which holds `**`, `__` or a line starting with `:`).
  const quotes = text.includes('"') || text.includes('\u201c');
  if (text.includes('**') || text.includes('__')) for (const m of text.matchAll(BOLD_TERM)) parts[0]!.push(m[1]!);
  if (text.includes('\n:')) for (const m of text.matchAll(DEFINITION_LIST)) parts[1]!.push(m[1]!);
  if (quotes) for (const m of text.matchAll(QUOTED_DEFINITION)) parts[2]!.push(m[1]!);
  for (const h of text.matchAll(VOCABULARY_HEADING)) {
    const depth = h[1]!.length;
    const rest = text.slice(h.index + h[0].length);
    const end = new RegExp(`^#{1,${depth}}[ \\t]`, 'm').exec(rest);
    const section = end ? rest.slice(0, end.index) : rest;
    for (const m of section.matchAll(LIST_TERM)) parts[3]!.push(m[1]!);
  }
  for (const re of [OPTION_STATE, OPTION_CHOICE]) {
    for (const m of text.matchAll(re)) {
      const label = m[1]!.replace(/\s+/g, ' ');
      parts[4]!.push(label);
      // "flexible dates" also names "flexible date handling".
      if (/[^s]s$/i.test(label)) parts[4]!.push(label.slice(0, -1));
    }
  }
  // A noun the document uses whose singular is an evaluative adjective too: "the quality of prompts" makes "prompt
  // performance" the performance of a prompt, not a prompt one.
  for (const m of text.matchAll(NOUN_PLURAL)) {
    const singular = m[1]!.toLowerCase();
    if (CLASS_WORDS.get(singular)?.form === 'adj') parts[5]!.push(singular, `${singular}s`);
  }
  // Eighth round: a value the document quotes on its own (`"Rarity: Rare"`, `"large"`) is a name of the document's (a
  // level, a tier, a filter value): "only rare items are shown" selects by that value. Not a code span: `` `Secure` ``
  // names a cookie attribute, another sense ("links should be secure" is still asked).
  if (quotes) for (const m of text.matchAll(QUOTED_VALUE)) {
    const word = m[1]!.toLowerCase();
    if (CLASS_WORDS.get(word)?.form === 'adj') parts[6]!.push(word);
  }
  // A name the document gives in code, `recent_root_references`, `freshNonce`: its words from the evaluative one on
  // are a fixed term of the document ("the recent root reference set" names that set, it asks no recency).
  for (const m of text.matchAll(IDENTIFIER)) {
    const words = m[0].replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[_\s-]+/).filter(Boolean);
    const at = words.findIndex((w) => CLASS_WORDS.get(w)?.form === 'adj');
    if (at < 0 || at === words.length - 1 || words.length > 6) continue;
    // Each name from the evaluative word on, and its shorter heads: `recent_root_references` names "recent root" too.
    for (let end = words.length; end > at + 1; end--) {
      const term = words.slice(at, end).join(' ');
      parts[7]!.push(term);
      if (/[^s]s$/.test(term)) parts[7]!.push(term.slice(0, -1));
    }
  }
  // Fifteenth round: a state of recency or speed the document defines by its rule ("treat an open session whose start
  // date precedes today as stale", "a cache entry becomes stale after 24 hours", "requests over 2 s are flagged as
  // slow"): the word is the document's term, asked nowhere else in it.
  const definedState = (word: string, speedToo: boolean): void => {
    const cw = CLASS_WORDS.get(word.toLowerCase());
    if (cw?.form === 'adj' && (cw.dimension === 'recency' || (speedToo && cw.dimension === 'speed'))) parts[8]!.push(word.toLowerCase());
  };
  for (const m of text.matchAll(CLASSIFYING_VERB)) {
    // Every "as <word>" up to the end of the verb's sentence: "treat … as open, and … as stale".
    const rest = text.slice(m.index + m[0].length, m.index + m[0].length + 200);
    const sentence = rest.slice(0, rest.search(/[.;\n]|$/));
    for (const a of sentence.matchAll(AS_WORD)) definedState(a[1]!, true);
  }
  for (const m of text.matchAll(DEFINED_WHEN)) definedState(m[1]!, false);
  // Thirty-eighth round: a level the document defines by a threshold ("WHEN stock levels fall below a configurable
  // threshold THEN … highlight products with low stock warnings", "support low stock threshold alerts", "classify low
  // battery using configurable thresholds"): "low stock" is the document's term, the state past its threshold, in every
  // sentence of it. Only in a sentence that names a threshold; "a low threshold" itself still asks.
  if (/threshold/i.test(text)) {
    for (const m of text.matchAll(LEVEL_STATE)) {
      const noun = m[2]!.toLowerCase();
      if (NOT_LEVEL_NOUNS.has(noun) || CLASS_WORDS.has(noun)) continue;
      const at = m.index;
      const before = text.slice(Math.max(0, at - 300), at);
      const after = text.slice(at, at + 300);
      const cut = before.search(/[.;!?\n][^.;!?\n]*$/);
      const stop = after.search(/[.;!?\n]/);
      const sentence = (cut >= 0 ? before.slice(cut + 1) : before) + (stop >= 0 ? after.slice(0, stop) : after);
      if (THRESHOLD_WORD.test(sentence)) parts[9]!.push(`${m[1]!.toLowerCase()} ${noun}`);
    }
  }
  return parts;
}

/** "low stock", "high balance": a level of something; a document term when its sentence names a threshold. */
const LEVEL_STATE = /\b(low|high)[ \t]+([a-z][a-z-]{2,20})\b/gi;
const THRESHOLD_WORD = /\bthresholds?\b/i;
/** Nouns after "low"/"high" that are the bound itself or a rank, not a level of a thing: "a low threshold", "high priority". */
const NOT_LEVEL_NOUNS = new Set(['threshold', 'thresholds', 'level', 'levels', 'limit', 'limits', 'value', 'values', 'priority', 'priorities', 'enough', 'and', 'or', 'the', 'end', 'than']);

/** A verb of classifying; "as <word>" after it in its sentence (`AS_WORD`) names the class: "treat … as stale", "flagged as slow". */
const CLASSIFYING_VERB = /\b(?:treat|treats|treated|treating|mark|marks|marked|marking|consider|considers|considered|classify|classifies|classified|flag|flags|flagged|deem|deems|deemed|regard|regards|regarded|label|labels|labelled|labeled)\b/gi;
const AS_WORD = /\bas[ \t]+(?:[a-z]+ly[ \t]+)?["“*_]{0,2}([a-z][a-z-]{2,20})\b/gi;
/** "<word> means", "is <word> when …", "becomes <word> after …": the condition that makes the state. */
const DEFINED_WHEN = /\b(?:is|are|becomes|become|became)[ \t]+["“*_]{0,2}([a-z][a-z-]{2,20})["”*_]{0,2}[ \t]+(?:if|when|once|after|whenever)\b/gi;

/** An identifier of two to six words: snake_case (`recent_root_references`) or camelCase (`freshNonce`). */
const IDENTIFIER = /\b[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+){1,5}\b|\b[a-z][a-z0-9]*(?:[A-Z][a-z0-9]+){1,5}\b/g;

/** One word alone in double quotes, or after a label and a colon in them: `"Rare"`, `"Rarity: Rare"`. */
const QUOTED_VALUE = /(?<![\w"“])["“](?:[A-Za-z][\w -]{0,30}:[ \t]*)?([A-Za-z][a-z-]{2,30})["”](?![\w"”])/g;

/** A plural after a determiner or preposition: a noun ("of prompts", "the prompts", "all prompts"). */
const NOUN_PLURAL = /\b(?:the|of|all|these|those|their|its|our|your|with|for|by|each|many|several|some|two|three|multiple|between)[ \t]+([a-z]{3,})s\b/gi;

/**
 * Seventh round: the name of a feature folder (`.kiro/specs/step-card-quick-actions/`, `specs/012-fast-checkout/`) names
 * the feature, and an evaluative word in it is part of that name: "quick actions", "quick action" ("the quick action
 * button" is the button the feature adds, not a speed). Each evaluative word of the name with the words after it (the
 * last one also singular) is a term of the document. "The checkout SHALL be fast" in `fast-checkout` is still asked.
 */
export function featureNameTerms(path: string): string[] {
  const folder = KIRO_FOLDER_RE.exec(path)?.[0] ?? SPEC_KIT_FOLDER_RE.exec(path)?.[0];
  if (!folder) return [];
  const words = folder.slice(folder.lastIndexOf('/') + 1).replace(/^\d{3,}-/, '').toLowerCase().split(/[-_.\s]+/).filter(Boolean);
  const terms: string[] = [];
  for (let i = 0; i < words.length - 1; i++) {
    if (!CLASS_WORDS.has(words[i]!)) continue;
    for (let j = i + 2; j <= words.length && j <= i + 4; j++) {
      const phrase = words.slice(i, j).join(' ');
      terms.push(phrase);
      if (/[^s]s$/.test(phrase)) terms.push(phrase.slice(0, -1));
    }
  }
  return terms;
}

/** The terms of a document from the parts of its pieces (see documentTermParts): lowercased, deduplicated, in order. */
export function mergeTermParts(pieces: string[][][]): string[] {
  const terms = new Set<string>();
  const kinds = Math.max(0, ...pieces.map((p) => p.length));
  for (let kind = 0; kind < kinds; kind++) {
    for (const parts of pieces) {
      for (const t of parts[kind] ?? []) {
        const term = t.trim().replace(/\s+/g, ' ').toLowerCase();
        if (term && term.length >= 2 && !/^(?:fr|sc|nfr)-\d+$/.test(term) && !/^(?:example|note|why this priority|independent test|given|when|then)$/.test(term)) terms.add(term);
      }
    }
  }
  return [...terms];
}

/** What kind of document a spec is, for the examples in questions. */
export type Domain = 'policy' | 'software' | 'protocol';

/**
 * The domain of a spec, for the examples in its questions [^am6c]: `policy` when it specifies the behaviour of an
 * assistant or a model (the Model Spec: "the assistant should …"), where milliseconds make no sense; `software` otherwise.
 */
export function domainOf(text: string, format?: string): Domain {
  // An IETF draft is a protocol whatever its vocabulary.
  if (isDraftFormat(format)) return 'protocol';
  return domainOfCounts(sampleCounts(text));
}

/** domainCounts of the part of a text domainOf reads. */
function sampleCounts(text: string): DomainCounts {
  return domainCounts(text.length > DOMAIN_SAMPLE ? text.slice(0, DOMAIN_SAMPLE) : text);
}

/** domainOf reads the first this many characters. */
const DOMAIN_SAMPLE = 200_000;

/** The counts domainOf decides on, in one text: no pattern matches across a line break, so pieces cut at line starts add up. */
export interface DomainCounts {
  policy: number;
  software: number;
  protocol: number;
  /** BCP 14 key words in capitals (MUST, SHALL, SHOULD, MAY, REQUIRED, RECOMMENDED, OPTIONAL) and the lowercase modals. */
  upperKeywords: number;
  lowerKeywords: number;
}

export function domainCounts(text: string): DomainCounts {
  return {
    upperKeywords: (text.match(/\b(?:MUST|SHALL|SHOULD|MAY|REQUIRED|RECOMMENDED|OPTIONAL)\b/g) ?? []).length,
    lowerKeywords: (text.match(/\b(?:must|shall|should)\b/g) ?? []).length,
    policy: (text.match(/\b(?:the assistant|the model|assistants|chatbot)\b/gi) ?? []).length,
    software: (text.match(/\b(?:the system|the server|the service|the client|the api|endpoint|request|database|SHALL|MUST)\b/g) ?? []).length,
    protocol: (text.match(/\b(?:packets?|octets?|datagrams?|frames?|endpoints?|peers?|handshake|round[- ]trips?|RTT|header fields?|RFC ?\d{3,4})\b/g) ?? []).length,
  };
}

/**
 * domainOf from the pieces of the document (cut at line starts, in order), each whole piece's counts kept by `cached`
 * (domainCounts, once per piece text); equal to domainOf of the whole text.
 */
export function domainOfPieces(pieces: readonly string[], cached: (piece: string, index: number) => DomainCounts, format?: string): Domain {
  if (isDraftFormat(format)) return 'protocol';
  return domainOfCounts(countsOfPieces(pieces, cached));
}

function countsOfPieces(pieces: readonly string[], cached: (piece: string, index: number) => DomainCounts): DomainCounts {
  const sum: DomainCounts = { policy: 0, software: 0, protocol: 0, upperKeywords: 0, lowerKeywords: 0 };
  let at = 0;
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i]!;
    if (at >= DOMAIN_SAMPLE) break;
    const c = at + piece.length <= DOMAIN_SAMPLE ? cached(piece, i) : domainCounts(piece.slice(0, DOMAIN_SAMPLE - at));
    sum.policy += c.policy;
    sum.software += c.software;
    sum.protocol += c.protocol;
    sum.upperKeywords += c.upperKeywords;
    sum.lowerKeywords += c.lowerKeywords;
    at += piece.length;
  }
  return sum;
}

/**
 * What the pass needs to know of a whole spec besides its format: its domain (domainOf) and whether it is a
 * **standard** [^am6c]: a protocol or data-format specification written in BCP 14's key words — an IETF draft
 * (kramdown-rfc, mmark), a document that adopts BCP 14 (quotes the key words and cites RFC 2119 / BCP 14), or another
 * reviewed Markdown spec (not a Model-Spec-style one) whose requirements are written in capitals: at least 5 capital
 * key words and three times as many as lowercase "must", "shall", "should" (a section of a standard kept as its own
 * file has a few). Spec-kit, Kiro and OpenSpec documents are never standards (their capitals are a template's, their
 * prose is a product's).
 */
export interface DocumentKind {
  domain: Domain;
  standard: boolean;
}

export function documentKindOf(text: string, review: Review): DocumentKind {
  return kindOfCounts(sampleCounts(text), review);
}

/** documentKindOf from the pieces of the document (as domainOfPieces); equal to documentKindOf of the whole text. */
export function documentKindOfPieces(pieces: readonly string[], cached: (piece: string, index: number) => DomainCounts, review: Review): DocumentKind {
  return kindOfCounts(countsOfPieces(pieces, cached), review);
}

function kindOfCounts(counts: DomainCounts, review: Review): DocumentKind {
  const draft = isDraftFormat(review.format);
  // An IETF draft is a protocol and a standard whatever its vocabulary.
  const standard = draft || review.capitalsOnly === true || (review.format === 'markdown' && counts.upperKeywords >= 5 && counts.upperKeywords >= 3 * counts.lowerKeywords);
  return { domain: draft ? 'protocol' : domainOfCounts(counts), standard };
}

function domainOfCounts({ policy, software, protocol }: DomainCounts): Domain {
  if (policy > 2 * software && policy >= 3) return 'policy';
  // A network protocol (an IETF draft, an RFC): its bounds are bytes, packets, round trips and timers, not milliseconds
  // of a service's latency.
  return protocol >= 20 && protocol * 2 >= software ? 'protocol' : 'software';
}
