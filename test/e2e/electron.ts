// `npm run test:e2e:electron`: the API-level suite (api/features.test.ts) in a desktop VS Code through
// @vscode/test-electron — how contributors and public CI run it. It downloads VS Code (version from VSCODE_VERSION,
// default "stable") unless VSCODE_EXECUTABLE points at a local build. On Linux without a display, run it under
// `xvfb-run -a`. Where nothing can be downloaded, `npm run test:e2e` runs the same suite in code-server instead.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { packageExtension, repoRoot } from './setup';

async function vscodeExecutable(): Promise<string> {
  const local = process.env['VSCODE_EXECUTABLE'];
  if (local) {
    if (!fs.existsSync(local)) throw new Error(`VSCODE_EXECUTABLE=${local} does not exist.`);
    return local;
  }
  const version = process.env['VSCODE_VERSION'] ?? 'stable';
  try {
    return await downloadAndUnzipVSCode({ version, cachePath: path.join(repoRoot, '.vscode-test') });
  } catch (err) {
    throw new Error(
      `Could not download VS Code ${version} for @vscode/test-electron (${(err as Error).message.split('\n')[0]}).\n` +
        'Without internet, either set VSCODE_EXECUTABLE to a local VS Code executable (e.g. /usr/share/code/code), or run\n' +
        '`npm run test:e2e`, which runs the same suite (and the UI checks) in code-server with Debian\'s chromium.',
    );
  }
}

async function main(): Promise<void> {
  const executable = await vscodeExecutable();
  packageExtension(); // production bundles in dist/, as in the .vsix
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'clarifier-e2e-electron-'));
  const workspace = path.join(root, 'shop');
  fs.cpSync(path.join(repoRoot, 'test', 'fixtures', 'shop'), workspace, { recursive: true });
  try {
    await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(__dirname, 'api', 'index.js'),
      launchArgs: [
        workspace,
        '--disable-extensions', // only the extension under development
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--user-data-dir', path.join(root, 'user-data'),
        '--extensions-dir', path.join(root, 'extensions'),
      ],
    });
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(`e2e (electron): ${(err as Error).message}`);
  process.exitCode = 1;
});
