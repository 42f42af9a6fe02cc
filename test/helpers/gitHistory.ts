import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * A scripted git history in a new temp folder: each commit writes (or, with `null`, deletes) files and is made with a
 * fixed author and committer date, by a user set locally, so blame and log give the same answers on every machine.
 */

export interface ScriptedCommit {
  /** ISO date of the commit (author and committer). */
  date: string;
  files: Record<string, string | null>;
  message?: string;
}

export function git(dir: string, args: string[], env: NodeJS.ProcessEnv = {}): string {
  return execFileSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', ...env },
  });
}

/** Writes files into `dir` (a null deletes one). */
export function writeFiles(dir: string, files: Record<string, string | null>): void {
  for (const [rel, text] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    if (text === null) {
      fs.rmSync(abs, { force: true });
      continue;
    }
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, text);
  }
}

/** Makes one commit of `files` in an existing scripted repository; returns its full id. */
export function commit(dir: string, c: ScriptedCommit): string {
  writeFiles(dir, c.files);
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '--allow-empty', '-m', c.message ?? `commit of ${c.date}`], { GIT_AUTHOR_DATE: c.date, GIT_COMMITTER_DATE: c.date });
  return git(dir, ['rev-parse', 'HEAD']).trim();
}

/** A new repository (real path) with the commits made in order; returns the folder and the commit ids. */
export function scriptedRepo(commits: ScriptedCommit[], prefix = 'clarify-git-'): { dir: string; commits: string[] } {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  git(dir, ['init', '-q', '-b', 'main']);
  git(dir, ['config', 'user.name', 'Spec Writer']);
  git(dir, ['config', 'user.email', 'writer@example.com']);
  git(dir, ['config', 'commit.gpgsign', 'false']);
  return { dir, commits: commits.map((c) => commit(dir, c)) };
}
