import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadWorkspace } from '../server/src/io/workspace';
import { LspClient, uri } from '../test/lsp/client';
import { ensureBigCases, ensureWorkspace, type GeneratedWorkspace } from './generate';
import { startFakeOpenAI } from '../test/helpers/fakeOpenAI';
import { writeChart, writeChartPng } from './chart';
import { commit, scriptedRepo } from '../test/helpers/gitHistory';

/**
 * `npm run bench [-- --sizes 1000,10000,40000] [--runs 5] [--quick] [DIR…]`: the performance benchmark, measured side by
 * side with the obvious baselines in the same run, on generated workspaces (cached in .bench-cache/) and on any real
 * folder given. Writes bench/results/results.{md,json} and bench/results/time-vs-size.{svg,png}.
 *
 *  - ripgrep scanning the same tree for the same `[^id]` pattern (the floor for reading and scanning these bytes);
 *  - `clarify check`, cold (a new process, no index cache) and warm (a new process with the on-disk index cache):
 *    wall time and peak RSS; cold again with the spec type checker off and with the ambiguity pass off (what each
 *    costs);
 *  - the Markdown part alone, ours vs VS Code's Markdown language service (link diagnostics of every Markdown file);
 *  - the Markdown scanner (server/src/core/markdown/scanner.ts) next to micromark, its oracle: MB/s on the Model Spec,
 *    the CommonMark spec and the bench corpus (the generated workspace's Markdown), in one process each;
 *  - the language server: `initialize` to the first `specClarifier/status` (indexed), RSS after indexing, hover,
 *    definition and completion latency, and the time from a `didChange` in the 5,000-clause spec to its diagnostics
 *    (typing, and edits that add a footnote reference): pulled as VS Code pulls them (textDocument/diagnostic after the
 *    didChange, with the workspace pull running), and (`push`, a second server) the `publishDiagnostics` of that version;
 *  - big inputs (`--only big`), and the peak memory and CPU time of `clarify check` per output format on the two big
 *    specs, the reference spec at 50,000 and 100,000 references too (linear growth), an empty folder (the bundle alone)
 *    and a one-clause spec with prose, the CLI's own fixed cost; each peak as a total and above that fixed cost
 *    (`--only mem`).
 */

const repo = path.resolve(__dirname, '../..');
/** The build to measure (default: this one); another checkout's, to compare before and after (no --cache there). */
const measured = path.resolve(process.env['BENCH_TARGET_REPO'] ?? repo);
const cacheDir = path.join(repo, '.bench-cache');
const resultsDir = path.join(repo, 'bench', 'results');
const RG_PATTERN = '\\[\\^[A-Za-z0-9_][A-Za-z0-9_.:-]*\\]';

interface Args {
  sizes: number[];
  runs: number;
  dirs: string[];
  skipMdls: boolean;
  /**
   * Which measurements to run (all by default): rg, check, md, server, push (the edits again with pushed diagnostics:
   * a second server), big, mem, stale, scanner (typecheck, ambiguity: one row each; pass: the ambiguity pass on and
   * off in alternating pairs, not in the default set).
   */
  parts: Set<string>;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { sizes: [1000, 10000, 40000], runs: 5, dirs: [], skipMdls: false, parts: new Set(['rg', 'check', 'md', 'server', 'push', 'big', 'mem', 'stale', 'scanner']) };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--sizes') args.sizes = argv[++i]!.split(',').filter(Boolean).map((s) => Number(s.replace(/k$/i, '000')));
    else if (a === '--runs') args.runs = Number(argv[++i]);
    else if (a === '--quick') args.runs = 3;
    else if (a === '--no-mdls') args.skipMdls = true;
    else if (a === '--only') args.parts = new Set(argv[++i]!.split(','));
    else args.dirs.push(path.resolve(a));
  }
  return args;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2 : NaN;
};
const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : NaN;
};

/** Runs a command, returns its wall time in ms (and peak RSS in MB for node processes run with the preload). */
function timed(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ ms: number; rssMb?: number; cpuMs?: number; stdout: string; code: number }> {
  const rssFile = path.join(os.tmpdir(), `bench-maxrss-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const cpuFile = `${rssFile}-cpu`;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, ...env, BENCH_MAXRSS_FILE: rssFile, BENCH_CPU_FILE: cpuFile } });
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => {
      if (stdout.length < 1e6) stdout += c.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      let rssMb: number | undefined;
      let cpuMs: number | undefined;
      try {
        rssMb = Number(fs.readFileSync(rssFile, 'utf8')) / 1024;
        fs.rmSync(rssFile);
        cpuMs = Number(fs.readFileSync(cpuFile, 'utf8'));
        fs.rmSync(cpuFile);
      } catch {
        // not a node process with the preload
      }
      resolve({ ms, ...(rssMb !== undefined ? { rssMb } : {}), ...(cpuMs !== undefined ? { cpuMs } : {}), stdout, code: code ?? -1 });
    });
  });
}

interface Target {
  name: string;
  dir: string;
  files: number;
  mb: number;
  markdown: string[];
  /** Positions of citations or footnote references to hover, and the spec to edit. */
  probes: { file: string; id: string }[];
  editSpec?: string;
  generated?: GeneratedWorkspace;
}

interface Row {
  name: string;
  files: number;
  mb: number;
  rgMs: number;
  checkColdMs: number;
  checkColdRssMb: number;
  checkWarmMs: number;
  checkWarmRssMb: number;
  /** Cold `clarify check` with the spec type checker off (its three codes `off`): what the checker costs. */
  checkColdNoTypecheckMs?: number;
  /** Cold `clarify check` with the ambiguity pass off: what the pass costs (budget: 20%). */
  checkColdNoAmbiguityMs?: number;
  mdFiles: number;
  mdOursMs: number;
  /** Ours doing the service's work only: ids, links and anchors (the ambiguity pass and the type checker off). */
  mdOursLinksMs?: number;
  mdlsMs?: number;
  lspIndexMs: number;
  lspRssMb: number;
  hover: [number, number];
  definition: [number, number];
  completion: [number, number];
  editTyping?: [number, number];
  editStructural?: [number, number];
  /** The same edits with the diagnostics pushed (an editor without pull diagnostics). */
  editTypingPush?: [number, number];
  editStructuralPush?: [number, number];
}

function log(m: string): void {
  process.stderr.write(`${m}\n`);
}

function countFiles(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  const stack = [dir];
  while (stack.length) {
    const d = stack.pop()!;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.name === '.git' || e.name === 'node_modules') continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) stack.push(p);
      else if (e.isFile()) {
        files++;
        bytes += fs.statSync(p).size;
      }
    }
  }
  return { files, bytes };
}

/** A real folder: Markdown files and probes come from our own index of it (footnote references when it has no code). */
async function realTarget(dir: string): Promise<Target> {
  const ws = await loadWorkspace(dir);
  const model = ws.index.model();
  const probes: { file: string; id: string }[] = model.citations.slice(0, 400).map((c) => ({ file: c.file, id: c.id }));
  if (probes.length === 0) {
    for (const file of model.specFiles) for (const r of ws.index.specFacts(file)!.footnoteRefs) if (probes.length < 400) probes.push({ file, id: r.id });
  }
  let editSpec: string | undefined;
  let most = -1;
  for (const file of model.specFiles) {
    const f = ws.index.specFacts(file)!;
    const n = f.headingClauses.length + f.footnoteRefs.length;
    if (n > most) [most, editSpec] = [n, file];
  }
  const { files, bytes } = countFiles(dir);
  return { name: path.basename(dir), dir, files, mb: bytes / 1e6, markdown: [...model.specFiles, ...model.exampleFiles], probes, ...(editSpec ? { editSpec } : {}) };
}

function positionIn(text: string, needle: string, delta: number): { line: number; character: number } | undefined {
  const at = text.indexOf(needle);
  if (at < 0) return undefined;
  const before = text.slice(0, at + delta);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - (before.lastIndexOf('\n') + 1) };
}

async function measureRg(t: Target, runs: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const r = await timed('rg', ['-c', '--no-require-git', '--no-ignore-parent', RG_PATTERN, t.dir]);
    if (i > 0) times.push(r.ms); // the first run warms the page cache
  }
  return median(times);
}

async function measureCheck(t: Target, runs: number, cache: string | undefined, env: NodeJS.ProcessEnv = {}): Promise<{ ms: number; rssMb: number }> {
  const times: number[] = [];
  const rss: number[] = [];
  const args = ['--require', path.join(repo, 'out/bench/maxrss.js'), path.join(measured, 'bin/clarify.js'), 'check', t.dir, '--format', 'json', '--output', os.devNull];
  if (cache) args.push('--cache', cache);
  if (cache) await timed(process.execPath, args); // fill the cache
  for (let i = 0; i < runs; i++) {
    const r = await timed(process.execPath, args, env);
    if (r.code !== 0 && r.code !== 1) throw new Error(`clarify check exited with ${r.code}`);
    times.push(r.ms);
    rss.push(r.rssMb ?? NaN);
  }
  return { ms: median(times), rssMb: median(rss) };
}

/**
 * Cold `clarify check` with part of the pass turned off (`CLARIFIER_BENCH_OFF`, read by io/workspace.ts as the folder's
 * `.clarifier.json` would be: nothing is written into the folder, which other runs may be measuring): the spec type
 * checker (its three conflict codes `off`) [^tc2c], or the ambiguity pass (`ambiguity.enabled: false`; issue 13's
 * budget: the pass slows `clarify check` by at most 20%). A build measured with BENCH_TARGET_REPO must read the variable.
 */
async function measureWithout(t: Target, runs: number, part: 'typecheck' | 'ambiguity'): Promise<number> {
  return (await measureCheck(t, runs, undefined, { CLARIFIER_BENCH_OFF: part })).ms;
}

interface PassRow {
  name: string;
  pairs: number;
  /** Medians of the runs with the pass on and off: wall clock and CPU time (all threads), ms. */
  onMs: number;
  offMs: number;
  onCpuMs: number;
  offCpuMs: number;
  /** Medians of the pairs' ratios (on / off). */
  wallRatio: number;
  cpuRatio: number;
  loadStart: number;
  loadEnd: number;
}

/**
 * Issue 13's budget: cold `clarify check` with the ambiguity pass on and off, in pairs run back to back (on-off, then
 * off-on, so neither side always runs second), after one unmeasured run that warms the page cache. Each pair gives
 * one ratio of wall clock and one of CPU time; the row shows their medians, so a burst of load on the machine moves
 * both sides of the pair it hits and little else.
 */
async function measurePass(t: Target, pairs: number): Promise<PassRow> {
  const args = ['--require', path.join(repo, 'out/bench/maxrss.js'), path.join(measured, 'bin/clarify.js'), 'check', t.dir, '--format', 'json', '--output', os.devNull];
  const loadStart = os.loadavg()[0]!;
  const on: { ms: number; cpuMs: number }[] = [];
  const off: { ms: number; cpuMs: number }[] = [];
  const run = async (pass: boolean): Promise<{ ms: number; cpuMs: number }> => {
    const r = await timed(process.execPath, args, { CLARIFIER_BENCH_OFF: pass ? '' : 'ambiguity' });
    if (r.code !== 0 && r.code !== 1) throw new Error(`clarify check exited with ${r.code}`);
    return { ms: r.ms, cpuMs: r.cpuMs ?? NaN };
  };
  await run(true);
  for (let i = 0; i < pairs; i++) {
    if (i % 2 === 0) {
      on.push(await run(true));
      off.push(await run(false));
    } else {
      off.push(await run(false));
      on.push(await run(true));
    }
    log(`pass on ${fmtMs(on[i]!.ms)} (CPU ${fmtMs(on[i]!.cpuMs)}), off ${fmtMs(off[i]!.ms)} (CPU ${fmtMs(off[i]!.cpuMs)}); load ${os.loadavg()[0]!.toFixed(1)}`);
  }
  return {
    name: t.name,
    pairs,
    onMs: median(on.map((r) => r.ms)),
    offMs: median(off.map((r) => r.ms)),
    onCpuMs: median(on.map((r) => r.cpuMs)),
    offCpuMs: median(off.map((r) => r.cpuMs)),
    wallRatio: median(on.map((r, i) => r.ms / off[i]!.ms)),
    cpuRatio: median(on.map((r, i) => r.cpuMs / off[i]!.cpuMs)),
    loadStart,
    loadEnd: os.loadavg()[0]!,
  };
}

function passTable(rows: PassRow[]): string {
  const md = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  const pct = (r: number): string => `${r >= 1 ? '+' : ''}${((r - 1) * 100).toFixed(1)}%`;
  return [
    md(['cold `clarify check`', 'pairs', 'wall: pass on / off (median ratio)', 'CPU: pass on / off (median ratio)', 'budget 20%', 'load']),
    md(['---', '---', '---', '---', '---', '---']),
    ...rows.map((r) =>
      md([
        r.name,
        String(r.pairs),
        `${fmtMs(r.onMs)} / ${fmtMs(r.offMs)} (${pct(r.wallRatio)})`,
        `${fmtMs(r.onCpuMs)} / ${fmtMs(r.offCpuMs)} (${pct(r.cpuRatio)})`,
        r.wallRatio <= 1.2 && r.cpuRatio <= 1.2 ? 'met' : 'missed',
        `${r.loadStart.toFixed(1)} → ${r.loadEnd.toFixed(1)}`,
      ]),
    ),
  ].join('\n');
}

async function measureMarkdown(t: Target, runs: number, skipMdls: boolean): Promise<{ ours: number; oursLinks: number; mdls?: number }> {
  const list = path.join(os.tmpdir(), `bench-md-${process.pid}.txt`);
  fs.writeFileSync(list, t.markdown.join('\n'));
  const ours: number[] = [];
  const oursLinks: number[] = [];
  const peer: number[] = [];
  for (let i = 0; i < runs; i++) {
    ours.push(JSON.parse((await timed(process.execPath, [path.join(repo, 'out/bench/mdOurs.js'), t.dir, list])).stdout).ms);
    oursLinks.push(JSON.parse((await timed(process.execPath, [path.join(repo, 'out/bench/mdOurs.js'), t.dir, list, 'links'])).stdout).ms);
    if (!skipMdls) peer.push(JSON.parse((await timed(process.execPath, [path.join(repo, 'out/bench/mdls.js'), t.dir, list])).stdout).ms);
  }
  fs.rmSync(list);
  return { ours: median(ours), oursLinks: median(oursLinks), ...(skipMdls ? {} : { mdls: median(peer) }) };
}

interface ScannerRow {
  corpus: string;
  files: number;
  mb: number;
  scannerMBs: number;
  micromarkMBs: number;
  /** The same per second of the process's CPU time (a busy machine's scheduling left out). */
  scannerCpuMBs: number;
  micromarkCpuMBs: number;
  /** A loop reading every character once, in the same process: the floor, and how busy the machine was. */
  readMBs: number;
}

/** The Model Spec (../shared beside the repository, else the CC0 copy in test/fixtures), as the tests find it. */
function modelSpecFiles(): string[] {
  const shared = [process.env['CLARIFIER_SHARED'], path.resolve(repo, '../shared')].filter((p): p is string => !!p).map((p) => path.join(p, 'corpora', 'model_spec'));
  const dir = shared.find((p) => fs.existsSync(path.join(p, 'model_spec.md'))) ?? path.join(repo, 'test/fixtures/model_spec');
  const out: string[] = [];
  const stack = [dir];
  while (stack.length) {
    const d = stack.pop()!;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) stack.push(p);
      else if (e.name.endsWith('.md')) out.push(p);
    }
  }
  return out.sort();
}

/** The scanner's MB/s next to micromark's on each corpus, each in a fresh process (bench/mdScanner.ts). */
async function measureScanner(corpora: { corpus: string; files: string[] }[]): Promise<ScannerRow[]> {
  const rows: ScannerRow[] = [];
  for (const c of corpora) {
    if (c.files.length === 0) continue;
    const list = path.join(os.tmpdir(), `bench-scanner-${process.pid}.txt`);
    fs.writeFileSync(list, c.files.join('\n'));
    const out = JSON.parse((await timed(process.execPath, [path.join(repo, 'out/bench/mdScanner.js'), list])).stdout) as Omit<ScannerRow, 'corpus'>;
    const r = { files: out.files, mb: out.mb, scannerMBs: out.scannerMBs, micromarkMBs: out.micromarkMBs, scannerCpuMBs: out.scannerCpuMBs, micromarkCpuMBs: out.micromarkCpuMBs, readMBs: out.readMBs };
    fs.rmSync(list);
    rows.push({ corpus: c.corpus, ...r });
    log(`scanner on ${c.corpus}: ${r.scannerMBs.toFixed(1)} MB/s (${r.scannerCpuMBs.toFixed(1)} per CPU s), micromark ${r.micromarkMBs.toFixed(2)} MB/s (${r.files} files, ${r.mb.toFixed(2)} MB)`);
  }
  return rows;
}

function scannerTable(rows: ScannerRow[]): string {
  const lines = [
    '| corpus | files | MB | scanner MB/s (per CPU s) | micromark MB/s (per CPU s) | scanner / micromark | reading each character MB/s |',
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    lines.push(`| ${r.corpus} | ${r.files} | ${r.mb.toFixed(2)} | ${r.scannerMBs.toFixed(1)} (${r.scannerCpuMBs.toFixed(1)}) | ${r.micromarkMBs.toFixed(2)} (${r.micromarkCpuMBs.toFixed(2)}) | ${(r.scannerMBs / r.micromarkMBs).toFixed(0)}× | ${r.readMBs.toFixed(0)} |`);
  }
  return lines.join('\n');
}

function rssOf(pid: number | undefined): number {
  if (!pid) return NaN;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    const r = spawnSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' });
    return Number(r.stdout.trim()) / 1024;
  }
}

async function latencies<T>(n: number, fn: (i: number) => Promise<T>): Promise<[number, number]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await fn(i);
    times.push(performance.now() - started);
  }
  return [percentile(times, 50), percentile(times, 95)];
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

type ServerFigures = Pick<Row, 'lspIndexMs' | 'lspRssMb' | 'hover' | 'definition' | 'completion' | 'editTyping' | 'editStructural' | 'editTypingPush' | 'editStructuralPush'>;

async function measureServer(t: Target, runs: number, pushToo: boolean): Promise<ServerFigures> {
  const indexTimes: number[] = [];
  let result: ServerFigures | undefined;
  for (let run = 0; run < Math.max(1, Math.min(runs, 3)); run++) {
    const client = new LspClient([path.join(measured, 'dist/server.js'), '--stdio']);
    const started = performance.now();
    await client.request('initialize', {
      processId: process.pid,
      rootUri: uri(t.dir),
      workspaceFolders: [{ uri: uri(t.dir), name: t.name }],
      // What vscode-languageclient announces for these features: pull diagnostics with refresh.
      capabilities: {
        window: { workDoneProgress: true },
        textDocument: { diagnostic: { dynamicRegistration: true, relatedDocumentSupport: false } },
        workspace: { didChangeWatchedFiles: { dynamicRegistration: true }, diagnostics: { refreshSupport: true } },
      },
    });
    client.notify('initialized', {});
    await client.waitFor((n) => n.method === 'specClarifier/status', 'the first index', 600_000);
    indexTimes.push(performance.now() - started);
    if (run > 0) {
      await client.shutdown();
      continue;
    }
    await sleep(500);
    const lspRssMb = rssOf(client.pid);

    // Hover and definition on citations (or footnote references).
    const probes: { uri: string; position: { line: number; character: number } }[] = [];
    for (const p of t.probes) {
      const text = fs.readFileSync(path.join(t.dir, p.file), 'utf8');
      const position = positionIn(text, `[^${p.id}]`, 3);
      if (position) probes.push({ uri: uri(path.join(t.dir, p.file)), position });
      if (probes.length >= 300) break;
    }
    const n = Math.min(300, probes.length);
    const hover = await latencies(n, (i) => client.request('textDocument/hover', { textDocument: { uri: probes[i]!.uri }, position: probes[i]!.position }));
    const definition = await latencies(n, (i) => client.request('textDocument/definition', { textDocument: { uri: probes[i]!.uri }, position: probes[i]!.position }));

    // Completion right after `[^` in a comment (or in spec prose), the whole id list as candidates.
    const codeProbe = t.probes.find((p) => /\.(ts|js)$/.test(p.file)) ?? t.probes.find((p) => /\.(go|rs|java|c|cs|kt)$/.test(p.file));
    const target = codeProbe?.file ?? t.editSpec ?? t.probes[0]!.file;
    const original = fs.readFileSync(path.join(t.dir, target), 'utf8');
    const insert = codeProbe ? '\n// see [^' : '\n\nSee [^';
    const docUri = client.open(path.join(t.dir, target), codeProbe ? 'typescript' : 'markdown', original + insert);
    const lines = (original + insert).split('\n');
    const position = { line: lines.length - 1, character: lines[lines.length - 1]!.length };
    const completion = await latencies(200, () => client.request('textDocument/completion', { textDocument: { uri: docUri }, position, context: { triggerKind: 2, triggerCharacter: '^' } }));
    client.notify('textDocument/didClose', { textDocument: { uri: docUri } });

    // Edits in the big spec: the user types a word into a paragraph; every edit waits for its own diagnostics, pulled
    // as VS Code pulls them (vscode-languageclient asks for the document's diagnostics after each didChange).
    const edits = t.editSpec ? await measureEdits(client, path.join(t.dir, t.editSpec), 'pull') : undefined;
    result = { lspIndexMs: 0, lspRssMb, hover, definition, completion, ...(edits ? { editTyping: edits.typing, editStructural: edits.structural } : {}) };
    await client.shutdown();
  }
  // The same edits for an editor without pull diagnostics (the server publishes them): a server of its own.
  if (pushToo && t.editSpec) {
    const client = new LspClient([path.join(measured, 'dist/server.js'), '--stdio']);
    await client.request('initialize', { processId: process.pid, rootUri: uri(t.dir), workspaceFolders: [{ uri: uri(t.dir), name: t.name }], capabilities: {} });
    client.notify('initialized', {});
    await client.waitFor((n) => n.method === 'specClarifier/status', 'the first index', 600_000);
    await sleep(500);
    const edits = await measureEdits(client, path.join(t.dir, t.editSpec), 'push');
    result = { ...result!, editTypingPush: edits.typing, editStructuralPush: edits.structural };
    await client.shutdown();
  }
  return { ...result!, lspIndexMs: median(indexTimes) };
}

/**
 * 60 typed words and 20 new footnote references in the big spec, each timed from its didChange to its diagnostics:
 * `pull`, as VS Code does (a textDocument/diagnostic request with the last result id after each didChange; a
 * workspace/diagnostic/refresh from the server re-pulls the document, and the workspace pull repeats two seconds after
 * each answer, as vscode-languageclient does); `push`, the publishDiagnostics of that version.
 */
async function measureEdits(client: LspClient, specPath: string, mode: 'pull' | 'push'): Promise<{ typing: [number, number]; structural: [number, number] }> {
  const text = fs.readFileSync(specPath, 'utf8');
  const specUri = client.open(specPath, 'markdown', text);
  let version = 1;
  let resultId: string | undefined;
  const pull = async (): Promise<void> => {
    const report = await client.request('textDocument/diagnostic', { textDocument: { uri: specUri }, ...(resultId !== undefined ? { previousResultId: resultId } : {}) }, 120_000);
    if (report.kind !== 'full' && report.kind !== 'unchanged') throw new Error(`a diagnostic report of kind ${String(report.kind)}`);
    resultId = report.resultId;
  };
  // The workspace pull of vscode-languageclient: again two seconds after each answer, with the result ids it holds.
  let pulling = mode === 'pull';
  const workspaceIds = new Map<string, string>();
  const workspacePull = async (): Promise<void> => {
    const report = await client.request('workspace/diagnostic', { previousResultIds: [...workspaceIds].map(([u, value]) => ({ uri: u, value })) }, 600_000);
    for (const item of report.items) if (item.resultId !== undefined) workspaceIds.set(item.uri, item.resultId);
  };
  let workspaceLoop: Promise<void> = Promise.resolve();
  if (mode === 'pull') {
    await pull();
    await workspacePull();
    workspaceLoop = (async () => {
      while (pulling) {
        await sleep(2000);
        if (pulling) await workspacePull();
      }
    })();
  } else await client.waitFor((x) => x.method === 'textDocument/publishDiagnostics' && x.params.uri === specUri && x.params.version === version, 'diagnostics of the opened spec', 120_000);
  const specLines = text.split('\n');
  const prose = specLines.map((l, i) => [l, i] as const).filter(([l]) => /^[A-Z][a-z]/.test(l) && l.length > 40).map(([, i]) => i);
  let seed = 7;
  const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648);
  const edit = async (structural: boolean): Promise<number> => {
    // The client keeps every notification it received: forget the old ones (each is a big diagnostics list).
    client.notifications.length = 0;
    client.serverRequests.length = 0;
    const line = prose[next() % prose.length]!;
    const character = Math.min(10 + (next() % 20), specLines[line]!.length);
    const insertText = structural ? ` [^bench${version}]` : ' quickly';
    version++;
    const started = performance.now();
    client.notify('textDocument/didChange', {
      textDocument: { uri: specUri, version },
      contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: insertText }],
    });
    specLines[line] = specLines[line]!.slice(0, character) + insertText + specLines[line]!.slice(character);
    const v = version;
    if (mode === 'pull') await pull();
    else await client.waitFor((x) => x.method === 'textDocument/publishDiagnostics' && x.params.uri === specUri && x.params.version === v, `diagnostics of version ${v}`, 120_000);
    return performance.now() - started;
  };
  const typing: number[] = [];
  const structural: number[] = [];
  const settle = async (): Promise<void> => {
    await sleep(20);
    // The server asked the editor to pull again (workspace/diagnostic/refresh): the open document is pulled again.
    if (client.serverRequests.some((r) => r.method === 'workspace/diagnostic/refresh')) await pull();
  };
  for (let i = 0; i < 60; i++) {
    typing.push(await edit(false));
    await settle();
    if (i % 3 === 2) {
      structural.push(await edit(true));
      await settle();
    }
  }
  pulling = false;
  await workspaceLoop;
  client.notify('textDocument/didClose', { textDocument: { uri: specUri } });
  return { typing: [percentile(typing, 50), percentile(typing, 95)], structural: [percentile(structural, 50), percentile(structural, 95)] };
}

interface BigRow {
  name: string;
  mb: number;
  ms: number;
  rssMb: number;
  note: string;
}

/** One `clarify check` of a folder (JSON to /dev/null): wall time and peak RSS. */
async function checkOnce(dir: string, extra: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<{ ms: number; rssMb: number; code: number }> {
  const args = ['--require', path.join(repo, 'out/bench/maxrss.js'), path.join(measured, 'bin/clarify.js'), 'check', dir, '--format', 'json', '--output', os.devNull, ...extra];
  const r = await timed(process.execPath, args, env);
  return { ms: r.ms, rssMb: r.rssMb ?? NaN, code: r.code };
}

/**
 * The big inputs [^big_documents]: `clarify check` of a 2.3 MB spec with 200,000 footnote references and of a 4 MiB
 * spec (peak RSS and its multiple of the input); the server with a 12 MB document open (hover latency while it is open
 * and while it is typed in) and with the 2.3 MB spec open (hover after a keystroke); `clarify check --llm` against an
 * endpoint answering 100 MB.
 */
async function measureBig(): Promise<BigRow[]> {
  const cases = ensureBigCases(cacheDir, log);
  const rows: BigRow[] = [];
  const load = (): string => `load ${os.loadavg()[0]!.toFixed(1)}`;
  for (const [name, dir] of [['2.3 MB spec, 200,000 footnote references', cases.refs], ['4 MiB spec', cases.spec4]] as const) {
    const mb = fs.statSync(path.join(dir, 'spec.md')).size / 1e6;
    const r = await checkOnce(dir);
    rows.push({ name: `\`clarify check --format json\`: ${name}`, mb, ms: r.ms, rssMb: r.rssMb, note: `${(r.rssMb / mb).toFixed(0)}× the input; exit ${r.code}; ${load()}` });
    log(`${rows[rows.length - 1]!.name}: ${fmtMs(r.ms)}, ${r.rssMb.toFixed(0)} MB`);
  }

  // The server with a huge document open: hovers on a citation elsewhere, while it is open and while it is typed in.
  const shop = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-big-shop-'));
  fs.cpSync(path.join(repo, 'test/fixtures/shop'), shop, { recursive: true });
  for (const [name, file, text] of [
    ['server: 12 MB document open (not on disk)', path.join(shop, 'specs/huge.md'), fs.readFileSync(path.join(cases.doc12, 'spec.md'), 'utf8')],
    ['server: the 2.3 MB spec open', path.join(shop, 'specs/refs.md'), fs.readFileSync(path.join(cases.refs, 'spec.md'), 'utf8')],
  ] as const) {
    if (name.includes('2.3')) fs.writeFileSync(file, text);
    const client = new LspClient([path.join(measured, 'dist/server.js'), '--stdio']);
    await client.request('initialize', { processId: process.pid, rootUri: uri(shop), workspaceFolders: [{ uri: uri(shop), name: 'shop' }], capabilities: {} });
    client.notify('initialized', {});
    await client.waitFor((n) => n.method === 'specClarifier/status', 'the first index', 600_000);
    const session = path.join(shop, 'src/auth/session.ts');
    const position = positionIn(fs.readFileSync(session, 'utf8'), '[^au3f]', 3)!;
    const started = performance.now();
    const docUri = client.open(file, 'markdown', text);
    const hoverOpen = await latencies(20, () => client.request('textDocument/hover', { textDocument: { uri: uri(session) }, position }, 600_000));
    const openMs = performance.now() - started;
    const typing: number[] = [];
    for (let v = 2; v < 12; v++) {
      client.notify('textDocument/didChange', { textDocument: { uri: docUri, version: v }, contentChanges: [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: 'x' }] });
      const t = performance.now();
      await client.request('textDocument/hover', { textDocument: { uri: uri(session) }, position }, 600_000);
      typing.push(performance.now() - t);
    }
    const rss = rssOf(client.pid);
    await client.shutdown();
    const mb = text.length / 1e6;
    rows.push({
      name,
      mb,
      ms: openMs,
      rssMb: rss,
      note: `hover while open p50 / p95 ${fmtPair(hoverOpen)}; hover right after a keystroke p50 / p95 ${fmtPair([percentile(typing, 50), percentile(typing, 95)])}; ${load()}`,
    });
    log(`${name}: open + 20 hovers ${fmtMs(openMs)}, RSS ${rss.toFixed(0)} MB; ${rows[rows.length - 1]!.note}`);
  }

  // An LLM endpoint answering 100 MB (on the shop fixture alone).
  fs.rmSync(path.join(shop, 'specs/refs.md'), { force: true });
  const fake = await startFakeOpenAI({ fallback: { kind: 'huge', bytes: 100 * 1024 * 1024 } });
  try {
    const r = await checkOnce(shop, ['--llm'], { OPENAI_API_KEY: 'sk-bench-0123456789', OPENAI_BASE_URL: fake.baseURL });
    rows.push({ name: '`clarify check --llm`, the endpoint answers 100 MB', mb: 100 * 1.048576, ms: r.ms, rssMb: r.rssMb, note: `exit ${r.code}; ${fake.requests.length} requests; ${load()}` });
    log(`${rows[rows.length - 1]!.name}: ${fmtMs(r.ms)}, ${r.rssMb.toFixed(0)} MB`);
  } finally {
    await fake.close();
    fs.rmSync(shop, { recursive: true, force: true });
  }
  return rows;
}

interface MemRow {
  input: string;
  format: string;
  mb: number;
  ms: number;
  /** CPU time of the run (user + system): on the shared 2-core machine wall time varies with the load. */
  cpuMs: number;
  rssMb: number;
  /** Peak RSS of the same format on the one-clause spec: the CLI's fixed cost. */
  fixedMb: number;
  /** Peak RSS of the same format on an empty folder: the bundle alone (no English model). */
  bundleMb: number;
  code: number;
}

/**
 * Peak memory and CPU time of `clarify check` per output format [^big_documents]: the 2.3 MB spec with 200,000 footnote
 * references (and the same shape with 50,000 and 100,000: linear growth), an empty folder (the bundle alone)
 * and the 4 MiB prose spec (peak RSS and its multiple of the input), and the CLI's own fixed cost: a one-clause spec
 * with a requirement the wink-nlp pass tags, so it loads all a check loads (Node, the bundle, the English model). The
 * reference specs tag nothing and never load the English model (dist/english.js): for them the total is the honest
 * figure, the one above the fixed cost understates what they hold. Each big row states both, as MB and as a multiple
 * of the input.
 */
async function measureMemory(): Promise<MemRow[]> {
  const cases = ensureBigCases(cacheDir, log);
  const tiny = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-mem-tiny-'));
  fs.writeFileSync(path.join(tiny, 'spec.md'), '# A {#a authority=root}\n\nThe page must respond quickly.\n');
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-mem-empty-'));
  // The 200,000-reference spec's shape at a quarter and half its size: time and peak grow linearly with the references.
  const refsAt = (n: number): string => {
    const dir = path.join(cacheDir, `refs-${n}`);
    const text = '# Spec {#root authority=root}\n\n' + Array.from({ length: n }, (_, i) => `x[^r${i}]\n`).join('');
    if (!fs.existsSync(path.join(dir, 'spec.md')) || fs.statSync(path.join(dir, 'spec.md')).size !== Buffer.byteLength(text)) {
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'spec.md'), text);
    }
    return dir;
  };
  const rows: MemRow[] = [];
  try {
    const inputs: [string, string][] = [
      ["one-clause spec with prose (the CLI's fixed cost)", tiny],
      ['empty folder (the bundle alone: nothing to tag, no English model)', empty],
      ['0.5 MB spec, 50,000 footnote references', refsAt(50_000)],
      ['1.1 MB spec, 100,000 footnote references', refsAt(100_000)],
      ['2.3 MB spec, 200,000 footnote references', cases.refs],
      ['4 MiB prose spec', cases.spec4],
    ];
    for (const [input, dir] of inputs) {
      const file = path.join(dir, 'spec.md');
      const mb = fs.existsSync(file) ? fs.statSync(file).size / 1e6 : 0;
      for (const format of ['json', 'text', 'sarif']) {
        const args = ['--require', path.join(repo, 'out/bench/maxrss.js'), path.join(measured, 'bin/clarify.js'), 'check', dir, '--format', format, '--output', os.devNull];
        const r = await timed(process.execPath, args);
        const fixedMb = rows.find((row) => row.input === inputs[0]![0] && row.format === format)?.rssMb ?? r.rssMb ?? NaN;
        const bundleMb = rows.find((row) => row.input === inputs[1]![0] && row.format === format)?.rssMb ?? r.rssMb ?? NaN;
        rows.push({ input, format, mb, ms: r.ms, cpuMs: r.cpuMs ?? NaN, rssMb: r.rssMb ?? NaN, fixedMb, bundleMb, code: r.code });
        const above = (r.rssMb ?? NaN) - fixedMb;
        const aboveBundle = (r.rssMb ?? NaN) - bundleMb;
        log(`memory: ${input}, --format ${format}: ${(r.rssMb ?? NaN).toFixed(0)} MB peak${mb >= 0.4 ? ` (${((r.rssMb ?? NaN) / mb).toFixed(0)}× the input), ${above.toFixed(0)} MB above the CLI's fixed cost (${(above / mb).toFixed(0)}×), ${aboveBundle.toFixed(0)} MB above the bundle alone (${(aboveBundle / mb).toFixed(0)}×)` : ''}, ${fmtMs(r.ms)}, CPU ${fmtMs(r.cpuMs)}`);
      }
    }
  } finally {
    fs.rmSync(tiny, { recursive: true, force: true });
    fs.rmSync(empty, { recursive: true, force: true });
  }
  return rows;
}

function memTable(rows: MemRow[]): string {
  const md = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  return [
    md(['input', 'format', 'MB', 'peak RSS (total)', 'total / input', 'above fixed cost', 'above / input', 'above the bundle alone', 'time', 'CPU time', 'exit']),
    md(['---', '---', '---', '---', '---', '---', '---', '---', '---', '---', '---']),
    ...rows.map((r, i) => {
      const big = r.mb >= 0.4;
      const above = r.rssMb - r.fixedMb;
      const aboveBundle = r.rssMb - r.bundleMb;
      return md([
        r.input,
        r.format,
        r.mb.toFixed(2),
        `${r.rssMb.toFixed(0)} MB`,
        big ? `${(r.rssMb / r.mb).toFixed(0)}×` : '—',
        big ? `${above.toFixed(0)} MB` : i < 3 ? '(the fixed cost)' : '—',
        big ? `${(above / r.mb).toFixed(0)}×` : '—',
        big ? `${aboveBundle.toFixed(0)} MB (${(aboveBundle / r.mb).toFixed(0)}×)` : '—',
        fmtMs(r.ms),
        fmtMs(r.cpuMs),
        String(r.code),
      ]);
    }),
  ].join('\n');
}

function bigTable(rows: BigRow[]): string {
  const md = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  return [md(['big input', 'MB', 'time', 'peak / server RSS', 'notes']), md(['---', '---', '---', '---', '---']), ...rows.map((r) => md([r.name, r.mb.toFixed(1), fmtMs(r.ms), `${r.rssMb.toFixed(0)} MB`, r.note]))].join('\n');
}

const fmtMs = (ms: number | undefined): string => (ms === undefined || Number.isNaN(ms) ? '—' : ms >= 10000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : ms >= 10 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(1)} ms`);
const fmtPair = (p: [number, number] | undefined): string => (p ? `${fmtMs(p[0])} / ${fmtMs(p[1])}` : '—');
const ratio = (a: number, b: number): string => `${(a / b).toFixed(1)}×`;

function table(rows: Row[]): string {
  const head = ['', ...rows.map((r) => `**${r.name}**`)];
  const line = (label: string, f: (r: Row) => string): string[] => [label, ...rows.map(f)];
  const body = [
    line('files / MB', (r) => `${r.files.toLocaleString('en-US')} / ${r.mb.toFixed(0)}`),
    line('ripgrep `[^id]` scan', (r) => fmtMs(r.rgMs)),
    line('`clarify check`, cold', (r) => `${fmtMs(r.checkColdMs)} (${ratio(r.checkColdMs, r.rgMs)} rg)`),
    line('`clarify check`, cold, type checker off', (r) =>
      r.checkColdNoTypecheckMs === undefined ? '—' : `${fmtMs(r.checkColdNoTypecheckMs)} (the checker adds ${(((r.checkColdMs - r.checkColdNoTypecheckMs) / r.checkColdNoTypecheckMs) * 100).toFixed(0)}%)`,
    ),
    line('`clarify check`, cold, ambiguity pass off', (r) =>
      r.checkColdNoAmbiguityMs === undefined ? '—' : `${fmtMs(r.checkColdNoAmbiguityMs)} (the pass adds ${(((r.checkColdMs - r.checkColdNoAmbiguityMs) / r.checkColdNoAmbiguityMs) * 100).toFixed(0)}%; budget 20%)`,
    ),
    line('`clarify check`, warm cache', (r) => `${fmtMs(r.checkWarmMs)} (${ratio(r.checkWarmMs, r.rgMs)} rg)`),
    line('`clarify check` peak RSS, cold / warm', (r) => `${r.checkColdRssMb.toFixed(0)} / ${r.checkWarmRssMb.toFixed(0)} MB`),
    line('Markdown part: ours (files)', (r) => `${fmtMs(r.mdOursMs)} (${r.mdFiles})`),
    line('Markdown part: ours, the service\'s work only (ids, links, anchors)', (r) => fmtMs(r.mdOursLinksMs)),
    line('Markdown part: VS Code Markdown LS', (r) => fmtMs(r.mdlsMs)),
    line('server: initialize → indexed', (r) => `${fmtMs(r.lspIndexMs)} (${ratio(r.lspIndexMs, r.rgMs)} rg)`),
    line('server RSS after indexing', (r) => `${r.lspRssMb.toFixed(0)} MB`),
    line('hover p50 / p95', (r) => fmtPair(r.hover)),
    line('definition p50 / p95', (r) => fmtPair(r.definition)),
    line('completion after `[^` p50 / p95', (r) => fmtPair(r.completion)),
    line('edit → diagnostics (pulled, as VS Code), typing, p50 / p95', (r) => fmtPair(r.editTyping)),
    line('edit → diagnostics (pulled, as VS Code), new footnote, p50 / p95', (r) => fmtPair(r.editStructural)),
    line('edit → diagnostics (pushed), typing, p50 / p95', (r) => fmtPair(r.editTypingPush)),
    line('edit → diagnostics (pushed), new footnote, p50 / p95', (r) => fmtPair(r.editStructuralPush)),
  ];
  const md = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  return [md(head), md(head.map(() => '---')), ...body.map(md)].join('\n');
}

/**
 * Drift [^dr1s]: `clarify check --stale` against `clarify check` on a scripted history: a spec of 100 sections changed
 * by 400 commits (one section each), 40 code files citing 5 sections each in the first commit. The walk reads at most
 * `stale.maxCommits` (200) revisions of the spec.
 */
async function measureStale(): Promise<BigRow[]> {
  const spec = (round: number): string =>
    Array.from({ length: 100 }, (_, i) => `## Section ${i} {#s${i}}\n\nThe system keeps record ${i} for ${i % 100 === round % 100 ? round : 0} days, revision ${Math.floor((round - i) / 100)}.\n`).join('\n');
  const day = (n: number): string => new Date(Date.UTC(2025, 0, 1) + n * 3_600_000).toISOString();
  const files: Record<string, string> = { 'specs/records.md': spec(0) };
  for (let f = 0; f < 40; f++) files[`src/m${f}.ts`] = Array.from({ length: 5 }, (_, k) => `// [^s${(f * 5 + k) % 100}]\nexport const v${k} = ${k};\n`).join('');
  const { dir } = scriptedRepo([{ date: day(0), files }], 'bench-stale-');
  for (let round = 1; round <= 400; round++) commit(dir, { date: day(round), files: { 'specs/records.md': spec(round) } });
  const load = (): string => `load ${os.loadavg()[0]!.toFixed(1)}`;
  const plain = await checkOnce(dir);
  const stale = await checkOnce(dir, ['--stale']);
  const mb = fs.statSync(path.join(dir, 'specs/records.md')).size / 1e6;
  const rows: BigRow[] = [
    { name: '`clarify check`: 401 commits, 200 citations', mb, ms: plain.ms, rssMb: plain.rssMb, note: `exit ${plain.code}; ${load()}` },
    { name: '`clarify check --stale`: the same (at most 200 revisions read)', mb, ms: stale.ms, rssMb: stale.rssMb, note: `+${fmtMs(stale.ms - plain.ms)} over check; exit ${stale.code}; ${load()}` },
  ];
  for (const r of rows) log(`${r.name}: ${fmtMs(r.ms)}, ${r.rssMb.toFixed(0)} MB`);
  fs.rmSync(dir, { recursive: true, force: true });
  return rows;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  // Other work on the machine slows everything measured here: the results say how busy it was.
  const loadAtStart = os.loadavg()[0]!.toFixed(1);
  if (args.parts.has('rg') && spawnSync('rg', ['--version']).status !== 0) throw new Error('ripgrep (rg) is needed as the baseline: apt-get install ripgrep');
  const targets: Target[] = [];
  for (const size of args.sizes) {
    const ws = ensureWorkspace(cacheDir, size, log);
    targets.push({ name: `generated ${size >= 1000 ? `${size / 1000}k` : size}`, dir: ws.dir, files: ws.files, mb: ws.bytes / 1e6, markdown: ws.markdownFiles, probes: ws.probes, editSpec: ws.bigSpec, generated: ws });
  }
  for (const dir of args.dirs) targets.push(await realTarget(dir));

  const rows: Row[] = [];
  const passRows: PassRow[] = [];
  for (const t of targets) {
    log(`\n== ${t.name}: ${t.files} files, ${t.mb.toFixed(0)} MB (${t.dir})`);
    const has = (part: string): boolean => args.parts.has(part);
    const rgMs = has('rg') ? await measureRg(t, args.runs) : NaN;
    log(`ripgrep ${fmtMs(rgMs)}`);
    const cold = has('check') ? await measureCheck(t, args.runs, undefined) : { ms: NaN, rssMb: NaN };
    log(`clarify check cold ${fmtMs(cold.ms)}, ${cold.rssMb.toFixed(0)} MB`);
    let warm = { ms: NaN, rssMb: NaN };
    if (has('check') && measured === repo) {
      const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-index-cache-'));
      warm = await measureCheck(t, args.runs, cache);
      fs.rmSync(cache, { recursive: true, force: true });
    }
    log(`clarify check warm ${fmtMs(warm.ms)}, ${warm.rssMb.toFixed(0)} MB`);
    const noTypecheck = has('check') || has('typecheck') ? await measureWithout(t, args.runs, 'typecheck') : undefined;
    if (noTypecheck !== undefined) log(`clarify check cold, type checker off ${fmtMs(noTypecheck)}`);
    const noAmbiguity = has('check') || has('ambiguity') ? await measureWithout(t, args.runs, 'ambiguity') : undefined;
    if (noAmbiguity !== undefined) log(`clarify check cold, ambiguity pass off ${fmtMs(noAmbiguity)}`);
    if (has('pass')) {
      const p = await measurePass(t, args.runs);
      passRows.push(p);
      log(`ambiguity pass: wall ${fmtMs(p.onMs)} on / ${fmtMs(p.offMs)} off (median ratio ${p.wallRatio.toFixed(3)}), CPU ${fmtMs(p.onCpuMs)} / ${fmtMs(p.offCpuMs)} (${p.cpuRatio.toFixed(3)})`);
    }
    const md = has('md') ? await measureMarkdown(t, Math.min(args.runs, 3), args.skipMdls) : { ours: NaN, oursLinks: NaN };
    log(`markdown: ours ${fmtMs(md.ours)}, ours links only ${fmtMs(md.oursLinks)}, vscode-markdown-languageservice ${fmtMs(md.mdls)}`);
    const server = has('server')
      ? await measureServer(t, args.runs, args.parts.has('push'))
      : { lspIndexMs: NaN, lspRssMb: NaN, hover: [NaN, NaN] as [number, number], definition: [NaN, NaN] as [number, number], completion: [NaN, NaN] as [number, number] };
    log(`server: indexed ${fmtMs(server.lspIndexMs)}, ${server.lspRssMb.toFixed(0)} MB; hover ${fmtPair(server.hover)}; definition ${fmtPair(server.definition)}; completion ${fmtPair(server.completion)}; edit typing ${fmtPair(server.editTyping)}, structural ${fmtPair(server.editStructural)} (pulled); pushed ${fmtPair(server.editTypingPush)}, ${fmtPair(server.editStructuralPush)}`);
    rows.push({
      name: t.name,
      files: t.files,
      mb: t.mb,
      rgMs,
      checkColdMs: cold.ms,
      checkColdRssMb: cold.rssMb,
      checkWarmMs: warm.ms,
      checkWarmRssMb: warm.rssMb,
      ...(noTypecheck !== undefined ? { checkColdNoTypecheckMs: noTypecheck } : {}),
      ...(noAmbiguity !== undefined ? { checkColdNoAmbiguityMs: noAmbiguity } : {}),
      mdFiles: t.markdown.length,
      mdOursMs: md.ours,
      ...(Number.isFinite(md.oursLinks) ? { mdOursLinksMs: md.oursLinks } : {}),
      ...(md.mdls !== undefined ? { mdlsMs: md.mdls } : {}),
      ...server,
    });
  }

  const big = [...(args.parts.has('big') ? await measureBig() : []), ...(args.parts.has('stale') ? await measureStale() : [])];
  const mem = args.parts.has('mem') ? await measureMemory() : [];
  const scanner = args.parts.has('scanner')
    ? await measureScanner([
        { corpus: 'Model Spec', files: modelSpecFiles() },
        { corpus: 'CommonMark spec 0.31.2', files: [require.resolve('commonmark-spec/spec.txt')] },
        ...targets.slice(0, 1).map((t) => ({ corpus: `bench corpus (${t.name}, its Markdown)`, files: t.markdown.map((f) => path.join(t.dir, f)) })),
        ...targets.filter((t) => !t.generated).map((t) => ({ corpus: `${t.name} (its Markdown)`, files: t.markdown.map((f) => path.join(t.dir, f)) })),
      ])
    : [];

  fs.mkdirSync(resultsDir, { recursive: true });
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${spawnSync('rg', ['--version'], { encoding: 'utf8' }).stdout?.split('\n')[0] ?? 'no ripgrep'}; load average at the start ${loadAtStart}, at the end ${os.loadavg()[0]!.toFixed(1)}`;
  const md = [
    '# Benchmark results',
    '',
    `Written by \`npm run bench\` (${new Date().toISOString().slice(0, 10)}; ${machine}). Medians of ${args.runs} runs (server start: of ${Math.min(args.runs, 3)});`,
    'latencies are p50 / p95 over 300 hovers and definitions, 200 completions and 60 + 20 edits. See bench/run.ts for what',
    'each row measures.',
    '',
    table(rows),
    '',
    ...(big.length ? ['Big inputs (one run each; the server rows: time from didOpen through 20 hovers, RSS after):', '', bigTable(big), ''] : []),
    ...(passRows.length ? [`The ambiguity pass on and off (issue 13: at most +20%), cold \`clarify check\`, ${args.runs} alternating pairs, medians of the pairs' ratios:`, '', passTable(passRows), ''] : []),
    ...(mem.length ? ['Peak memory of `clarify check` by output format (one run each, output to /dev/null; total peak and peak above the one-clause run):', '', memTable(mem), ''] : []),
    ...(scanner.length ? ['The Markdown scanner next to micromark (parsing only, texts in memory, one thread; target: ≥ 100 MB/s on the Model Spec):', '', scannerTable(scanner), ''] : []),
    '![Time vs workspace size](time-vs-size.png)',
    '',
  ].join('\n');
  fs.writeFileSync(path.join(resultsDir, 'results.md'), md);
  fs.writeFileSync(path.join(resultsDir, 'results.json'), JSON.stringify({ machine, runs: args.runs, rows, pass: passRows, big, mem, scanner }, null, 2) + '\n');
  writeChart(path.join(resultsDir, 'time-vs-size.svg'), rows.filter((r) => r.name.startsWith('generated')));
  if (!(await writeChartPng(path.join(resultsDir, 'time-vs-size.svg'), path.join(resultsDir, 'time-vs-size.png')))) {
    log('no chromium (CHROMIUM_PATH): wrote the SVG chart only, not time-vs-size.png');
  }
  process.stdout.write(`${table(rows)}\n\n${passRows.length ? `${passTable(passRows)}\n\n` : ''}${big.length ? `${bigTable(big)}\n\n` : ''}${mem.length ? `${memTable(mem)}\n\n` : ''}${scanner.length ? `${scannerTable(scanner)}\n\n` : ''}written to ${path.relative(process.cwd(), resultsDir)}/\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
