import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { main } from '../../server/src/cli/main';
import { repoRoot } from './workspace';

/** The real CLI as a child process: `node bin/clarify.js …` (needs dist/cli.js: `node esbuild.mjs`). */

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs `node bin/clarify.js …` with a deadline; a run that does not finish in time fails the test. */
export function runCli(args: string[], options: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<CliRun> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [path.join(repoRoot, 'bin', 'clarify.js'), ...args],
      { timeout: options.timeoutMs ?? 60_000, maxBuffer: 64 * 1024 * 1024, env: options.env ?? process.env },
      (err, stdout, stderr) => {
        const e = err as { killed?: boolean; code?: unknown; signal?: unknown } | null;
        if (e && (e.killed || typeof e.code !== 'number')) {
          reject(new Error(`clarify ${args.join(' ')} did not finish in time (${String(e.signal ?? e.code)}); stderr: ${stderr.slice(-2000)}`));
          return;
        }
        resolve({ code: e ? Number(e.code) : 0, stdout, stderr, ms: Date.now() - started });
      },
    );
  });
}


/** Writes a workspace to a new temp folder (its real path) and returns the folder. */
export function tempWorkspace(files: Record<string, string>, prefix = 'clarify-cli-'): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

/** The CLI in this process (`main(argv)`), with its standard output and error collected. */
export async function clarify(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const sink = (append: (s: string) => void): Writable =>
    new Writable({
      write(chunk, _enc, cb) {
        append(String(chunk));
        cb();
      },
    });
  const code = await main(argv, { stdout: sink((s) => (stdout += s)), stderr: sink((s) => (stderr += s)) });
  return { code, stdout, stderr };
}
