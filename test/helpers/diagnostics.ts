import * as assert from 'node:assert/strict';
import { computeDiagnostics } from '../../server/src/core/diagnostics/diagnostics';
import type { ClarifierConfig } from '../../server/src/core/workspace/config';
import type { WorkspaceIndex } from '../../server/src/core/workspace/workspaceIndex';
import type { Diagnostic } from '../../server/src/core/types';
import { memoryWorkspace } from './workspace';

/**
 * For the rule tests (test/unit/diagnostics): the diagnostics of an index whose code starts with `prefix` (one code, or
 * a family such as `ambiguity.`). Each file's diagnostics computed alone (the editor's path after an edit) are checked
 * to be that file's part of the workspace's list, so every rule case also covers the one-file path.
 */
export function findingsOf(index: WorkspaceIndex, prefix: string): Diagnostic[] {
  const model = index.model();
  const all = computeDiagnostics(model, index.config);
  const files = new Set([...model.files, '.clarifier.json', ...all.map((d) => d.file)]);
  for (const file of files) {
    assert.deepEqual(computeDiagnostics(model, index.config, file), all.filter((d) => d.file === file), `${file} computed alone`);
  }
  return all.filter((d) => d.code.startsWith(prefix));
}

/** findingsOf an in-memory workspace: `{ 'specs/a.md': text, 'src/x.ts': text }`. */
export function findings(files: Record<string, string | null>, prefix: string, config: Partial<ClarifierConfig> = {}): Diagnostic[] {
  return findingsOf(memoryWorkspace(files, config), prefix);
}

/** `code@file:line` (1-based) with the message: what a reader of a rule test wants to see. */
export function shown(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.code}@${d.file}:${d.range.start.line + 1} ${d.message}`);
}
