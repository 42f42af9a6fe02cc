// Runs the API-level suite inside the editor's extension host. Two callers:
// - @vscode/test-electron calls `run()` (extensionTestsPath); a rejection fails the run;
// - under code-server, a small runner extension calls `runSuite()` on activation and writes the result to a file
//   that the Node side reads (see codeServer.ts).
import * as path from 'node:path';
import Mocha from 'mocha';

export interface SuiteResult {
  passed: string[];
  failed: { title: string; error: string }[];
  skipped: string[];
  durationMs: number;
}

export async function runSuite(): Promise<SuiteResult> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  mocha.addFile(path.join(__dirname, 'features.test.js'));
  const result: SuiteResult = { passed: [], failed: [], skipped: [], durationMs: 0 };
  const started = Date.now();
  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => resolve());
    runner.on('pass', (test) => result.passed.push(test.fullTitle()));
    runner.on('pending', (test) => result.skipped.push(test.fullTitle()));
    runner.on('fail', (test, err: Error) => result.failed.push({ title: test.fullTitle(), error: err.stack ?? String(err) }));
  });
  result.durationMs = Date.now() - started;
  return result;
}

export async function run(): Promise<void> {
  const result = await runSuite();
  console.log(`api: ${result.passed.length} passed, ${result.failed.length} failed, ${result.skipped.length} skipped`);
  if (result.failed.length > 0) throw new Error(`${result.failed.length} API-level e2e test(s) failed: ${result.failed.map((f) => f.title).join('; ')}`);
}
