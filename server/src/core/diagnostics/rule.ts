import type { ClarifierConfig } from '../workspace/config';
import type { Clauses, IndexModel } from '../workspace/workspaceIndex';
import type { Diagnostic, Range, Severity } from '../types';
import { withSeverity } from './severity';

/**
 * The shape of a diagnostics rule (rules/*.ts): `(model, config, scope) → diagnostics`. A rule reads the model, never
 * changes it, and makes its findings through `collect` (the configured severity of each code; `off` drops it). The
 * entry, diagnostics.ts, runs the rules in a fixed order and sorts their findings.
 */

/** What the rules look at: the whole workspace, or one file's diagnostics (`only`: the editor's path after an edit). */
export interface Scope {
  /** The one file, or undefined for the workspace. */
  readonly only: string | undefined;
  /** Whether a file's findings are wanted. */
  want(file: string): boolean;
  /** The clauses looked at: the workspace's, or that file's own. */
  readonly clauses: Clauses;
  /** The spec files looked at: the workspace's, or that file when it is a spec (not a walk of every spec per keystroke). */
  readonly specFiles: readonly string[];
}

export function workspaceScope(model: IndexModel): Scope {
  return { only: undefined, want: () => true, clauses: model.clauses, specFiles: model.specFiles };
}

export function fileScope(model: IndexModel, file: string): Scope {
  return { only: file, want: (f) => f === file, clauses: model.clausesOfFile(file), specFiles: model.specs.has(file) ? [file] : [] };
}

/** A rule over a scope. */
export type Rule = (model: IndexModel, config: ClarifierConfig, scope: Scope) => Diagnostic[];

/**
 * A rule over each clause on its own (rules/unknownAuthority.ts, missingExample.ts, uncited.ts): its findings are in
 * the order of `clauses`, and a clause's findings depend on the clause and what IndexModel.clauseFindingsState names,
 * so clauseFindings.ts reuses them block by block.
 */
export type ClauseRule = (model: IndexModel, config: ClarifierConfig, clauses: Clauses, want: (file: string) => boolean) => Diagnostic[];

/** The start of a file: where findings about a whole file go. */
export const START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** A list of findings and how to add one with its configured severity (see withSeverity); `add` returns what it added. */
export function collect(config: ClarifierConfig): { out: Diagnostic[]; add(d: Omit<Diagnostic, 'severity'>, severity?: Severity): Diagnostic | undefined } {
  const out: Diagnostic[] = [];
  return {
    out,
    add(d, severity) {
      const made = withSeverity(config, d, severity);
      if (made) out.push(made);
      return made;
    },
  };
}
