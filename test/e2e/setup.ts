// Setup for the real-editor tests: build and package the .vsix, install code-server on demand into a cache outside
// git, launch it with fresh user data and extensions dirs on a copy of the demo workspace, and drive Debian's
// chromium through playwright-core. No fixed sleeps: everything waits for a condition with a deadline.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** The repository root (this file runs from out/test/e2e/). */
export const repoRoot = path.resolve(__dirname, '../../..');
export const vsixPath = path.join(repoRoot, 'spec-clarifier.vsix');
export const EXTENSION_ID = 'spec-clarifier.spec-clarifier';
export const screenshotsDir = path.join(repoRoot, 'test', 'e2e', 'screenshots');
/** Failure screenshots and logs: kept out of git, next to the cache. */
export const artifactsDir = path.join(repoRoot, '.vscode-test', 'e2e-artifacts');

/** The newest code-server release that runs on Node 20 (VS Code 1.100.3); see /work/shared/notes/real-editor-tests.md. */
export const CODE_SERVER_VERSION = '4.100.3';
const cacheDir = path.join(repoRoot, '.vscode-test', `code-server-${CODE_SERVER_VERSION}`);
const codeServerEntry = path.join(cacheDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const readyMarker = path.join(cacheDir, '.ready');

export const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

// ---------------------------------------------------------------------------------------------------------------
// Waiting without sleeping

/** Polls `check` until it returns a truthy value or the deadline passes; the error says what was seen last. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, options: { timeoutMs?: number; seen?: () => Promise<string> | string } = {}): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      const seen = options.seen ? await Promise.resolve(options.seen()).catch((e: unknown) => `(could not read the screen: ${String(e)})`) : '';
      throw new Error(`Timed out after ${timeoutMs / 1000}s waiting for ${what}.${seen ? `\nOn screen: ${seen}` : ''}${lastError ? `\nLast error: ${String(lastError)}` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 150)); // poll interval, not a wait for the editor
  }
}

export function log(message: string): void {
  console.log(`[e2e ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

export function run(command: string, args: string[], cwd: string, what: string): void {
  try {
    execFileSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${what} failed: ${command} ${args.join(' ')} (in ${cwd})\n${e.message}\n${(e.stdout ?? '').slice(-3000)}\n${(e.stderr ?? '').slice(-3000)}`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Tools, build, code-server cache

/** Debian's chromium and ripgrep (code-server's file search and `workspaceContains` need rg; npm cannot fetch it here). */
export function checkTools(): void {
  const missing: string[] = [];
  if (!fs.existsSync(chromiumPath)) missing.push(`chromium (${chromiumPath}; or set CHROMIUM_PATH)`);
  if (!whichRg()) missing.push('ripgrep (rg on PATH)');
  if (missing.length) {
    throw new Error(`The e2e tests need ${missing.join(' and ')}. On Debian: apt-get install -y chromium ripgrep`);
  }
}

function whichRg(): string | undefined {
  for (const dir of (process.env['PATH'] ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, 'rg');
    if (dir && fs.existsSync(candidate)) return fs.realpathSync(candidate);
  }
  return undefined;
}

/** Builds the production bundles and packages the .vsix exactly as a release would (`npm run package`). */
export function packageExtension(): void {
  fs.rmSync(vsixPath, { force: true });
  run('npm', ['run', 'package'], repoRoot, 'Packaging the extension');
  if (!fs.existsSync(vsixPath)) throw new Error(`npm run package did not produce ${vsixPath}`);
}

/**
 * Installs code-server into .vscode-test/ once (about a minute): from the npm registry with install scripts off
 * (they need --unsafe-perm as root and download ripgrep), Debian's rg in place of @vscode/ripgrep's binary, and the
 * few native modules the server needs rebuilt from source. Built in a staging dir and renamed when complete, so an
 * interrupted install is never mistaken for a cached one.
 */
export function ensureCodeServer(): void {
  if (fs.existsSync(readyMarker) && fs.existsSync(codeServerEntry)) {
    log(`code-server ${CODE_SERVER_VERSION}: cached in ${path.relative(repoRoot, cacheDir)}`);
    return;
  }
  const started = Date.now();
  log(`code-server ${CODE_SERVER_VERSION}: installing into ${path.relative(repoRoot, cacheDir)} (first run only)…`);
  const staging = `${cacheDir}.partial`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.rmSync(cacheDir, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  fs.writeFileSync(path.join(staging, 'package.json'), JSON.stringify({ name: 'code-server-cache', private: true }));
  const npmInstall = ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock'];
  run('npm', [...npmInstall, `code-server@${CODE_SERVER_VERSION}`], staging, 'Installing code-server');
  const vscodeDir = path.join(staging, 'node_modules', 'code-server', 'lib', 'vscode');
  run('npm', [...npmInstall, '--omit=dev'], vscodeDir, "Installing code-server's VS Code dependencies");
  const rgBin = path.join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin');
  fs.mkdirSync(rgBin, { recursive: true });
  fs.rmSync(path.join(rgBin, 'rg'), { force: true });
  fs.symlinkSync(whichRg() ?? '/usr/bin/rg', path.join(rgBin, 'rg'));
  fs.rmSync(path.join(vscodeDir, 'node_modules.asar'), { recursive: true, force: true });
  fs.symlinkSync('node_modules', path.join(vscodeDir, 'node_modules.asar'));
  run('npm', [...npmInstall, '--omit=dev'], path.join(vscodeDir, 'extensions'), "Installing code-server's built-in extensions' dependencies");
  // argon2: the CLI loads it even with --auth none. spdlog: log files and output channels. native-watchdog: the
  // extension host's watchdog. All build from source with the local toolchain (node headers from nodedir).
  run('npm', ['rebuild', 'argon2'], staging, 'Rebuilding argon2');
  run('npm', ['rebuild', '@vscode/spdlog', 'native-watchdog'], vscodeDir, 'Rebuilding @vscode/spdlog and native-watchdog');
  fs.writeFileSync(path.join(staging, '.ready'), `code-server ${CODE_SERVER_VERSION}\n`);
  fs.renameSync(staging, cacheDir);
  log(`code-server ${CODE_SERVER_VERSION}: installed in ${Math.round((Date.now() - started) / 1000)}s`);
}

// ---------------------------------------------------------------------------------------------------------------
// A fresh editor: user data, extensions, workspace

export interface Profile {
  root: string;
  userDataDir: string;
  extensionsDir: string;
  workspace: string;
}

/** The real Model Spec: ../shared/corpora/model_spec next to the repository, else its CC0 copy in test/fixtures. */
const sharedModelSpec = path.resolve(repoRoot, '..', 'shared', 'corpora', 'model_spec');
export const modelSpecDir = fs.existsSync(path.join(sharedModelSpec, 'model_spec.md')) ? sharedModelSpec : path.join(repoRoot, 'test', 'fixtures', 'model_spec');

/** Fresh dirs for one editor session and a copy of a workspace (default: the demo workspace test/fixtures/shop). */
export function freshProfile(name: string, source = path.join(repoRoot, 'test', 'fixtures', 'shop')): Profile {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `clarifier-e2e-${name}-`));
  const profile: Profile = {
    root,
    userDataDir: path.join(root, 'user-data'),
    extensionsDir: path.join(root, 'extensions'),
    workspace: path.join(root, path.basename(source)),
  };
  fs.cpSync(source, profile.workspace, { recursive: true });
  // Cosmetic settings only: no welcome page, no network lookups, a stable theme for the screenshots.
  fs.mkdirSync(path.join(profile.userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(profile.userDataDir, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.colorTheme': 'Default Dark Modern',
        'workbench.welcomePage.walkthroughs.openOnInstall': false,
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'extensions.ignoreRecommendations': true,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'security.workspace.trust.enabled': false,
        'chat.commandCenter.enabled': false,
        'editor.minimap.enabled': false,
        'window.restoreWindows': 'none',
      },
      null,
      2,
    ),
  );
  return profile;
}

export function installExtension(profile: Profile, vsix: string): void {
  run(process.execPath, [codeServerEntry, '--user-data-dir', profile.userDataDir, '--extensions-dir', profile.extensionsDir, '--install-extension', vsix], repoRoot, `Installing ${path.basename(vsix)}`);
  const manifest = path.join(profile.extensionsDir, 'extensions.json');
  if (!fs.existsSync(manifest)) throw new Error(`--install-extension ${vsix} left no ${manifest}`);
}

/** code-server reads $PORT and $PASSWORD over its flags: keep the caller's out. */
function serverEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of ['PORT', 'PASSWORD', 'HASHED_PASSWORD', 'GITHUB_TOKEN']) delete env[key];
  return env;
}

export interface CodeServer {
  url: string;
  logFile: string;
  stop(): Promise<void>;
  /** The extension host log and the extension's output channel (under the user data dir), for failure messages. */
  extensionHostLog(): string;
}

/** Starts code-server on a free loopback port and waits until it listens. */
export async function startCodeServer(profile: Profile): Promise<CodeServer> {
  const logFile = path.join(profile.root, 'code-server.log');
  const out = fs.openSync(logFile, 'a');
  const child: ChildProcess = spawn(
    process.execPath,
    [
      codeServerEntry,
      '--bind-addr', '127.0.0.1:0',
      '--auth', 'none',
      '--config', path.join(profile.root, 'code-server.yaml'),
      '--user-data-dir', profile.userDataDir,
      '--extensions-dir', profile.extensionsDir,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      profile.workspace,
    ],
    { cwd: profile.root, stdio: ['ignore', out, out], detached: true, env: serverEnv() },
  );
  fs.closeSync(out);
  let exited: number | null = null;
  child.on('exit', (code) => (exited = code ?? -1));
  const port = await waitFor(
    'code-server to listen',
    () => {
      if (exited !== null) throw new Error(`code-server exited with ${exited}`);
      return /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(fs.readFileSync(logFile, 'utf8'))?.[1];
    },
    { timeoutMs: 60_000, seen: () => `code-server log ${logFile}:\n${fs.readFileSync(logFile, 'utf8').slice(-2000)}` },
  );
  return {
    url: `http://127.0.0.1:${port}/?folder=${encodeURIComponent(profile.workspace)}`,
    logFile,
    async stop() {
      if (exited !== null || child.pid === undefined) return;
      // The server, its extension host and the language server share the process group started above.
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        return;
      }
      await waitFor('code-server to exit', () => exited !== null, { timeoutMs: 10_000 }).catch(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          /* already gone */
        }
      });
    },
    extensionHostLog() {
      const logs = path.join(profile.userDataDir, 'logs');
      const files = fs.existsSync(logs) ? fs.readdirSync(logs, { recursive: true, encoding: 'utf8' }) : [];
      const wanted = files.filter((f) => f.endsWith('remoteexthost.log') || f.endsWith('Spec Clarifier.log'));
      return wanted.map((f) => `--- ${f}\n${fs.readFileSync(path.join(logs, f), 'utf8').slice(-3000)}`).join('\n') || '(no extension host log)';
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The browser

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

const consoleErrors = new WeakMap<Page, string[]>();

/** The errors the workbench logged to the browser console (failed edits, extension host errors), for failure messages. */
export function workbenchErrors(page: Page): string[] {
  return consoleErrors.get(page) ?? [];
}

/** Opens the workbench on the workspace and waits until the explorer shows it. */
export async function openWorkbench(browser: Browser, server: CodeServer): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const errors: string[] = [];
  consoleErrors.set(page, errors);
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text().slice(0, 2000));
  });
  await page.goto(server.url);
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60_000 });
  return page;
}

export function temporaryDirCleanup(profile: Profile): void {
  if (process.env['E2E_KEEP']) {
    log(`kept ${profile.root} (E2E_KEEP)`);
    return;
  }
  fs.rmSync(profile.root, { recursive: true, force: true });
}
