import type { ClarifierConfig } from '../workspace/config';
import type { IndexModel } from '../workspace/workspaceIndex';
import type { Diagnostic } from '../types';
import { clauseFindings, fileClauseFindings } from './clauseFindings';
import { compareDiagnostics, sortFileDiagnostics } from './order';
import { fileScope, workspaceScope } from './rule';
import { ambiguities } from './rules/ambiguity';
import { brokenLinks } from './rules/brokenLinks';
import { conflicts } from './rules/conflicts';
import { duplicateClauses, duplicateDefinitions } from './rules/duplicates';
import { invalidConfig } from './rules/invalidConfig';
import { malformedAttributes } from './rules/malformedAttributes';
import { missingTests } from './rules/missingTest';
import { reportsUncited } from './rules/uncited';
import { unknownCitations } from './rules/unknownCitation';
import { unknownReferences } from './rules/unknownReference';
import { unusedExamples } from './rules/unusedExample';

export { CODE_DESCRIPTIONS, DEFAULT_SEVERITY } from './codes';
export { CLAUSE_BLOCK, clauseBlockCounts } from './clauseFindings';
export { compareDiagnostics, compareInFile, severityCountsOf, sortInFile, type SeverityCounts } from './order';
export { withConfiguredSeverity } from './severity';
export { MAX_LISTED_DUPLICATES, SUGGESTION_BUDGET, suggestId } from './suggestions';

/**
 * Workspace diagnostics from the index model. Each has a stable code, a default severity (overridable per code in
 * the config), a message that names the id, and `data` for quick fixes. Output is sorted (file, position, code)
 * so runs are reproducible. [^diagnostics] [^dg3s]
 *
 * Each rule is a file of rules/ (see rule.ts for their shape, codes.ts for every code's default severity and
 * description); this runs them in a fixed order, which is the order of equal diagnostics in the sorted list.
 */

/**
 * The diagnostics of the workspace, or of one file (`only`): the same diagnostics that file has in the workspace's
 * list, computed from the same model without the work for the other files (the editor's path after an edit that only
 * changed that file's own facts).
 */
export function computeDiagnostics(model: IndexModel, config: ClarifierConfig, only?: string): Diagnostic[] {
  const scope = only === undefined ? workspaceScope(model) : fileScope(model, only);
  const lists: (readonly Diagnostic[])[] = [];
  lists.push(invalidConfig(model, config, scope));
  lists.push(unknownCitations(model, config, scope));
  lists.push(duplicateClauses(model, config, scope));
  lists.push(unknownReferences(model, config, scope));
  lists.push(duplicateDefinitions(model, config, scope));
  lists.push(malformedAttributes(model, config, scope));
  // Each clause's own findings (an unknown authority, a missing example, no citation), made in blocks: one file's blocks
  // whose clauses are the objects of its last computation, on the same model state, are the last block's findings.
  const reportUncited = reportsUncited(model, config);
  const findings =
    only === undefined ? clauseFindings(model, config, scope.clauses, scope.want, reportUncited) : fileClauseFindings(model, config, only, scope.clauses, reportUncited);
  lists.push(findings.authority);
  lists.push(brokenLinks(model, config, scope));
  lists.push(findings.example);
  lists.push(missingTests(model, config, scope));
  lists.push(unusedExamples(model, config, scope));
  lists.push(findings.uncited);
  lists.push(ambiguities(model, config, scope));
  lists.push(conflicts(model, config, scope));
  const out = joined(lists);
  return only === undefined ? out.sort(compareDiagnostics) : sortFileDiagnostics(config, only, out);
}

/**
 * The lists one after another in one array made at its final length (`to.push(...list)` would overflow the arguments
 * of a call on a big workspace's list; pushing one by one grows the array several times: ~5,300 diagnostics of one big
 * spec after every keystroke).
 */
function joined(lists: readonly (readonly Diagnostic[])[]): Diagnostic[] {
  let n = 0;
  for (const list of lists) n += list.length;
  // Past this length V8 makes `new Array(n)` a dictionary (slow elements): a workspace's list grows as before.
  if (n > PREALLOCATED_MAX) {
    const out: Diagnostic[] = [];
    for (const list of lists) for (const d of list) out.push(d);
    return out;
  }
  const out = new Array<Diagnostic>(n);
  let k = 0;
  for (const list of lists) for (let i = 0; i < list.length; i++) out[k++] = list[i]!;
  return out;
}

const PREALLOCATED_MAX = 50_000;
