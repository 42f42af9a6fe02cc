import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MAX_READ_BYTES } from './walk';

/**
 * The git history, read-only, for drift (`citation.stale`, `clarify impact`) [^dr1s]. Git runs with execFile (no
 * shell), in the repository's top folder, with paths quoted off, no fsmonitor, no optional locks (nothing is written
 * to the repository) and a timeout; pathspecs are literal. Blobs are read through one long-lived
 * `git cat-file --batch` process per run. Only paths inside the workspace folder are ever read.
 */

const GLOBAL = ['-c', 'core.quotepath=off', '-c', 'core.fsmonitor=false', '--literal-pathspecs', '--no-pager'];
const MAX_OUTPUT = 64 * 1024 * 1024;

export class GitError extends Error {}

/** A workspace folder inside a git work tree. */
export class GitRepo {
  private constructor(
    /** The real path of the work tree's top folder. */
    readonly top: string,
    /** The workspace folder relative to `top`, `/`-separated, '' or ending in `/`. */
    readonly prefix: string,
    readonly timeoutMs: number,
  ) {}

  /**
   * The repository of a workspace folder, or one clear sentence saying why there is none (git missing, not a
   * repository, a bare repository).
   */
  static async open(root: string, timeoutMs: number): Promise<GitRepo | { error: string }> {
    let real: string;
    try {
      real = fs.realpathSync(root);
    } catch {
      return { error: `${root} does not exist` };
    }
    let out: string;
    try {
      out = await runGit(real, ['rev-parse', '--show-toplevel'], timeoutMs);
    } catch (err) {
      const e = err as NodeJS.ErrnoException & { stderr?: string };
      if (e.code === 'ENOENT') return { error: 'git is not installed (or not on PATH)' };
      return { error: `${real} is not in a git work tree` };
    }
    const top = fs.realpathSync(out.replace(/\n$/, ''));
    const rel = path.relative(top, real);
    if (rel.startsWith('..') || path.isAbsolute(rel)) return { error: `${real} is not in a git work tree` };
    const prefix = rel ? rel.split(path.sep).join('/') + '/' : '';
    return new GitRepo(top, prefix, timeoutMs);
  }

  /** A workspace path (relative to the workspace folder) as git names it (relative to the top folder). */
  gitPath(rel: string): string {
    return this.prefix + rel;
  }

  /** A git path back in the workspace, or undefined when it lies outside the workspace folder. */
  workspacePath(gitPath: string): string | undefined {
    if (!gitPath.startsWith(this.prefix)) return undefined;
    const rel = gitPath.slice(this.prefix.length);
    return rel && !rel.split('/').includes('..') ? rel : undefined;
  }

  run(args: string[], input?: string): Promise<string> {
    return runGit(this.top, args, this.timeoutMs, input);
  }

  /** The full commit name of a revision, or a GitError saying it is unknown. */
  async resolveCommit(rev: string): Promise<string> {
    try {
      return (await this.run(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`])).trim();
    } catch {
      throw new GitError(`unknown revision \`${rev}\``);
    }
  }

  /**
   * When each of some lines (0-based) of a workspace file last changed: its commit and committer time, or
   * `uncommitted` for a line changed in the working tree. Lines of a file git does not track are absent. `contents`:
   * the file's text as the editor holds it (unsaved edits), blamed instead of the file on disk.
   */
  async blameLines(rel: string, lines: readonly number[], contents?: string): Promise<Map<number, { commit: string; time: number } | { uncommitted: true }>> {
    const out = new Map<number, { commit: string; time: number } | { uncommitted: true }>();
    const wanted = [...new Set(lines)].sort((a, b) => a - b);
    // A few hundred ranges per call keep the command line short.
    for (let start = 0; start < wanted.length; start += 200) {
      const ranges = wanted.slice(start, start + 200).flatMap((l) => ['-L', `${l + 1},${l + 1}`]);
      let text: string;
      try {
        const from = contents !== undefined ? ['--contents', '-'] : [];
        text = await this.run(['blame', '--porcelain', '--no-textconv', ...from, ...ranges, '--', this.gitPath(rel)], contents);
      } catch {
        // Not tracked, no commits yet, a line past the end (the file changed on disk since it was indexed): unknown.
        return out;
      }
      for (const [line, stamp] of parseBlame(text)) out.set(line, stamp);
    }
    return out;
  }

  /**
   * The commits that changed one workspace file, newest first (at most `max`), following renames, each with the
   * file's path at that commit. The walk stops where the file's path leaves the workspace folder (`left`).
   */
  async fileHistory(rel: string, max: number): Promise<{ entries: { commit: string; time: number; path: string }[]; complete: boolean }> {
    let text: string;
    try {
      text = await this.run(['log', '--follow', '--format=%x01%H %ct', '--name-only', `--max-count=${max}`, '--', this.gitPath(rel)]);
    } catch {
      return { entries: [], complete: false };
    }
    const entries: { commit: string; time: number; path: string }[] = [];
    let current = this.gitPath(rel);
    for (const record of text.split('\u0001').slice(1)) {
      const lines = record.split('\n').filter((l) => l !== '');
      const m = /^([0-9a-f]{40,64}) (\d+)$/.exec(lines[0] ?? '');
      if (!m) continue;
      // A merge lists no name: the path is the one of the newer commit.
      if (lines[1] !== undefined) current = lines[lines.length - 1]!;
      if (this.workspacePath(current) === undefined) return { entries, complete: false };
      entries.push({ commit: m[1]!, time: Number(m[2]), path: current });
    }
    return { entries, complete: entries.length < max };
  }

  /**
   * The changes between a commit and the working tree under the workspace folder: workspace paths with their
   * status, and for renames the old path. Untracked files are not listed (see trackedPaths).
   */
  async changesSince(commit: string): Promise<{ status: string; path: string; from?: string }[]> {
    const text = await this.run(['diff', '--name-status', '-z', '-M', '--no-textconv', '--no-ext-diff', commit, '--', this.prefix || '.']);
    const parts = text.split('\0');
    const out: { status: string; path: string; from?: string }[] = [];
    for (let i = 0; i < parts.length; ) {
      const status = parts[i++];
      if (!status) continue;
      if (status.startsWith('R') || status.startsWith('C')) {
        const from = this.workspacePath(parts[i++] ?? '');
        const to = this.workspacePath(parts[i++] ?? '');
        if (to !== undefined) out.push({ status: status[0]!, path: to, ...(from !== undefined && status[0] === 'R' ? { from } : {}) });
        else if (from !== undefined && status[0] === 'R') out.push({ status: 'D', path: from });
      } else {
        const p = this.workspacePath(parts[i++] ?? '');
        if (p !== undefined) out.push({ status: status[0]!, path: p });
      }
    }
    return out;
  }

  /** The workspace paths git tracks (in its index). */
  async trackedPaths(): Promise<Set<string>> {
    const text = await this.run(['ls-files', '-z', '--', this.prefix || '.']);
    const out = new Set<string>();
    for (const p of text.split('\0')) {
      const rel = p ? this.workspacePath(p) : undefined;
      if (rel !== undefined) out.add(rel);
    }
    return out;
  }

  /** One `git cat-file --batch` process for many blob reads; close it when done. */
  blobs(): BlobReader {
    return new BlobReader(this.top, this.timeoutMs);
  }
}

function runGit(cwd: string, args: string[], timeoutMs: number, input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      [...GLOBAL, ...args],
      { cwd, timeout: timeoutMs, maxBuffer: MAX_OUTPUT, encoding: 'utf8', windowsHide: true, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' } },
      (err, stdout) => (err ? reject(err) : resolve(stdout)),
    );
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(input ?? '');
  });
}

const ZERO = /^0+$/;

/** `git blame --porcelain` output: final line (0-based) -> commit and committer time, or uncommitted. */
export function parseBlame(text: string): Map<number, { commit: string; time: number } | { uncommitted: true }> {
  const times = new Map<string, number>();
  const lineCommit = new Map<number, string>();
  let commit: string | undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith('\t')) {
      commit = undefined;
      continue;
    }
    if (commit === undefined) {
      const m = /^([0-9a-f]{40,64}) \d+ (\d+)/.exec(line);
      if (m) {
        commit = m[1]!;
        lineCommit.set(Number(m[2]) - 1, commit);
      }
      continue;
    }
    if (line.startsWith('committer-time ')) times.set(commit, Number(line.slice('committer-time '.length)));
  }
  const out = new Map<number, { commit: string; time: number } | { uncommitted: true }>();
  for (const [line, c] of lineCommit) {
    if (ZERO.test(c)) out.set(line, { uncommitted: true });
    else if (times.has(c)) out.set(line, { commit: c, time: times.get(c)! });
  }
  return out;
}

/**
 * Reads blobs by `<commit>:<path>` through one `git cat-file --batch` process, one request at a time. A blob over the
 * read cap, missing, or a process that failed or timed out reads as undefined.
 */
export class BlobReader {
  private proc: ChildProcessWithoutNullStreams | undefined;
  private buffer: Buffer = Buffer.alloc(0);
  private waiting: ((chunk: Buffer | undefined) => void) | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  private dead = false;

  constructor(
    private readonly cwd: string,
    private readonly timeoutMs: number,
  ) {}

  read(commit: string, gitPath: string): Promise<string | undefined> {
    const next = this.chain.then(() => this.readOne(`${commit}:${gitPath}`));
    this.chain = next.catch(() => undefined);
    return next;
  }

  close(): void {
    this.dead = true;
    this.proc?.stdin.end();
    this.proc?.kill();
    this.proc = undefined;
    this.waiting?.(undefined);
  }

  private start(): ChildProcessWithoutNullStreams {
    const proc = spawn('git', [...GLOBAL, 'cat-file', '--batch'], { cwd: this.cwd, windowsHide: true, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' } });
    proc.stdout.on('data', (chunk: Buffer) => {
      this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
      this.waiting?.(this.buffer);
    });
    const fail = (): void => {
      this.dead = true;
      this.waiting?.(undefined);
    };
    proc.on('error', fail);
    proc.on('exit', fail);
    proc.stdin.on('error', fail);
    proc.stderr.resume();
    return proc;
  }

  /** Waits until `enough(buffer)` holds, the process dies or the timeout passes. */
  private async until(enough: (b: Buffer) => boolean): Promise<boolean> {
    if (enough(this.buffer)) return true;
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        this.waiting = undefined;
        this.close();
        resolve(false);
      }, this.timeoutMs);
      this.waiting = (b) => {
        if (b === undefined || enough(b)) {
          clearTimeout(timer);
          this.waiting = undefined;
          resolve(b !== undefined);
        }
      };
    });
  }

  private async readOne(spec: string): Promise<string | undefined> {
    if (this.dead || /[\n\r]/.test(spec)) return undefined;
    this.proc ??= this.start();
    this.proc.stdin.write(spec + '\n');
    if (!(await this.until((b) => b.includes(10)))) return undefined;
    const nl = this.buffer.indexOf(10);
    const header = this.buffer.subarray(0, nl).toString('utf8');
    const m = /^\S+ (\S+) (\d+)$/.exec(header);
    if (!m) {
      // `<spec> missing` (or ambiguous): nothing follows.
      this.buffer = this.buffer.subarray(nl + 1);
      return undefined;
    }
    const size = Number(m[2]);
    const end = nl + 1 + size + 1;
    if (!(await this.until((b) => b.length >= end))) return undefined;
    const body = this.buffer.subarray(nl + 1, nl + 1 + size);
    this.buffer = this.buffer.subarray(end);
    if (m[1] !== 'blob' || size > MAX_READ_BYTES || body.includes(0)) return undefined;
    return new TextDecoder('utf-8', { fatal: false }).decode(body);
  }
}
