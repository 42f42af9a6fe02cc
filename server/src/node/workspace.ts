import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE, mergeConfig, parseConfigText, resolveConfig, type ClarifierConfig } from '../core/config';
import { WorkspaceIndex } from '../core/index';
import { readTextFile, walkWorkspace, type Skipped } from './walk';

/**
 * Loads a workspace folder into a WorkspaceIndex: reads `.clarifier.json`, walks the tree, reads the files that
 * play a role (specs, code, examples) with bounded concurrency and records the others as existing.
 */

export interface LoadedWorkspace {
  root: string;
  config: ClarifierConfig;
  index: WorkspaceIndex;
  skipped: Skipped[];
  stats: { files: number; read: number; bytes: number };
}

export interface LoadOptions {
  /** Overrides applied on top of `.clarifier.json` (the editor's settings). */
  overrides?: Partial<ClarifierConfig>;
  signal?: AbortSignal;
  concurrency?: number;
}

export async function readConfig(root: string): Promise<{ config: ClarifierConfig; problems: string[] }> {
  let text: string;
  try {
    text = await fs.promises.readFile(path.join(root, CONFIG_FILE), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return resolveConfig(undefined);
    return { ...resolveConfig(undefined), problems: [`cannot be read (${(err as NodeJS.ErrnoException).code})`] };
  }
  return parseConfigText(text);
}

export async function loadWorkspace(root: string, options: LoadOptions = {}): Promise<LoadedWorkspace> {
  const absRoot = path.resolve(root);
  const { config: fileConfig, problems } = await readConfig(absRoot);
  const config = mergeConfig(fileConfig, options.overrides);
  const index = new WorkspaceIndex(config);
  index.setConfigProblems(problems);
  const walked = await walkWorkspace(absRoot, options.signal ? { signal: options.signal } : {});
  const skipped = [...walked.skipped];
  const toRead: string[] = [];
  for (const entry of walked.files) {
    const role = index.roleOf(entry.path);
    if (entry.symlink || role === 'other' || role === 'config') index.addPath(entry.path);
    else toRead.push(entry.path);
  }
  let bytes = 0;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < toRead.length) {
      if (options.signal?.aborted) throw new Error('cancelled');
      const rel = toRead[next++]!;
      const result = await readTextFile(path.join(absRoot, rel));
      if ('text' in result) {
        bytes += result.text.length;
        index.updateFile(rel, result.text);
      } else {
        index.addPath(rel);
        skipped.push({ path: rel, reason: result.skipped });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 16, toRead.length || 1) }, worker));
  skipped.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { root: absRoot, config, index, skipped, stats: { files: walked.files.length, read: toRead.length, bytes } };
}
