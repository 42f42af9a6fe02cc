import type { IndexModel } from '../index';
import type { Diagnostic, Severity } from '../types';

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
  const count = (s: Severity): number => diagnostics.filter((d) => d.severity === s).length;
  const headingClauses = model.clauses.filter((c) => c.kind === 'heading').length;
  const testCitations = model.citations.filter((c) => c.kind === 'test').length;
  return {
    // Markdown files that declare clauses: a README or changelog the include globs match is not a spec [^cl7r].
    specFiles: new Set(model.clauses.map((c) => c.file)).size,
    codeFiles: model.codeFiles.length,
    exampleFiles: model.exampleFiles.length,
    clauses: model.clauses.length,
    headingClauses,
    footnoteClauses: model.clauses.filter((c) => c.kind === 'footnote').length,
    requirementClauses: model.clauses.filter((c) => c.kind === 'item').length,
    citations: model.citations.length,
    codeCitations: model.citations.length - testCitations,
    testCitations,
    citedClauses: model.clauses.filter((c) => model.citationsOf(c).length > 0).length,
    errors: count('error'),
    warnings: count('warning'),
    infos: count('info'),
    hints: count('hint'),
    skippedFiles,
  };
}

export function toJson(model: IndexModel, diagnostics: Diagnostic[], skipped: { path: string; reason: string }[] = []): object {
  return {
    version: 1,
    clauses: model.clauses.map((c) => {
      const example = model.exampleOf(c);
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
        example: example?.exists ? example.path : null,
        attributes: c.attributes,
        ...(c.parent !== undefined ? { parent: c.parent } : {}),
      };
    }),
    citations: model.citations.map((c) => ({
      id: c.id,
      file: c.file,
      line: c.range.start.line + 1,
      column: c.range.start.character + 1,
      kind: c.kind,
      // A test named by the clause's footnote definition (`tests/x.py::test_y`) [^tt3v].
      ...(c.target !== undefined ? { target: c.target } : {}),
    })),
    diagnostics: diagnostics.map((d) => ({
      code: d.code,
      severity: d.severity,
      file: d.file,
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
      endLine: d.range.end.line + 1,
      endColumn: d.range.end.character + 1,
      message: d.message,
      data: d.data ?? {},
    })),
    skipped,
    summary: summarize(model, diagnostics, skipped.length),
  };
}
