/**
 * The Markdown spec formats the tool reads, recognised from evidence in the file (its path, its front matter, its
 * requirement markers), never from configuration: spec parsing stays config-independent [^spec_formats].
 *
 *  - `kramdown-rfc`: an IETF draft (YAML front matter closed by `--- abstract`, `--- middle`/`--- back` markers,
 *    reference anchors under `normative:`/`informative:`, `{{REF}}` cross-references, `{: #id}` block attributes);
 *  - `mmark`: an IETF draft written for mmark (a TOML title block between `%%%` lines, `{mainmatter}`/`{backmatter}`
 *    markers, `(#id)` cross-references, `{{file.md}}` includes); like a kramdown-rfc draft, a document of its own;
 *  - `spec-kit`: github/spec-kit feature documents (`specs/NNN-feature/*.md`, requirements `**FR-001**`);
 *  - `kiro`: Kiro specs (`.kiro/specs/<feature>/*.md`, `### Requirement N` with numbered EARS acceptance criteria);
 *  - `model-spec`: `{#id}` heading clauses and `[^id]` footnotes (the OpenAI Model Spec style);
 *  - `markdown`: none of these (no clauses).
 */

export type SpecFormat = 'model-spec' | 'kramdown-rfc' | 'mmark' | 'spec-kit' | 'kiro' | 'markdown';

/** An Internet-Draft's source (kramdown-rfc or mmark): a document of its own, its prose a protocol's. */
export function isDraftFormat(format: string | undefined): boolean {
  return format === 'kramdown-rfc' || format === 'mmark';
}

/** A spec-kit feature folder: `specs/NNN-name/` (three or more digits, a dash). */
export const SPEC_KIT_FOLDER_RE = /(?:^|\/)specs\/\d{3,}-[^/]+(?=\/)/;
/** A spec-kit feature's spec written beside its folder: `specs/003-x.md` (next to `specs/003-x/`). */
export const SIBLING_FEATURE_SPEC_RE = /(?:^|\/)specs\/\d{3,}-[^/]+\.md$/;

/** A Kiro feature folder: `.kiro/specs/<feature>/`. */
export const KIRO_FOLDER_RE = /(?:^|\/)\.kiro\/specs\/[^/]+(?=\/)/;

/** A file of an OpenSpec capability folder: `openspec/specs/<capability>/`, also a change's `openspec/changes/<change>/specs/<capability>/`. */
export const OPENSPEC_FOLDER_RE = /(?:^|\/)openspec\/(?:changes\/(?:archive\/)?[^/]+\/)?specs\/[^/]+\/[^/]+$/;

/**
 * An OpenSpec change folder, `openspec/changes/<change>/` (its proposal and the delta specs it would apply), or an
 * archived one, `openspec/changes/archive/<change>/` (applied: history). The match is the folder's path.
 */
const OPENSPEC_CHANGE_RE = /(?:^|\/)openspec\/changes\/(?:archive\/)?(?!archive\/)[^/]+(?=\/)/;

/** The OpenSpec change a file belongs to (`openspec/changes/<change>`), if any; `archived` once the change was applied. */
export function openspecChangeOf(file: string): { folder: string; archived: boolean } | undefined {
  const m = OPENSPEC_CHANGE_RE.exec(file);
  if (!m) return undefined;
  const folder = file.slice(0, m.index + m[0].length).replace(/^\//, '');
  return { folder, archived: /(?:^|\/)openspec\/changes\/archive\//.test(folder) };
}

export type ScenarioStep = 'when' | 'given' | 'if' | 'while' | 'and' | 'but' | 'then';

/**
 * The step keyword a prose block opens with, as scenarios are written one step per item (Gherkin lists, OpenSpec
 * `- **WHEN** …`, `- **AND** …`, `- **THEN** …`; a block's markup is blanked), lowercased; `comma`: a comma follows it
 * ("If, however, …" is a discourse opener more than a step). One reading for the type checker and the clarifier.
 */
export function scenarioStep(text: string): { step: ScenarioStep; comma: boolean } | undefined {
  const m = SCENARIO_STEP.exec(text);
  return m ? { step: m[1]!.toLowerCase() as ScenarioStep, comma: m[2] !== undefined } : undefined;
}
const SCENARIO_STEP = /^[\s*_]*(when|given|if|while|and|but|then)\b(\s*,)?/i;

const FEATURE_SPEC_NAME = /^spec(?:\.[a-z0-9_-]+)?\.md$/;

/**
 * Whether a file name (any case) names a spec-kit feature's spec: `spec.md`, or a variant a tool wrote beside it
 * (`spec.generated.md`). The one rule for the parser (which files of a feature folder declare `**FR-001**` items) and
 * the ambiguity pass (which file of a feature folder is its spec).
 */
export function isFeatureSpecName(file: string): boolean {
  return FEATURE_SPEC_NAME.test(file.slice(file.lastIndexOf('/') + 1).toLowerCase());
}

/** A template of a spec format (spec-kit's `templates/spec-template.md`) shows the shape of a spec; it is not one. */
export function isTemplatePath(file: string): boolean {
  const name = file.slice(file.lastIndexOf('/') + 1).toLowerCase();
  return /(?:^|\/)templates?\//i.test(file) || name.includes('template');
}
/** A spec-kit requirement, success criterion or non-functional requirement id. */
export const SPEC_KIT_ID = '(?:FR|SC|NFR)-\\d{1,4}[a-z]?';
/**
 * A spec-kit id mentioned in text: not inside a longer word or id, and not the head of a dotted sub-id (`FR-1.1` is
 * no mention of `FR-1`).
 */
export const SPEC_KIT_MENTION = `(?<![\\w-])${SPEC_KIT_ID}(?![\\w-]|\\.\\d)`;
/**
 * A paragraph that declares a requirement without bold, `FR-001: The system must …`, or with the title in the bold,
 * `**FR-1: Backup scheduling**`: the id, a colon, then text. A CJK writer's full-width colon `：` (U+FF1A) is that
 * colon, written without the space after it (`FR-001：系統必須…`).
 */
export const SPEC_KIT_DECLARATION = new RegExp(`^(${SPEC_KIT_ID})(?::[ \\t]+|[ \\t]*\uFF1A[ \\t]*)\\S`);
/**
 * An unfilled slot of spec-kit's template left in a spec, `**FR-001**: System MUST [specific capability, e.g., "…"]`:
 * a bracketed placeholder that names what goes there and quotes an example. Such an item declares nothing (the real
 * FR-001 is elsewhere); a requirement that lists examples in brackets, `[e.g., CSV, JSON]`, is no slot. So are the
 * template's two examples of marking an unclear requirement, verbatim under their own ids (FR-006, FR-007).
 * `text`: the item's plain text after the id.
 */
export function isTemplateSlot(id: string, text: string): boolean {
  return TEMPLATE_PLACEHOLDER.test(text) || TEMPLATE_EXAMPLES[id] === text.trim();
}
const TEMPLATE_PLACEHOLDER = /\[[^\][\n,"]{3,60}, e\.g\., ["\u201c]/;
const TEMPLATE_EXAMPLES: Record<string, string> = {
  'FR-006': 'System MUST authenticate users via [NEEDS CLARIFICATION: auth method not specified - email/password, SSO, OAuth?]',
  'FR-007': 'System MUST retain user data for [NEEDS CLARIFICATION: retention period not specified]',
};
/**
 * The bold of a requirement item that gives the id a short label, `**SC-001 (signup-duration)**: text`; in a CJK
 * writer's full-width parentheses `（…）` (U+FF08/U+FF09) or lenticular brackets `【…】` (U+3010/U+3011), written
 * without a space: `**FR-001（登入/登出）**：…`.
 */
export const SPEC_KIT_LABELED = new RegExp(
  `^(${SPEC_KIT_ID})[ \\t]*(?:\\([^()\\n]{1,80}\\)|\uFF08[^\uFF08\uFF09\\n]{1,80}\uFF09|\u3010[^\u3010\u3011\\n]{1,80}\u3011)$`,
);
/** What separates a requirement id from its text: blanks, a colon (ASCII or full-width `：`), a period or a dash. */
export const SPEC_KIT_SEPARATOR = /^[\s:.\u2013\u2014\uFF1A-]+/;
/** A kramdown-rfc section marker line. */
const KRAMDOWN_MARKER_RE = /^--- *(?:abstract|middle|back|note_[^\s]*|note)[ \t]*$/;

/**
 * The format a file's path and front matter give before parsing; `model-spec`, and `spec-kit` for a file outside a
 * feature folder (its `**FR-001**` items), are decided by the parse. No scan of the whole text: this runs on every edit.
 */
export function detectFormat(file: string, text: string): Exclude<SpecFormat, 'model-spec'> {
  if (kramdownFrontMatterEnd(text) !== undefined) return 'kramdown-rfc';
  if (mmarkFrontMatterEnd(text) !== undefined) return 'mmark';
  if (KIRO_FOLDER_RE.test(file)) return 'kiro';
  if (SPEC_KIT_FOLDER_RE.test(file)) return 'spec-kit';
  return 'markdown';
}

/** Lines of a text with their offsets (LF, CRLF, lone CR). */
function* lines(text: string): Generator<{ start: number; end: number; next: number }> {
  let at = 0;
  while (at < text.length) {
    let end = at;
    while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
    const next = text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
    yield { start: at, end, next };
    at = next;
  }
}

/**
 * The lines of a front matter opened by `opening` (the first line, after a byte order mark), from the second line on,
 * each with its text, up to the first line that starts past 200,000 characters; none when the file does not open so.
 */
function* frontMatterLines(text: string, opening: RegExp): Generator<{ start: number; end: number; line: string }> {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (!opening.test(text.slice(bom, bom + 200))) return;
  let first = true;
  for (const l of lines(text)) {
    if (first) {
      first = false;
      continue;
    }
    yield { start: l.start, end: l.end, line: text.slice(l.start, l.end) };
    if (l.start > 200_000) return;
  }
}

/** Where a kramdown-rfc front matter ends (the start of its closing `--- abstract`/`--- middle` line), if the file has one. */
function kramdownFrontMatterEnd(text: string): number | undefined {
  for (const { start, line } of frontMatterLines(text, /^---[ \t]*(?:#[^\r\n]*)?(?:\r?\n|\r)/)) {
    if (KRAMDOWN_MARKER_RE.test(line)) return start;
    // A plain `---` closes ordinary YAML front matter: not kramdown-rfc.
    if (/^(?:---|\.\.\.)[ \t]*$/.test(line)) return undefined;
  }
  return undefined;
}

export interface KramdownFacts {
  /** The document's `title:`. */
  title?: string;
  /**
   * Reference anchors declared under `normative:` and `informative:` (targets of `{{REF}}` and `[…](#REF)`), and the
   * names given to them (`RFC9162: CT`, cited `{{-CT}}`).
   */
  references: string[];
  /** Ranges to read as blank: the front matter and the `--- middle`/`--- back` marker lines. */
  masked: [number, number][];
  /** `kramdown_options: auto_id_prefix: sec-`: kramdown's automatic heading ids start with it (`sec-message-format`). */
  autoIdPrefix?: string;
  /**
   * The `{#id}` of headings kramdown reads and CommonMark does not: no blank, or a no-break space, after the `#`s
   * (`####\u00A0Environment Group {#sec-comid-group}`, `##Tight {#sec-tight}`); and the anchors of the references
   * sections kramdown-rfc makes (`sec-normative-references`, `sec-informative-references`, `sec-combined-references`).
   */
  anchors: string[];
}

/** A heading line kramdown reads and CommonMark does not (no blank, or a no-break space, after the `#`s), with its `{#id}`. */
const KRAMDOWN_TIGHT_HEADING_RE = /^#{1,6}(?:\u00A0|[^#\s\u00A0])[^\n]*?\{#([A-Za-z0-9_][A-Za-z0-9_.:-]*)[^{}\n]*\}[ \t]*$/;

/**
 * The kramdown-rfc front matter of a draft: its title, its reference anchors, and what is not Markdown (the YAML up
 * to `--- abstract`, the section markers). A small scanner of the YAML's top-level keys and the keys one level under
 * `normative:`/`informative:`: enough for the anchors, and it never throws.
 */
export function kramdownFacts(text: string): KramdownFacts | undefined {
  const end = kramdownFrontMatterEnd(text);
  if (end === undefined) return undefined;
  const facts: KramdownFacts = { references: [], masked: [], anchors: [] };
  let section: string | undefined;
  let childIndent: number | undefined;
  /** `normative` and `informative` when they list a reference. */
  const listed = new Set<string>();
  for (const l of lines(text)) {
    const line = text.slice(l.start, l.end);
    if (l.start >= end) {
      if (KRAMDOWN_MARKER_RE.test(line)) facts.masked.push([l.start, l.end]);
      else if (line.charCodeAt(0) === 35) {
        const tight = KRAMDOWN_TIGHT_HEADING_RE.exec(line);
        if (tight) facts.anchors.push(tight[1]!);
      }
      continue;
    }
    if (/^[ \t]*(?:#.*)?$/.test(line)) continue;
    const top = /^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*)$/.exec(line);
    if (top) {
      section = top[1];
      childIndent = undefined;
      if (section === 'title' && top[2]) facts.title = unquote(top[2].trim());
      continue;
    }
    if (section === 'kramdown_options') {
      const prefix = /^[ \t]+auto_id_prefix[ \t]*:[ \t]*["']?([A-Za-z0-9_.:-]+)["']?[ \t]*(?:#.*)?$/.exec(line);
      if (prefix) facts.autoIdPrefix = prefix[1]!;
      continue;
    }
    if (section !== 'normative' && section !== 'informative') continue;
    const indent = /^[ ]*/.exec(line)![0].length;
    childIndent ??= indent;
    if (indent > childIndent) {
      // `STD94:` / `  -: CBOR` / `  =: RFC8949`: the `-` key names the reference (cited `{{-CBOR}}`).
      const display = /^[ ]*-:[ \t]*([A-Za-z0-9_][\w.-]*)[ \t]*(?:#.*)?$/.exec(line);
      if (display && !isExternalReference(display[1]!)) facts.references.push(display[1]!);
      continue;
    }
    if (indent !== childIndent) continue;
    const key = /^[ ]*("[^"]+"|'[^']+'|[^\s:#][^:]*?)[ \t]*:(?:[ \t]|$)(.*)$/.exec(line);
    if (key) {
      listed.add(section);
      facts.references.push(unquote(key[1]!));
      // `RFC9162: CT`: the name the draft cites it by (`{{-CT}}`). `HKDF: RFC5869` instead names where the HKDF
      // reference comes from, no anchor of the draft.
      const alias = /^[ \t]*([A-Za-z0-9_][\w.-]*)[ \t]*(?:#.*)?$/.exec(key[2]!);
      if (alias && !isExternalReference(alias[1]!)) facts.references.push(alias[1]!);
    }
  }
  // The references sections kramdown-rfc makes of them (data/kramdown-rfc2629.erb): `sec-normative-references`,
  // `sec-informative-references`, and `sec-combined-references` around both when there are both.
  for (const kind of ['normative', 'informative']) if (listed.has(kind)) facts.anchors.push(`sec-${kind}-references`);
  if (listed.size === 2) facts.anchors.push('sec-combined-references');
  facts.masked.unshift([0, end]);
  return facts;
}

/**
 * Where an mmark title block ends (the end of its closing `%%%` line), if the file opens with one: a first line
 * `%%%`, TOML with a `title` key, a closing `%%%` line within the first 200,000 characters.
 */
function mmarkFrontMatterEnd(text: string): number | undefined {
  let titled = false;
  for (const { end, line } of frontMatterLines(text, /^%%%[ \t]*(?:\r?\n|\r)/)) {
    if (/^%%%[ \t]*$/.test(line)) return titled ? end : undefined;
    if (/^[ \t]*title[ \t]*=/.test(line)) titled = true;
  }
  return undefined;
}

/** mmark's matter markers, lines of their own: `{frontmatter}`, `{mainmatter}`, `{backmatter}`. */
const MMARK_MARKER_RE = /^[ \t]*\{(?:front|main|back)matter\}[ \t]*$/;

/**
 * An mmark draft's title block read as a kramdown-rfc front matter is: its title (`title = "…"`), and what is not
 * Markdown (the block, the matter markers). Its references are cited `[@RFC9110]`, no anchor of the draft.
 */
export function mmarkFacts(text: string): KramdownFacts | undefined {
  const end = mmarkFrontMatterEnd(text);
  if (end === undefined) return undefined;
  const facts: KramdownFacts = { references: [], masked: [[0, end]], anchors: [] };
  for (const l of lines(text)) {
    const line = text.slice(l.start, l.end);
    if (l.start < end) {
      const title = /^[ \t]*title[ \t]*=[ \t]*"((?:[^"\\]|\\.)*)"/.exec(line);
      if (title && facts.title === undefined) facts.title = title[1]!.replace(/\\(.)/g, '$1');
    } else if (MMARK_MARKER_RE.test(line)) facts.masked.push([l.start, l.end]);
  }
  return facts;
}

function unquote(s: string): string {
  return /^(["']).*\1$/.test(s) ? s.slice(1, -1) : s;
}

/** The text with the given ranges blanked (line breaks kept): the same length, so every offset still holds. */
export function blankRanges(text: string, ranges: [number, number][]): string {
  if (ranges.length === 0) return text;
  let out = '';
  let at = 0;
  for (const [s, e] of ranges) {
    out += text.slice(at, s) + text.slice(s, e).replace(/[^\r\n]/g, ' ');
    at = e;
  }
  return out + text.slice(at);
}

/**
 * A kramdown-rfc reference that names no anchor of this document on purpose: a bibliographic reference the tool
 * resolves from its own libraries (`RFC9000`, `I-D.ietf-quic-tls`, `BCP14`, `DOI.…`), or a section reference
 * (`{{Section 3 of RFC9000}}`, `{{?RFC8174}}`).
 */
export function isExternalReference(target: string): boolean {
  return /^(?:RFC|BCP|STD|FYI)\d+$/i.test(target) || target.includes('.') || /\s/.test(target);
}
