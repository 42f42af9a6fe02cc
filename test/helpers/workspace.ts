import * as path from 'node:path';
import * as fs from 'node:fs';
import { resolveConfig, type ClarifierConfig } from '../../server/src/core/workspace/config';
import { computeDiagnostics } from '../../server/src/core/diagnostics/diagnostics';
import { WorkspaceIndex } from '../../server/src/core/workspace/workspaceIndex';
import type { Diagnostic } from '../../server/src/core/types';

/** The repository root (tests run from out/test/…). */
export const repoRoot = path.resolve(__dirname, '../../..');

/**
 * Writes `files` (paths relative to `dir`) with a modification time a minute ago: old enough for the index cache, which
 * does not cache a file modified in the last two seconds.
 */
export function writeCacheable(dir: string, files: Record<string, string>): void {
  const old = new Date(Date.now() - 60_000);
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
    fs.utimesSync(path.join(dir, rel), old, old);
  }
}

/** Sets every file under `dir` to a modification time a minute ago (old enough for the index cache, as writeCacheable). */
export function ageTree(dir: string): void {
  const old = new Date(Date.now() - 60_000);
  const touch = (p: string): void => {
    for (const e of fs.readdirSync(p, { withFileTypes: true })) {
      const abs = path.join(p, e.name);
      if (e.isDirectory()) touch(abs);
      else fs.utimesSync(abs, old, old);
    }
  };
  touch(dir);
}

/** A fixture folder's files (test/fixtures/<name>), every one read, as a map of relative path -> text (for memoryWorkspace). */
export function fixtureFiles(name: string): Record<string, string> {
  const root = path.join(repoRoot, 'test', 'fixtures', name);
  const files: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = dir ? `${dir}/${e.name}` : e.name;
      if (e.isDirectory()) walk(rel);
      else files[rel] = fs.readFileSync(path.join(root, rel), 'utf8');
    }
  };
  walk('');
  return files;
}

/** An in-memory workspace: `{ 'specs/a.md': text, 'src/x.ts': text }`. Text `null` means "exists, not read". */
export function memoryWorkspace(files: Record<string, string | null>, config: Partial<ClarifierConfig> = {}): WorkspaceIndex {
  const index = new WorkspaceIndex({ ...resolveConfig(undefined).config, ...config });
  for (const [p, text] of Object.entries(files)) {
    if (text === null) index.addPath(p);
    else index.updateFile(p, text);
  }
  return index;
}

export function diagnosticsOf(index: WorkspaceIndex): Diagnostic[] {
  return computeDiagnostics(index.model(), index.config);
}

/** `code@file:line` strings (1-based lines): compact, readable expectations. */
export function brief(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.code}@${d.file}:${d.range.start.line + 1}`);
}

/** Removes a `$$CURSOR$$` marker and returns the text and the marker's offset. */
export function withCursor(text: string): { text: string; offset: number } {
  const offset = text.indexOf('$$CURSOR$$');
  if (offset < 0) throw new Error('fixture has no $$CURSOR$$ marker');
  return { text: text.slice(0, offset) + text.slice(offset + '$$CURSOR$$'.length), offset };
}

/**
 * The folder of the real OpenAI Model Spec (CC0): `../shared/corpora/model_spec` beside the repository (or under
 * `CLARIFIER_SHARED`) when present, else the copy in test/fixtures/model_spec, so a fresh clone runs these tests too.
 */
export function modelSpecDir(): string {
  const candidates = [process.env['CLARIFIER_SHARED'], path.resolve(repoRoot, '../shared')]
    .filter((p): p is string => !!p)
    .map((p) => path.join(p, 'corpora', 'model_spec'));
  return candidates.find((p) => fs.existsSync(path.join(p, 'model_spec.md'))) ?? path.join(repoRoot, 'test', 'fixtures', 'model_spec');
}
