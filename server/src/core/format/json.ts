import type { IndexModel } from '../workspace/workspaceIndex';
import type { Citation, Clause, ClauseKind, Diagnostic, Severity } from '../types';

/**
 * `clarify check --format json`: one object, paths relative to the checked folder with `/`, line and column 1-based,
 * columns in UTF-16 code units. Version 1 of this shape is a contract: add fields, never rename or remove them.
 */

export interface Summary {
  /** Spec files that declare clauses. */
  specFiles: number;
  codeFiles: number;
  exampleFiles: number;
  clauses: number;
  headingClauses: number;
  footnoteClauses: number;
  /** Requirement items: spec-kit `**FR-001**`, Kiro acceptance criteria. */
  requirementClauses: number;
  citations: number;
  codeCitations: number;
  testCitations: number;
  /** Clauses cited at least once by code or tests. */
  citedClauses: number;
  errors: number;
  warnings: number;
  infos: number;
  hints: number;
  skippedFiles: number;
}

export function summarize(model: IndexModel, diagnostics: Diagnostic[], skippedFiles = 0): Summary {
  // One pass over the diagnostics (40,000 on the 40k bench workspace), not one filtered copy per severity.
  const severities: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const d of diagnostics) severities[d.severity]++;
  const count = (s: Severity): number => severities[s];
  // One pass over the clauses and one over the citations, counting: no filtered or mapped copy of a list (a big spec's
  // 200,000 clauses made three arrays of up to 1.6 MB each, and their growth copies, at the end of the output, where
  // a JSON run peaked) [^big_documents].
  const kinds: Record<ClauseKind, number> = { heading: 0, footnote: 0, item: 0 };
  const files = new Set<string>();
  let lastFile: string | undefined;
  let citedClauses = 0;
  for (const c of model.clauses) {
    kinds[c.kind]++;
    if (c.file !== lastFile) files.add((lastFile = c.file));
    if (model.citationsOf(c).length > 0) citedClauses++;
  }
  let testCitations = 0;
  for (const c of model.citations) if (c.kind === 'test') testCitations++;
  return {
    // Markdown files that declare clauses: a README or changelog the include globs match is not a spec [^cl7r].
    specFiles: files.size,
    codeFiles: model.codeFiles.length,
    exampleFiles: model.exampleFiles.length,
    clauses: model.clauses.length,
    headingClauses: kinds.heading,
    footnoteClauses: kinds.footnote,
    requirementClauses: kinds.item,
    citations: model.citations.length,
    codeCitations: model.citations.length - testCitations,
    testCitations,
    citedClauses,
    errors: count('error'),
    warnings: count('warning'),
    infos: count('info'),
    hints: count('hint'),
    skippedFiles,
  };
}

function jsonClause(model: IndexModel, c: Clause): object {
  const example = model.existingExampleOf(c);
  return {
    id: c.id,
    kind: c.kind,
    title: c.title,
    text: c.text,
    file: c.file,
    line: c.range.start.line + 1,
    column: c.range.start.character + 1,
    section: c.section.join(' > '),
    authority: c.authority ?? null,
    example: example ?? null,
    attributes: c.attributes,
    ...(c.parent !== undefined ? { parent: c.parent } : {}),
  };
}

const jsonCitation = (c: Citation): object => ({
  id: c.id,
  file: c.file,
  line: c.range.start.line + 1,
  column: c.range.start.character + 1,
  kind: c.kind,
  // A test named by the clause's footnote definition (`tests/x.py::test_y`) [^tt3v].
  ...(c.target !== undefined ? { target: c.target } : {}),
});

const jsonDiagnostic = (d: Diagnostic): object => ({
  code: d.code,
  severity: d.severity,
  file: d.file,
  line: d.range.start.line + 1,
  column: d.range.start.character + 1,
  endLine: d.range.end.line + 1,
  endColumn: d.range.end.character + 1,
  message: d.message,
  data: d.data ?? {},
  // The other places a finding involves (a conflict's other clause) [^tc2c].
  ...(d.related?.length ? { related: d.related.map((r) => ({ file: r.file, line: r.range.start.line + 1, column: r.range.start.character + 1, endLine: r.range.end.line + 1, endColumn: r.range.end.character + 1, message: r.message })) } : {}),
});

export function toJson(model: IndexModel, diagnostics: Diagnostic[], skipped: { path: string; reason: string }[] = []): object {
  return {
    version: 1,
    clauses: model.clauses.map((c) => jsonClause(model, c)),
    citations: model.citations.map(jsonCitation),
    diagnostics: diagnostics.map(jsonDiagnostic),
    skipped,
    summary: summarize(model, diagnostics, skipped.length),
  };
}

/**
 * JSON.stringify of a string, the last long one remembered: the references of one block share its text (a clause's
 * `text`, up to 2,000 characters), so a big spec's output quotes the same string hundreds of times in a row.
 */
let lastString = '';
let lastQuoted = '""';
function quoted(s: string): string {
  if (s.length < 64) return JSON.stringify(s);
  if (s !== lastString) {
    lastString = s;
    lastQuoted = JSON.stringify(s);
  }
  return lastQuoted;
}

/** Object keys are few (the fields of the output's shapes): each quoted once. */
const quotedKeys = new Map<string, string>();
function quotedKey(key: string): string {
  let q = quotedKeys.get(key);
  if (q === undefined) {
    q = JSON.stringify(key);
    if (quotedKeys.size < 1000) quotedKeys.set(key, q);
  }
  return q;
}

/**
 * `JSON.stringify(value, null, 2)` with every line after the first indented by `pad`, byte for byte, without the
 * intermediate string and the second pass over it that re-indenting needs: the JSON output of a spec with 200,000
 * footnotes is 450 MB. Plain data only (what the json format builds); a value with `toJSON` goes through
 * JSON.stringify. The depth is that of the data (a clause, a diagnostic and its `data`), a few levels.
 */
export function prettyJson(value: unknown, pad = ''): string | undefined {
  switch (typeof value) {
    case 'string':
      return quoted(value);
    case 'number':
    case 'boolean':
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      return JSON.stringify(value);
  }
  if (value === null) return 'null';
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return JSON.stringify(value, null, 2)?.replace(/\n/g, `\n${pad}`);
  const inner = `${pad}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    let out = '[';
    for (let i = 0; i < value.length; i++) out += `${i ? ',' : ''}\n${inner}${prettyJson(value[i], inner) ?? 'null'}`;
    return `${out}\n${pad}]`;
  }
  let out = '';
  for (const key of Object.keys(value)) {
    const v = prettyJson((value as Record<string, unknown>)[key], inner);
    if (v === undefined) continue;
    out += `${out ? ',' : ''}\n${inner}${quotedKey(key)}: ${v}`;
  }
  return out ? `{${out}\n${pad}}` : '{}';
}

/**
 * The text of `JSON.stringify(toJson(…), null, 2) + '\n'`, byte for byte, in pieces of about `pieceChars`: the output
 * of a spec with 200,000 footnotes is hundreds of MB, and building it as one string (and one object per clause before
 * that) took several times that in memory. Each array element is made and serialised on its own [^big_documents].
 * Pieces of 8 KB: the parts of a piece being built outlive the CLI's small young generation less often than in 64 KB
 * ones and are not promoted to the old generation (the 200,000-reference spec: 217 -> 203 MB peak, measured).
 */
export function* jsonPieces(model: IndexModel, diagnostics: Diagnostic[], skipped: { path: string; reason: string }[] = [], pieceChars = 1 << 13): Generator<string> {
  let buffer = '';
  function* array<T>(name: string, items: { readonly length: number; at(i: number): T | undefined }, map: (item: T) => unknown, last = false): Generator<string> {
    buffer += `  ${JSON.stringify(name)}: `;
    if (items.length === 0) buffer += '[]';
    else {
      buffer += '[';
      for (let i = 0; i < items.length; i++) {
        buffer += `\n    ${prettyJson(map(items.at(i)!), '    ') ?? 'null'}${i + 1 < items.length ? ',' : ''}`;
        if (buffer.length >= pieceChars) {
          yield buffer;
          buffer = '';
        }
      }
      buffer += '\n  ]';
    }
    buffer += last ? '\n' : ',\n';
  }
  buffer += '{\n  "version": 1,\n';
  yield* array('clauses', model.clauses, (c) => jsonClause(model, c));
  yield* array('citations', model.citations, jsonCitation);
  yield* array('diagnostics', diagnostics, jsonDiagnostic);
  buffer += `  "skipped": ${prettyJson(skipped, '  ')},\n`;
  buffer += `  "summary": ${prettyJson(summarize(model, diagnostics, skipped.length), '  ')}\n}\n`;
  yield buffer;
}
