import { clausesForLlm, displayEndpoint, isSectionId, runLlmPass, type LlmClause, type LlmPassResult } from '../core/analysis/ambiguity/llm';
import { reviewOf } from '../core/analysis/ambiguity/formats';
import { isSitePage } from '../core/workspace/scopes';
import type { ClarifierConfig } from '../core/workspace/config';
import { CLARIFICATIONS_ID } from '../core/features/clarify';
import type { AmbiguityHit, WorkspaceIndex } from '../core/workspace/workspaceIndex';
import type { SpecFacts } from '../core/markdown/parseSpec';
import { LineIndex } from '../core/text/lineIndex';
import { plural } from '../core/text/words';
import { clientForConfig, createDirectoryCache } from './llm';

/**
 * Runs the optional LLM pass over the spec clauses of an index (all specs, or some files) and stores its findings
 * in the index as `ambiguity.llm` diagnostics. Shared by `clarify check --llm` and the editor's "Clarify" commands.
 * Spec text leaves the machine only from here, only when the caller decided the pass is enabled, and only to the
 * configured endpoint [^llm_pass] [^ll6k].
 */

/** What a run of either LLM pass (ambiguity, audit) takes besides its texts. */
export interface LlmRunSettings {
  config: ClarifierConfig;
  /** Overrides of the config's model. */
  model?: string;
  apiKey?: string;
  /** Only these files (workspace paths). */
  files?: readonly string[];
  cacheDir?: string;
  timeoutMs?: number;
  maxRetries?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

/** The model an LLM pass of an index uses, and "model at endpoint" for its one-line summary. */
export function llmPassModel(options: LlmRunSettings): { model: string; where: string } {
  const model = options.model ?? options.config.llm.model;
  return { model, where: `${model} at ${displayEndpoint(options.config.llm.baseURL ?? process.env['OPENAI_BASE_URL'])}` };
}

/**
 * The request options every LLM pass of an index sends with (the ambiguity pass, the audit, the conflict judge): the
 * configured client, the model, the concurrency, and the pass's answer cache, cancellation and progress when given.
 */
export function llmRequestOptions<C>(options: LlmRunSettings, model: string, cacheIn: (dir: string) => C) {
  return {
    client: clientForConfig(options.config, options),
    model,
    concurrency: options.config.llm.concurrency,
    ...(options.cacheDir ? { cache: cacheIn(options.cacheDir) } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  };
}

export interface LlmRunOptions extends LlmRunSettings {
  /** The current text of a spec file (the editor's, or the disk's). */
  textOf: (file: string) => Promise<string | undefined> | string | undefined;
}

export interface LlmRunSummary {
  result: LlmPassResult;
  findings: number;
  /** One line for people: what ran, what it cost, what it found (or why it did not run). */
  message: string;
}

/**
 * Where the offline pass's review of a spec starts (formats.ts `reviewOf`: after a draft's front matter), or undefined
 * when that pass does not review it: the files whose prose outside clauses the LLM pass sends (`clausesForLlm`) [^ll8r].
 */
export function reviewStart(config: ClarifierConfig, file: string, text: string, facts: SpecFacts): number | undefined {
  return reviewOf(file, text, facts, isSitePage(config, file))?.from;
}

export async function runLlmOnIndex(index: WorkspaceIndex, options: LlmRunOptions): Promise<LlmRunSummary> {
  const { model, where } = llmPassModel(options);
  const scope = options.files ? new Set(options.files) : undefined;
  const inScope = (c: LlmClause): boolean => c.id !== CLARIFICATIONS_ID && (!scope || scope.has(c.file));

  // The text that is sent, per file, read once before anything is sent [^ll7m]: the index is brought to exactly that
  // text (free when it already holds it), the clauses are cut from it, and the findings are placed in it. A file that
  // is edited or deleted while the model answers changes nothing here; one that cannot be read now is not sent, and
  // keeps every other result.
  // The files the offline pass reviews are sent whole (their prose outside clauses too), as that pass reads them; of
  // other Markdown, only clauses [^am7f].
  const sent = new Map<string, { lines: LineIndex; facts: SpecFacts | undefined }>();
  const reviewed = new Map<string, number>();
  let unreadable = 0;
  const before = index.model();
  const withClauses = new Set(clausesForLlm(before).filter(inScope).map((c) => c.file));
  for (const file of before.specFiles) {
    if ((scope && !scope.has(file)) || !before.specs.get(file)) continue;
    let text: string | undefined;
    try {
      text = await options.textOf(file);
    } catch {
      text = undefined;
    }
    if (text === undefined) {
      if (withClauses.has(file)) unreadable++;
      continue;
    }
    const reviewIn = (facts: SpecFacts | undefined): number | undefined => (facts ? reviewStart(options.config, file, text, facts) : undefined);
    // Decided first on the facts the index holds, so a file that is not sent is not parsed again; then on the text sent.
    if (!withClauses.has(file) && reviewIn(index.specFacts(file)) === undefined) continue;
    const facts = index.updateFile(file, text) === 'spec' ? index.specFacts(file) : undefined;
    const from = reviewIn(facts);
    if (from !== undefined) reviewed.set(file, from);
    else if (!withClauses.has(file)) continue;
    sent.set(file, { lines: new LineIndex(text), facts });
  }
  const clauses = clausesForLlm(index.model(), reviewed).filter((c) => inScope(c) && sent.has(c.file));
  const result = await runLlmPass(clauses, llmRequestOptions(options, model, createDirectoryCache));

  // Findings -> ranges in the text that was sent; every file in scope gets its list replaced (cleared when empty).
  // A file the index re-read during the request (an edit in the editor, a file event) is left alone: its findings
  // would be at the wrong places, and the re-read already cleared its old ones.
  const normative = new Set(options.config.ambiguity.normativeAuthorities);
  const authorityOf = new Map(clauses.map((c) => [c.id, c.authority]));
  const byFile = new Map<string, AmbiguityHit[]>();
  let moved = 0;
  for (const file of new Set(clauses.map((c) => c.file))) {
    if (index.specFacts(file) === sent.get(file)!.facts) byFile.set(file, []);
    else moved++;
  }
  for (const f of result.findings) {
    const hits = byFile.get(f.file);
    if (!hits) continue;
    const authority = authorityOf.get(f.clauseId);
    hits.push({
      category: 'llm',
      term: f.category,
      phrase: f.phrase,
      range: sent.get(f.file)!.lines.rangeOf(f.start, f.end),
      question: f.question,
      severity: authority !== undefined && normative.has(authority) ? 'warning' : 'info',
      // A section outside any clause has no id to answer into (`isSectionId`): the finding names none.
      ...(isSectionId(f.clauseId) ? {} : { clauseId: f.clauseId }),
      suggestion: f.suggestion,
    });
  }
  // A failed pass keeps what an earlier run found rather than wiping it.
  if (!result.error || result.findings.length) for (const [file, hits] of byFile) index.setLlmFindings(file, hits);

  const cost = `${result.usage.promptTokens.toLocaleString('en-US')} prompt + ${result.usage.completionTokens.toLocaleString('en-US')} completion tokens`;
  const summary =
    `LLM pass (${where}): ${plural(clauses.length, 'clause')}, ${plural(result.requests, 'request')}, ` +
    `${result.cached} from cache, ${cost}; ${plural(result.findings.length, 'finding')}` +
    (result.dropped ? ` (${result.dropped} dropped: not in the text)` : '') +
    (unreadable ? `; ${plural(unreadable, 'spec')} could not be read and ${unreadable === 1 ? 'was' : 'were'} not sent` : '') +
    (moved ? `; ${plural(moved, 'spec')} changed during the pass: ${moved === 1 ? 'its' : 'their'} findings were not placed` : '') +
    '.';
  return { result, findings: result.findings.length, message: result.error ? `${result.error} ${summary}` : summary };
}
