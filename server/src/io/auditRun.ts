import * as path from 'node:path';
import { AUDIT_RECORD_SCHEMA, auditDiagnostics, auditItems, auditSummary, runAudit, type AuditCache, type AuditResult } from '../core/analysis/audit/compliance';
import type { WorkspaceIndex } from '../core/workspace/workspaceIndex';
import type { Diagnostic } from '../core/types';
import { withConfiguredSeverity } from '../core/diagnostics/diagnostics';
import { llmPassModel, llmRequestOptions, type LlmRunSettings } from './llmRun';
import { createRecordCache } from './safeFs';
import { readTextFileSync } from './walk';

/**
 * Runs the compliance audit over the citations of an index (all, or those of some files) [^au4d]. Code and clause
 * text leave the machine only from here, only when the caller opted in (`clarify audit --llm`, the editor's "Audit
 * This File" in a trusted workspace), and only to the configured endpoint, with the same key handling as the LLM
 * ambiguity pass.
 */

export interface AuditRunOptions extends LlmRunSettings {
  root: string;
  /** The current text of a code file (the editor's, for open documents); undefined: read from disk with the safe reader. */
  textOf?: (file: string) => string | undefined;
}

export interface AuditRunSummary {
  result: AuditResult;
  diagnostics: Diagnostic[];
  message: string;
}

export async function runAuditOnIndex(index: WorkspaceIndex, options: AuditRunOptions): Promise<AuditRunSummary> {
  const { model, where } = llmPassModel(options);
  const fromDisk = (file: string): string | undefined => {
    const abs = path.resolve(options.root, file);
    if (!abs.startsWith(options.root + path.sep)) return undefined;
    const read = readTextFileSync(abs);
    return 'text' in read ? read.text : undefined;
  };
  // The editor's text of an open document, else the disk's.
  const textOf = (file: string): string | undefined => options.textOf?.(file) ?? fromDisk(file);
  const items = auditItems(index.model(), model, textOf, options.files ? new Set(options.files) : undefined);
  const result = await runAudit(items, llmRequestOptions(options, model, createAuditCache));
  const diagnostics = withConfiguredSeverity(auditDiagnostics(result), options.config);
  return { result, diagnostics, message: auditSummary(result, where) };
}

/** One JSON file per key in `dir` (`audit-<key>.json`), through the shared safe record cache [^ca7s]. */
export function createAuditCache(dir: string): AuditCache {
  return createRecordCache(dir, 'audit', AUDIT_RECORD_SCHEMA);
}
