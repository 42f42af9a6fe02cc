import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureWorkspace } from './generate';

/**
 * `node out/bench/editPairs.js BASE_REPO [AFTER_REPO] [--edits 60] [--size 10000]`: the keystroke path of two builds
 * compared edit by edit in one process, for a machine whose load changes faster than a benchmark run. Each build's
 * language server session (out/server/src/lsp/session.js of its checkout, built with `npx tsc -b`) loads the generated
 * workspace (and rehearses the spec's first edits where the build does, as its server does when the spec opens); the
 * benchmark's edits of its 5,000-clause spec (the same words and new footnotes as `bench/run.ts`, same
 * seed) are applied to both in turn, the first build alternating, and each edit's CPU time (the index update, the
 * file's diagnostics and the JSON of the list the editor gets, at most 1,000, each diagnostic's LSP form made once per
 * diagnostic object as the server makes it) is taken per build. Prints medians, p95,
 * means, the median of the paired ratios and the first three edits of each kind (the cold ones); stops if the two builds' diagnostics JSON differs after any edit.
 */

type Session = typeof import('../server/src/lsp/session');
type Convert = typeof import('../server/src/lsp/convert');
type Diagnostic = import('../server/src/core/types').Diagnostic;
interface Side {
  host: InstanceType<Session['Host']>;
  folder: InstanceType<Session['Folder']>;
  toLspDiagnostic: Convert['toLspDiagnostic'];
  /** The LSP form of a diagnostic, made once per diagnostic object as the server does (server.ts toLspCached). */
  lspOf: (d: Diagnostic) => ReturnType<Convert['toLspDiagnostic']>;
  typing: number[];
  structural: number[];
  json: string;
}

const repo = path.resolve(__dirname, '../..');
const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args.splice(at, 2)[1]) : fallback;
};
const edits = option('--edits', 60);
const size = option('--size', 10000);
const repos = [path.resolve(args[0] ?? repo), path.resolve(args[1] ?? repo)];

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const SEVERITY_RANK: Record<Diagnostic['severity'], number> = { error: 0, warning: 1, info: 2, hint: 3 };
/** The server's cap (server.ts `capped`): each severity's first 1,000 in order, the most severe first. */
function capped(list: readonly Diagnostic[]): Diagnostic[] {
  const buckets: Diagnostic[][] = [[], [], [], []];
  for (const d of list) if (buckets[SEVERITY_RANK[d.severity]]!.length < 1000) buckets[SEVERITY_RANK[d.severity]]!.push(d);
  return buckets.flat().slice(0, 1000);
}

async function main(): Promise<void> {
  const ws = ensureWorkspace(path.join(repo, '.bench-cache'), size, (m) => process.stderr.write(`${m}\n`));
  const dir = fs.existsSync(ws.dir) ? ws.dir : path.join(repo, '.bench-cache', path.basename(ws.dir));
  const rel = ws.bigSpec;
  const text = fs.readFileSync(path.join(dir, rel), 'utf8');
  const uri = pathToFileURL(path.join(dir, rel)).href;
  const sides: Side[] = [];
  for (const r of repos) {
    const load = createRequire(path.join(r, 'package.json'));
    const { Host } = load(path.join(r, 'out/server/src/lsp/session.js')) as Session;
    const { toLspDiagnostic } = load(path.join(r, 'out/server/src/lsp/convert.js')) as Convert;
    const host = new Host({ info: () => undefined, error: (m) => process.stderr.write(`${m}\n`) }, () => undefined);
    const folder = host.addFolder(pathToFileURL(dir).href)!;
    await folder.ready;
    host.documentChanged(uri, text);
    await host.flush();
    folder.takeUnpublished();
    // As the server does once a spec is open: the English model loaded (not by the first edit that needs a tag), then
    // the spec's first edits rehearsed (builds that have it).
    (load(path.join(r, 'out/server/src/core/analysis/ambiguity/nlp.js')) as { loadTagger(): unknown }).loadTagger();
    const rehearse = (folder as { rehearse?: (rel: string) => Promise<boolean> }).rehearse;
    if (rehearse) {
      await rehearse.call(folder, rel);
      folder.takeUnpublished();
    }
    const forms = new WeakMap<Diagnostic, ReturnType<Convert['toLspDiagnostic']>>();
    const lspOf = (d: Diagnostic): ReturnType<Convert['toLspDiagnostic']> => {
      let lsp = forms.get(d);
      if (!lsp) forms.set(d, (lsp = toLspDiagnostic(d, (f: string) => folder.uriOf(f))));
      return lsp;
    };
    sides.push({ host, folder, toLspDiagnostic, lspOf, typing: [] as number[], structural: [] as number[], json: '' });
  }
  // The benchmark's edits (bench/run.ts measureEdits): a word typed into a prose line, every third edit a new footnote.
  const lines = text.split('\n');
  const prose = lines.map((l, i) => [l, i] as const).filter(([l]) => /^[A-Z][a-z]/.test(l) && l.length > 40).map(([, i]) => i);
  let seed = 7;
  const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648);
  let version = 1;
  const edit = async (structural: boolean, first: number): Promise<void> => {
    const line = prose[next() % prose.length]!;
    const character = Math.min(10 + (next() % 20), lines[line]!.length);
    const insert = structural ? ` [^bench${version}]` : ' quickly';
    version++;
    lines[line] = lines[line]!.slice(0, character) + insert + lines[line]!.slice(character);
    const edited = lines.join('\n');
    for (const s of first === 0 ? sides : [...sides].reverse()) {
      const started = cpuMs();
      s.host.documentChanged(uri, edited);
      await s.host.flush();
      s.folder.takeUnpublished();
      s.json = JSON.stringify(capped(s.folder.diagnosticsOf(rel)).map((d) => s.lspOf(d)));
      (structural ? s.structural : s.typing).push(cpuMs() - started);
    }
    if (sides[0]!.json !== sides[1]!.json) throw new Error(`the builds' diagnostics differ after edit ${version - 1}`);
  };
  for (let i = 0; i < edits; i++) {
    await edit(false, i % 2);
    if (i % 3 === 2) await edit(true, (i + 1) % 2);
  }
  for (const kind of ['typing', 'structural'] as const) {
    const [a, b] = [sides[0]![kind], sides[1]![kind]];
    const ratios = a.map((x, i) => b[i]! / x);
    process.stdout.write(
      `${kind}: ${a.length} edits, CPU per edit p50 / p95 / mean: base ${percentile(a, 50).toFixed(1)} / ${percentile(a, 95).toFixed(1)} / ${mean(a).toFixed(1)} ms, after ${percentile(b, 50).toFixed(1)} / ${percentile(b, 95).toFixed(1)} / ${mean(b).toFixed(1)} ms; paired after/base p50 ${percentile(ratios, 50).toFixed(2)}, means ${(mean(b) / mean(a)).toFixed(2)}; first three base ${a.slice(0, 3).map((x) => x.toFixed(0)).join(', ')}, after ${b.slice(0, 3).map((x) => x.toFixed(0)).join(', ')} ms\n`,
    );
  }
  process.stdout.write(`same diagnostics JSON after every edit; load average ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}\n`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
