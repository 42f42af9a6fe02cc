import { clausesForLlm, displayEndpoint, runLlmPass, type LlmPassResult } from '../core/ambiguity/llm';
import type { ClarifierConfig } from '../core/config';
import { CLARIFICATIONS_ID } from '../core/features/clarify';
import type { AmbiguityHit, WorkspaceIndex } from '../core/index';
import { LineIndex } from '../core/text';
import { plural } from '../core/words';
import { createDirectoryCache, createOpenAIClient } from './llm';

/**
 * Runs the optional LLM pass over the spec clauses of an index (all specs, or some files) and stores its findings
 * in the index as `ambiguity.llm` diagnostics. Shared by `clarify check --llm` and the editor's "Clarify" commands.
 * Spec text leaves the machine only from here, only when the caller decided the pass is enabled, and only to the
 * configured endpoint [^llm_pass] [^ll6k].
 */

export interface LlmRunOptions {
  config: ClarifierConfig;
  /** Overrides of the config's model. */
  model?: string;
  apiKey?: string;
  /** Only these spec files (workspace paths). */
  files?: readonly string[];
  cacheDir?: string;
  timeoutMs?: number;
  maxRetries?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** The current text of a spec file (the editor's, or the disk's). */
  textOf: (file: string) => Promise<string | undefined> | string | undefined;
}

export interface LlmRunSummary {
  result: LlmPassResult;
  findings: number;
  /** One line for people: what ran, what it cost, what it found (or why it did not run). */
  message: string;
}

export async function runLlmOnIndex(index: WorkspaceIndex, options: LlmRunOptions): Promise<LlmRunSummary> {
  const model = options.model ?? options.config.llm.model;
  const scope = options.files ? new Set(options.files) : undefined;
  const clauses = clausesForLlm(index.model()).filter((c) => c.id !== CLARIFICATIONS_ID && (!scope || scope.has(c.file)));
  const baseURL = options.config.llm.baseURL;
  const client = createOpenAIClient({
    ...(options.apiKey !== undefined ? { apiKey: options.apiKey } : {}),
    ...(baseURL !== undefined ? { baseURL } : {}),
    timeoutMs: options.timeoutMs ?? options.config.llm.timeoutSeconds * 1000,
    ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
  });
  const result = await runLlmPass(clauses, {
    client,
    model,
    concurrency: options.config.llm.concurrency,
    ...(options.cacheDir ? { cache: createDirectoryCache(options.cacheDir) } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });

  // Findings -> ranges in the current text; every file in scope gets its list replaced (cleared when empty).
  const normative = new Set(options.config.ambiguity.normativeAuthorities);
  const authorityOf = new Map(clauses.map((c) => [c.id, c.authority]));
  const byFile = new Map<string, AmbiguityHit[]>();
  for (const file of new Set(clauses.map((c) => c.file))) byFile.set(file, []);
  const lines = new Map<string, LineIndex>();
  for (const f of result.findings) {
    let li = lines.get(f.file);
    if (!li) {
      const text = await options.textOf(f.file);
      if (text === undefined) continue;
      li = new LineIndex(text);
      lines.set(f.file, li);
    }
    const authority = authorityOf.get(f.clauseId);
    byFile.get(f.file)?.push({
      category: 'llm',
      term: f.category,
      phrase: f.phrase,
      range: li.rangeOf(f.start, f.end),
      question: f.question,
      severity: authority !== undefined && normative.has(authority) ? 'warning' : 'info',
      clauseId: f.clauseId,
      suggestion: f.suggestion,
    });
  }
  // A failed pass keeps what an earlier run found rather than wiping it.
  if (!result.error || result.findings.length) for (const [file, hits] of byFile) index.setLlmFindings(file, hits);

  const where = `${model} at ${displayEndpoint(baseURL ?? process.env['OPENAI_BASE_URL'])}`;
  const cost = `${result.usage.promptTokens.toLocaleString('en-US')} prompt + ${result.usage.completionTokens.toLocaleString('en-US')} completion tokens`;
  const summary =
    `LLM pass (${where}): ${plural(clauses.length, 'clause')}, ${plural(result.requests, 'request')}, ` +
    `${result.cached} from cache, ${cost}; ${plural(result.findings.length, 'finding')}` +
    (result.dropped ? ` (${result.dropped} dropped: not in the text)` : '') +
    '.';
  return { result, findings: result.findings.length, message: result.error ? `${result.error} ${summary}` : summary };
}
