import type { DiagnosticCode } from './diagnostics/codes';

/**
 * Domain values of the core. Positions are LSP-style: 0-based line, 0-based character in UTF-16 code units.
 * Paths are workspace-relative with `/` separators (never absolute, never `..`).
 */

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** Every diagnostic code the tool emits: one table, core/diagnostics/codes.ts (with severities, rules, tests and descriptions). */
export { DIAGNOSTIC_CODES, type DiagnosticCode } from './diagnostics/codes';

export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  file: string;
  range: Range;
  message: string;
  /** Machine-readable facts for quick fixes (ids, suggested ids, example paths). JSON-serialisable. */
  data?: Record<string, unknown>;
  /** Other places the finding involves (a conflict's other clause): LSP relatedInformation, SARIF relatedLocations. */
  related?: RelatedLocation[];
}

export interface RelatedLocation {
  file: string;
  range: Range;
  message: string;
}

/** `item`: a requirement item (spec-kit `**FR-001**`, a Kiro acceptance criterion) [^sk1r]. */
export type ClauseKind = 'heading' | 'footnote' | 'item';

export interface Clause {
  id: string;
  kind: ClauseKind;
  /** Heading: the heading text without its attribute block. Footnote: the title of the enclosing heading. */
  title: string;
  /** Heading: the prose of its section up to the next heading. Footnote: the innermost block around its first reference. */
  text: string;
  file: string;
  /** Heading: the whole heading. Footnote: its first `[^id]` reference. */
  range: Range;
  /** The id itself (inside `{#id}` or `[^id]`), for rename. */
  idRange: Range;
  /** Titles of the enclosing headings, outermost first, ending with this clause's own heading for heading clauses. */
  section: string[];
  /** Heading: its own `authority=` attribute. Footnote: inherited from the enclosing heading clauses. */
  authority?: string;
  /** All attributes of the heading block (`authority`, `tags`, …); empty for footnotes. */
  attributes: Record<string, string>;
  /** The enclosing heading clause, if any (a footnote's section clause; a subsection's clause). */
  parent?: string;
  /** Heading: its depth (1–6). */
  level?: number;
  /**
   * Item: declared by a row of a requirements table (`| FR-04 | … |`) [^sk1r]. A row whose id a list item or heading
   * of the same file declares is that requirement listed again (a traceability matrix), not a second declaration.
   */
  row?: true;
}

export type CitationKind = 'code' | 'test';

export interface Citation {
  id: string;
  file: string;
  /** The whole `[^id]`. */
  range: Range;
  /** Just the id inside the brackets. */
  idRange: Range;
  kind: CitationKind;
  /**
   * Set when the citation is a test named by the clause's footnote definition (`[^id]: tests/x.py::test_y`), not an
   * `[^id]` written in the file: the ranges locate the test, and rename leaves it alone [^tt3v].
   */
  target?: string;
  /**
   * The comment's own Markdown footnote (a label its comment block both defines, `[^x]: note` first on a line, and
   * refers to, as rustdoc's `/// text[^x]`): it cites only a clause that has the id, and is never an unknown id.
   */
  footnote?: true;
}

export interface Problem {
  /** Why a file (or part of it) could not be read or parsed. Never thrown: reported. */
  file: string;
  message: string;
}
