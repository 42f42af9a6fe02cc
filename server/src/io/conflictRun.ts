import type { WorkspaceIndex } from '../core/workspace/workspaceIndex';
import { conflictCandidates } from '../core/analysis/typecheck/candidates';
import { JUDGE_RECORD_SCHEMA, judgeDiagnostics, judgeItems, judgeSummary, runJudge, type JudgeCache, type JudgeResult } from '../core/analysis/typecheck/judge';
import type { Diagnostic } from '../core/types';
import { withConfiguredSeverity } from '../core/diagnostics/diagnostics';
import { llmPassModel, llmRequestOptions, type LlmRunSettings } from './llmRun';
import { createRecordCache } from './safeFs';

/**
 * Runs the LLM conflict judge over the spec clauses of an index [^cj4q]: candidate pairs chosen offline (at most
 * `maxPairs`, default `llm.conflictPairs`), each pair not in the cache sent to the configured endpoint. Spec text leaves
 * the machine from here only when the caller opted in (`clarify check --llm-conflicts`, or `--llm` with
 * `llm.conflicts`; the editor's "Check Specs for Conflicts (LLM)" in a trusted workspace with the LLM enabled), with
 * the same key handling as the other LLM passes. The clause texts are the index's (the editor's text of open specs).
 */

export interface ConflictRunOptions extends LlmRunSettings {
  /** Overrides `llm.conflictPairs`. */
  maxPairs?: number;
}

export interface ConflictRunSummary {
  result: JudgeResult;
  diagnostics: Diagnostic[];
  message: string;
}

export async function runConflictJudgeOnIndex(index: WorkspaceIndex, options: ConflictRunOptions): Promise<ConflictRunSummary> {
  const { model, where } = llmPassModel(options);
  // Silenced findings are not worth a request.
  if (options.config.severity['conflict.semantic'] === 'off') {
    const result: JudgeResult = { pairs: 0, results: [], requests: 0, cached: 0, dropped: 0, usage: { promptTokens: 0, completionTokens: 0 } };
    return { result, diagnostics: [], message: `Conflict judge (${where}) not run: conflict.semantic is off in the severity settings; nothing was sent.` };
  }
  const selection = conflictCandidates(index.model(), { maxPairs: options.maxPairs ?? options.config.llm.conflictPairs });
  const items = judgeItems(selection.pairs, model);
  const result = await runJudge(items, llmRequestOptions(options, model, createJudgeCache));
  const diagnostics = withConfiguredSeverity(judgeDiagnostics(result), options.config);
  const cut = selection.qualified > selection.pairs.length ? ` (the best ${selection.pairs.length} of ${selection.qualified.toLocaleString('en-US')} qualifying pairs)` : '';
  return { result, diagnostics, message: judgeSummary(result, where, cut) };
}

/** One JSON file per key in `dir` (`conflict-<key>.json`), through the shared safe record cache [^ca7s]. */
export function createJudgeCache(dir: string): JudgeCache {
  return createRecordCache(dir, 'conflict', JUDGE_RECORD_SCHEMA);
}
