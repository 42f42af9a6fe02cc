import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { CODE_DESCRIPTIONS, compareDiagnostics, computeDiagnostics } from '../core/diagnostics/diagnostics';
import { impactText, staleDiagnostics } from '../core/analysis/drift';
import { findStaleCitations, impactSince } from '../io/drift';
import { jsonPieces, summarize, toJson } from '../core/format/json';
import { toSarif } from '../core/format/sarif';
import { formatDiagnosticLine, toText } from '../core/format/text';
import type { AuditResult } from '../core/analysis/audit/compliance';
import { coverageJson, coverageReport } from '../core/format/report';
import { DIAGNOSTIC_CODES, type Diagnostic, type Severity } from '../core/types';
import { plural } from '../core/text/words';
import { readTextFile } from '../io/walk';
import { loadWorkspace } from '../io/workspace';
import { BATCH_FLAGS, setFlags } from '../io/codeCache';
import { findAmbiguities } from '../core/analysis/ambiguity/analyze';
import type { ProseBlock } from '../core/markdown/parseSpec';
import { contextMarkdown, governingClauses, type LineRange } from '../core/features/agents';

/**
 * `clarify`: the CI face of the core [^spec_clarifier]. Exit codes: 0 clean (below --fail-on), 1 findings at or above --fail-on,
 * 2 usage error or a failure of the tool itself (unreadable folder, internal error) [^cli] [^cl3e].
 */

// The LLM client (openai), the MCP SDK, the language server and the live workspace are loaded by the commands that
// use them (dynamic imports, bundled lazily by esbuild): `clarify --version` or a plain check does not pay for them.

declare const CLARIFY_VERSION: string | undefined;
const VERSION = typeof CLARIFY_VERSION === 'string' ? CLARIFY_VERSION : '0.0.0-dev';
const HOMEPAGE = 'https://github.com/spec-clarifier/spec-clarifier';

const HELP = `clarify ${VERSION} — specs as the source of truth

Usage:
  clarify check [DIR] [--format text|json|sarif] [--fail-on error|warning|info] [--show-info] [--output FILE]
                [--cache DIR] [--stale] [--llm] [--llm-conflicts] [--llm-model M] [--llm-cache DIR] [--llm-timeout SECONDS]
  clarify report [DIR] [--format markdown|json] [--output FILE] [--cache DIR]
  clarify context FILE [--lines A-B] [--format md|json] [--max-chars N] [--root DIR]
  clarify audit [DIR] --llm [--file FILE]... [--format text|json|sarif] [--fail-on S] [--output FILE]
                [--llm-model M] [--llm-cache DIR] [--llm-timeout SECONDS]
  clarify impact REV [DIR] [--format text|json] [--output FILE]
  clarify mcp [DIR]
  clarify lsp --stdio | --node-ipc | --socket=PORT | --pipe=NAME
  clarify --version | --help

check   Index the specs (Markdown with {#id} headings and [^id] footnotes) and the [^id] citations in code
        comments of DIR (default: .), print diagnostics. Exit 1 when any diagnostic is at or above --fail-on
        (default: error), 0 otherwise, 2 when the tool itself fails.
report  Print a coverage report: per clause its authority, code and test citations and example file; totals
        per authority and per spec file. Markdown, or one JSON object with --format json.
context Print the clauses FILE cites (or only lines A-B of it), with their text, authority, parents and
        examples, as one Markdown block to paste into a prompt (json: the same as data). Bounded in size
        (--max-chars, default 8000); what did not fit is named. The workspace is --root, else the nearest
        folder above FILE with .clarifier.json or .git, else the current folder.
audit   Ask the configured LLM, for each citation of a clause in code or tests, whether the cited code (its
        enclosing block) satisfies the clause; report compliance.violation (with the quoted lines, verified
        to exist) and compliance.unclear at the citation, and a cost summary on stderr. Opt-in: --llm is
        required; sends each clause and the cited code to OPENAI_BASE_URL with OPENAI_API_KEY. --file limits
        it to the citations of some files. --llm-cache reuses answers for unchanged (clause, code) pairs.
impact  List the clauses changed since the git revision REV (added, removed or changed text, by id; the
        working tree counts) and every code and test location that cites them: what a reviewer re-checks.
mcp     Serve the specs of DIR (default: .) to coding agents over the Model Context Protocol (stdio): look up
        a clause, the clauses governing a file, citations, search, check, open questions. Read-only.
lsp     Run the language server (hover, definition, references, completion, diagnostics, quick fixes,
        rename, code lens, symbols) for any LSP editor; the transport comes from the flag.

Options:
  --format F     check: text (default; file:line:col severity code message), json (one object) or sarif
                 (SARIF 2.1.0); report: markdown (default) or json
  --fail-on S    the lowest severity that fails the check: error (default), warning or info
  --show-info    list info diagnostics in text output (they are always in json and sarif)
  --output FILE  write the result to FILE instead of standard output
  --no-color     plain text even on a terminal (NO_COLOR is honoured too)
  --cache DIR    keep an index cache in DIR: the next run reads only files whose size or time changed
  --stale        also report citation.stale from the git history: a citation whose clause's text changed
                 after the citing line was last changed (uncommitted edits count). Without git or outside
                 a repository: one line on stderr, nothing else changes.
  --llm          also ask an LLM for vague wording (ambiguity.llm). Sends what the offline pass reviews (the
                 clauses; in spec-kit, Kiro, draft and KEP files their other prose too, by section) to
                 OPENAI_BASE_URL (default OpenAI) with OPENAI_API_KEY; off unless given. A failure is reported and the
                 offline results stay.
  --llm-conflicts  also ask an LLM whether clauses of different specs (or top-level sections) conflict
                 (conflict.semantic, on both clauses). Sends candidate pairs of clauses that share terms
                 (at most llm.conflictPairs, default 40) to the same endpoint; off unless given (or
                 "llm": {"conflicts": true} with --llm). A failure is reported and the offline results stay.
  --llm-model M      the chat model (default: llm.model in .clarifier.json, else gpt-4o-mini)
  --llm-cache DIR    reuse answers for unchanged clauses across runs (nothing is sent twice)
  --llm-timeout S    seconds per request (default 60)

Configuration: .clarifier.json in DIR (include, exclude, authorities, testGlobs, examples, severity, reportUncited,
scopes, ambiguity, llm: enabled, model, baseURL, timeoutSeconds, concurrency, conflicts, conflictPairs; stale; bind).

Diagnostic codes:
${DIAGNOSTIC_CODES.map((c) => `  ${c.padEnd(28)} ${CODE_DESCRIPTIONS[c]}`).join('\n')}
`;

class UsageError extends Error {}

const RANK: Record<Severity, number> = { hint: 0, info: 1, warning: 2, error: 3 };

export async function main(argv: string[], io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream } = process): Promise<number> {
  try {
    return await run(argv, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`clarify: ${err.message}\nRun \`clarify --help\` for usage.\n`);
      return 2;
    }
    io.stderr.write(`clarify: ${(err as Error).message}\n`);
    return 2;
  }
}

async function run(argv: string[], io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream }): Promise<number> {
  if (argv[0] === 'lsp') return runLanguageServer(argv.slice(1));
  if ((argv[0] === 'mcp' || argv[0] === 'context' || argv[0] === 'audit' || argv[0] === 'impact') && argv.slice(1).some((a) => a === '--help' || a === '-h')) {
    io.stdout.write(HELP);
    return 0;
  }
  if (argv[0] === 'mcp') return runMcp(argv.slice(1));
  if (argv[0] === 'context') return runContext(argv.slice(1), io);
  if (argv[0] === 'audit') return runAuditCommand(argv.slice(1), io);
  if (argv[0] === 'impact') return runImpact(argv.slice(1), io);
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string' },
        'fail-on': { type: 'string' },
        'show-info': { type: 'boolean', default: false },
        output: { type: 'string', short: 'o' },
        'no-color': { type: 'boolean', default: false },
        llm: { type: 'boolean', default: false },
        'llm-conflicts': { type: 'boolean', default: false },
        'llm-model': { type: 'string' },
        'llm-cache': { type: 'string' },
        'llm-timeout': { type: 'string' },
        cache: { type: 'string' },
        stale: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.version) {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const [command, dirArg, ...extra] = positionals;
  if (values.help || command === 'help' || command === undefined) {
    io.stdout.write(HELP);
    return command === undefined && !values.help ? 2 : 0;
  }
  if (command !== 'check' && command !== 'report') throw new UsageError(`unknown command \`${command}\``);
  if (extra.length) throw new UsageError(`unexpected argument \`${extra[0]}\``);
  // An option that does not apply to the command is a usage error, never silently ignored [^cl3e].
  if (command === 'report') {
    for (const name of ['fail-on', 'show-info', 'stale', 'llm', 'llm-conflicts', 'llm-model', 'llm-cache', 'llm-timeout'] as const) {
      if (values[name] !== undefined && values[name] !== false) throw new UsageError(`\`clarify report\` has no --${name} option`);
    }
  }
  const format = values.format ?? (command === 'report' ? 'markdown' : 'text');
  if (command === 'report' && !['markdown', 'json'].includes(format)) throw new UsageError(`report --format must be markdown or json (got \`${format}\`)`);
  if (command === 'check' && !['text', 'json', 'sarif'].includes(format)) throw new UsageError(`--format must be text, json or sarif (got \`${format}\`)`);
  const failOn = (values['fail-on'] ?? 'error') as Severity;
  if (!['error', 'warning', 'info'].includes(failOn)) throw new UsageError(`--fail-on must be error, warning or info (got \`${failOn}\`)`);

  const llmTimeout = values['llm-timeout'] !== undefined ? Number(values['llm-timeout']) : undefined;
  if (llmTimeout !== undefined && !(llmTimeout > 0)) throw new UsageError(`--llm-timeout must be a number of seconds (got \`${values['llm-timeout']}\`)`);
  if (!values.llm && !values['llm-conflicts'] && (values['llm-model'] || values['llm-cache'] || llmTimeout)) throw new UsageError('--llm-model, --llm-cache and --llm-timeout go with --llm or --llm-conflicts');

  const dir = folderArg(dirArg ?? '.');

  // A batch run keeps its heap near what is live [^big_documents]: by default V8 lets the old generation grow to up to
  // four times the live heap before a full collection, which made the peak about four times what the run holds (a
  // 4 MiB spec: 282 MB peak; 223 MB with 25%, the same CPU time, measured). Read by V8 at every heap resize.
  // (BATCH_FLAGS: `--heap-growing-percent=25`.)
  // And the young generation stays at the size it has now instead of doubling up to 16 MB when most objects survive,
  // as they do while a big spec's facts and model are built (loading the bundle has already grown it to about 8 MB by
  // this line, measured; setting the flag before the bundle loads kept 1 MB but cost 0.5-0.6 s more CPU on the
  // 200,000-reference spec for 3-14 MB less peak, so it is set here): both semispaces of the grown young
  // generation were resident (the 200,000-reference spec: 226 -> 203 MB peak with --format text, measured). Read by
  // V8 each time it would grow the young generation. It costs CPU: more objects are promoted and collected with the old
  // generation (that spec: 17.4 -> 25-27 s user time; the 4 MiB prose spec: 4.6 -> 5.1 s).
  // (BATCH_FLAGS: `--semi-space-growth-factor=1`.)
  // Functions are optimized (TurboFan) later: once they have run 8 times V8's default budget of bytecode (67,584 bytes).
  // A cold check compiles the same code in each thread (the main one and each index worker), and the compiles run on
  // V8's background threads: 3.3 of 8.3 s CPU of a cold check of the 10k bench workspace (per-thread CPU from /proc,
  // load ~13), big functions compiled several times as their feedback changed (the pass's `judge`, the spec facts'
  // `heading` three times). With the later tier-up: 0.8-1.1 s of compiles, 6.7-6.8 s in all; on the 40k workspace no
  // CPU difference beyond the noise in alternating pairs (docs/performance.md). Set before the workers start (V8's
  // flags are the process's); the language server keeps the default.
  // (BATCH_FLAGS: `--interrupt-budget=540672`.) The three are set as one list, which the build also sets when it makes
  // the index worker's code cache (io/codeCache.ts): V8 uses a cache only under the flags it was made with.
  setFlags(BATCH_FLAGS);
  // A batch index: no file is edited during a check or a report [^big_documents]. The specs' prose blocks are read by
  // the LLM pass only (LoadOptions.prose). The young generation is sized by the texts read (youngGeneration).
  const workspace = await loadWorkspace(dir, { batch: true, prose: values.llm === true && command === 'check', beforeIndex: youngGeneration, ...(values.cache ? { cacheDir: path.resolve(values.cache) } : {}) });
  if (values.llm && command === 'check') {
    // The optional LLM pass: its failure is one line on stderr; the offline results stay [^llm_pass].
    const { runLlmOnIndex } = await import('../io/llmRun.js');
    const run = await runLlmOnIndex(workspace.index, {
      config: workspace.config,
      ...(values['llm-model'] ? { model: values['llm-model'] } : {}),
      ...(values['llm-cache'] ? { cacheDir: path.resolve(values['llm-cache']) } : {}),
      ...(llmTimeout !== undefined ? { timeoutMs: llmTimeout * 1000 } : {}),
      // Read like any workspace file; a spec gone since it was indexed is not sent, its other results stay [^ll7m].
      textOf: async (file) => {
        const read = await readTextFile(path.join(dir, file));
        return 'text' in read ? read.text : undefined;
      },
      onProgress: (done, total) => io.stderr.write(`clarify: LLM pass ${done}/${total} requests\n`),
    });
    io.stderr.write(`clarify: ${run.message}\n`);
  }
  // The optional LLM conflict judge: its findings join the check's; a failure is one line, the rest stays [^cj4q].
  let judged: Diagnostic[] = [];
  if (command === 'check' && (values['llm-conflicts'] || (values.llm && workspace.config.llm.conflicts))) {
    const { runConflictJudgeOnIndex } = await import('../io/conflictRun.js');
    const run = await runConflictJudgeOnIndex(workspace.index, {
      config: workspace.config,
      ...(values['llm-model'] ? { model: values['llm-model'] } : {}),
      ...(values['llm-cache'] ? { cacheDir: path.resolve(values['llm-cache']) } : {}),
      ...(llmTimeout !== undefined ? { timeoutMs: llmTimeout * 1000 } : {}),
      onProgress: (done, total) => io.stderr.write(`clarify: conflict judge ${done}/${total} requests\n`),
    });
    io.stderr.write(`clarify: ${run.message}\n`);
    judged = run.diagnostics;
  }
  // The parse's garbage collected before the model is built on what stays [^big_documents].
  fullCollection();
  const model = workspace.index.model();
  let diagnostics = judged.length ? [...computeDiagnostics(model, workspace.config), ...judged].sort(compareDiagnostics) : computeDiagnostics(model, workspace.config);
  if (values.stale && command === 'check') {
    // Drift from the git history [^dr1s]: no git or no repository is one line, and nothing else changes.
    const run = await findStaleCitations(dir, workspace.index, workspace.config);
    io.stderr.write(`clarify: ${run.message}\n`);
    if (run.findings.length) diagnostics = [...diagnostics, ...staleDiagnostics(run.findings, workspace.config)].sort(compareDiagnostics);
  }
  // One clear line per skipped file, never a stack trace [^nt4x].
  for (const s of workspace.skipped) io.stderr.write(`clarify: skipped ${s.path}: ${s.reason}\n`);

  let output: string | Iterable<string>;
  if (command === 'report') {
    // [^cl7r]
    output = format === 'json' ? JSON.stringify(coverageJson(model), null, 2) + '\n' : coverageReport(model, { title: `Spec coverage of ${path.basename(dir)}`, config: workspace.config });
  } else if (format === 'json') {
    // text, JSON or SARIF [^cl5f]. The JSON writer's short-lived strings (458 MB of output for the 200,000-reference
    // spec, three times that allocated) cost 8-15% more CPU with the small young generation: it is grown first.
    growYoungGeneration();
    output = jsonPieces(model, diagnostics, workspace.skipped);
  } else if (format === 'sarif') {
    output = JSON.stringify(toSarif(diagnostics, { version: VERSION, informationUri: HOMEPAGE }), null, 2) + '\n';
  } else {
    const out = values.output ? undefined : io.stdout;
    const color = !values['no-color'] && !process.env['NO_COLOR'] && Boolean((out as { isTTY?: boolean } | undefined)?.isTTY);
    output = toText(diagnostics, summarize(model, diagnostics, workspace.skipped.length), { color, showInfo: values['show-info']! });
  }
  await writeOutput(typeof output === 'string' ? [output] : output, values.output ? path.resolve(values.output) : undefined, io.stdout);

  if (command === 'report') return 0;
  return diagnostics.some((d) => RANK[d.severity] >= RANK[failOn]) ? 1 : 0;
}

/** V8's `gc` (a full collection; `{ type: 'minor' }`: a young one). */
let collect: ((options?: { type: 'minor' }) => void) | undefined;

/** A text of at least this many characters is a big spec (the young generation stays small while only those are read). */
const BIG_TEXT_CHARS = 1 << 20;
/** A semispace of the young generation as the bundle's load grew it when the launcher left V8's default (measured). */
const YOUNG_SEMISPACE_BYTES = 4 << 20;
let youngGrown = false;

/**
 * The young generation of a batch run, by the texts it reads [^big_documents]. The launcher (bin/clarify.js) keeps it at
 * its first size (two semispaces of 1 MB) while the bundle loads, which used to grow it to two of 4 MB, and it stays so
 * while only big specs are read: the parse of one is the peak of its run, and both semispaces of the grown young
 * generation became resident during it (the 200,000-reference spec: 91-93 -> 82-85 MB, measured in alternating pairs).
 * At the first text under BIG_TEXT_CHARS it grows to the size it had before: with the small one the pass over
 * ordinary specs cost 7-9% more CPU (github/spec-kit, open-telemetry's specification, measured); so it does before
 * worker threads read a big folder (this thread then builds the model of thousands of files, as before). A run whose
 * specs are all big keeps it small until its JSON output (see `run`). Worker threads keep the young generation they
 * start with (their flag is the one set in `run`), as before.
 */
function youngGeneration(chars: number): void {
  if (chars < BIG_TEXT_CHARS) growYoungGeneration();
}

/** Grows the young generation once to YOUNG_SEMISPACE_BYTES a semispace, when the launcher kept it smaller. */
function growYoungGeneration(): void {
  if (youngGrown) return;
  youngGrown = true;
  const young = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
  const capacity = young ? young.space_used_size + young.space_available_size : 0;
  const factor = capacity > 0 ? Math.floor(YOUNG_SEMISPACE_BYTES / capacity) : 0;
  if (factor < 2) return;
  // V8 grows the young generation by the growth factor at a young collection once more than its capacity has survived
  // since it last grew: small objects of 60% of its capacity, made in an emptied young generation, kept across two young
  // collections (copied, then promoted: 1.2 times its capacity survived), then the factor of 1 again (a second growth
  // would need more than the grown capacity to survive).
  v8.setFlagsFromString(`--semi-space-growth-factor=${factor}`);
  const gc = gcFunction();
  gc({ type: 'minor' });
  const survivors = Array.from({ length: Math.ceil((capacity * 0.6) / 32) }, () => ({}));
  gc({ type: 'minor' });
  gc({ type: 'minor' });
  v8.setFlagsFromString('--semi-space-growth-factor=1');
  if (survivors.length === 0) throw new Error('unreachable');
}

function gcFunction(): (options?: { type: 'minor' }) => void {
  if (!collect) {
    v8.setFlagsFromString('--expose-gc');
    collect = vm.runInNewContext('gc') as (options?: { type: 'minor' }) => void;
  }
  return collect;
}

/**
 * A full garbage collection now, once the workspace is read and before the model is built: what the read leaves behind
 * (a big spec's parse scratch, its chunks, the file's text) is collected before the model's build grows the heap on
 * top of it. V8 would collect it too, but only once the heap has grown 25% past the last live size, and what it
 * committed for the garbage stays resident while the model is built, the peak of a big run (the 200,000-reference
 * spec, JSON: 133-142 MB without this collection, 133-136 MB with it, measured) [^big_documents]. A second one after
 * the model was measured too: it saved nothing at the peak and cost the 4 MiB prose spec ~0.4 s of CPU.
 * `gc` is V8's, exposed to a context made after the flag is set (the CLI's own context has no `gc`).
 */
function fullCollection(): void {
  gcFunction()();
}

/** `clarify mcp [DIR]`: the Model Context Protocol server over stdio [^ag1m]. Returns when the client closes the stream. */
async function runMcp(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { stdio: { type: 'boolean', default: true } } });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const [dirArg, ...extra] = parsed.positionals;
  if (extra.length) throw new UsageError(`unexpected argument \`${extra[0]}\``);
  const dir = existingFolder(dirArg ?? '.');
  const { runMcpServer } = await import('./mcp.js');
  return runMcpServer({ root: dir, version: VERSION });
}

/** `clarify context FILE`: the clauses a file cites, as a prompt-ready Markdown block (or JSON) [^ag2c]. */
async function runContext(args: string[], io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream }): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        lines: { type: 'string' },
        format: { type: 'string', default: 'md' },
        'max-chars': { type: 'string' },
        root: { type: 'string' },
        output: { type: 'string', short: 'o' },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  const [fileArg, ...extra] = positionals;
  if (fileArg === undefined) throw new UsageError('`clarify context` needs a FILE');
  if (extra.length) throw new UsageError(`unexpected argument \`${extra[0]}\``);
  const format = values.format!;
  if (format !== 'md' && format !== 'json') throw new UsageError(`--format must be md or json (got \`${format}\`)`);
  let lines: LineRange | undefined;
  if (values.lines !== undefined) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(values.lines);
    const from = m ? Number(m[1]) : NaN;
    const to = m ? Number(m[2] ?? m[1]) : NaN;
    if (!m || from < 1 || to < from) throw new UsageError(`--lines must be A-B with 1 <= A <= B (got \`${values.lines}\`)`);
    lines = { from, to };
  }
  const maxChars = values['max-chars'] !== undefined ? Number(values['max-chars']) : undefined;
  if (maxChars !== undefined && !(Number.isInteger(maxChars) && maxChars >= 500)) throw new UsageError(`--max-chars must be a whole number of at least 500 (got \`${values['max-chars']}\`)`);
  let file = path.resolve(fileArg);
  try {
    file = fs.realpathSync(file);
  } catch {
    throw new Error(`cannot read ${fileArg}: it does not exist`);
  }
  const root = values.root !== undefined ? existingFolder(values.root) : workspaceRootOf(file);
  const rel = path.relative(root, file);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) throw new UsageError(`${fileArg} is not inside the workspace ${root}`);
  const relPath = rel.split(path.sep).join('/');
  const [{ LiveWorkspace }, { exampleTexts }] = await Promise.all([import('../io/liveWorkspace.js'), import('./mcp.js')]);
  const workspace = new LiveWorkspace(root);
  const ws = await workspace.current();
  if (!ws.index.hasFile(relPath)) throw new Error(`${relPath} is not a file of the workspace ${root} (missing, ignored or skipped)`);
  const governing = governingClauses(ws.index.model(), relPath, lines);
  const examples = await exampleTexts(workspace, governing.clauses.map((c) => c.example));
  const block = contextMarkdown(governing, { ...(maxChars !== undefined ? { maxChars } : {}), exampleText: (p) => examples.get(p) });
  const output =
    format === 'json'
      ? JSON.stringify({ version: 1, ...governing, clauses: governing.clauses.filter((c) => block.included.includes(c.id)), omitted: block.omitted, truncated: block.truncated }, null, 2) + '\n'
      : block.markdown;
  if (values.output) fs.writeFileSync(path.resolve(values.output), output);
  else io.stdout.write(output);
  if (block.truncated) io.stderr.write(`clarify: context truncated to ${(maxChars ?? 8000).toLocaleString('en-US')} characters${block.omitted.length ? `; left out ${block.omitted.join(', ')}` : ''}\n`);
  return 0;
}

/** `clarify audit [DIR] --llm`: does the code that cites a clause satisfy it? [^au4d] */
async function runAuditCommand(args: string[], io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream }): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        llm: { type: 'boolean', default: false },
        'llm-model': { type: 'string' },
        'llm-cache': { type: 'string' },
        'llm-timeout': { type: 'string' },
        file: { type: 'string', multiple: true },
        format: { type: 'string', default: 'text' },
        'fail-on': { type: 'string', default: 'error' },
        'show-info': { type: 'boolean', default: false },
        output: { type: 'string', short: 'o' },
        'no-color': { type: 'boolean', default: false },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  const [dirArg, ...extra] = positionals;
  if (extra.length) throw new UsageError(`unexpected argument \`${extra[0]}\``);
  if (!values.llm) throw new UsageError('`clarify audit` sends clauses and the code that cites them to an LLM: add --llm to agree (see --help)');
  const format = values.format!;
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`--format must be text, json or sarif (got \`${format}\`)`);
  const failOn = values['fail-on']! as Severity;
  if (!['error', 'warning', 'info'].includes(failOn)) throw new UsageError(`--fail-on must be error, warning or info (got \`${failOn}\`)`);
  const llmTimeout = values['llm-timeout'] !== undefined ? Number(values['llm-timeout']) : undefined;
  if (llmTimeout !== undefined && !(llmTimeout > 0)) throw new UsageError(`--llm-timeout must be a number of seconds (got \`${values['llm-timeout']}\`)`);
  const dir = existingFolder(dirArg ?? '.');
  const files = (values.file ?? []).map((f) => {
    const abs = path.resolve(f);
    let real = abs;
    try {
      real = fs.realpathSync(abs);
    } catch {
      throw new UsageError(`--file ${f} does not exist`);
    }
    const rel = path.relative(dir, real);
    if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) throw new UsageError(`--file ${f} is not inside ${dir}`);
    return rel.split(path.sep).join('/');
  });
  const workspace = await loadWorkspace(dir);
  for (const s of workspace.skipped) io.stderr.write(`clarify: skipped ${s.path}: ${s.reason}\n`);
  const { runAuditOnIndex } = await import('../io/auditRun.js');
  const run = await runAuditOnIndex(workspace.index, {
    root: workspace.root,
    config: workspace.config,
    ...(files.length ? { files } : {}),
    ...(values['llm-model'] ? { model: values['llm-model'] } : {}),
    ...(values['llm-cache'] ? { cacheDir: path.resolve(values['llm-cache']) } : {}),
    ...(llmTimeout !== undefined ? { timeoutMs: llmTimeout * 1000 } : {}),
    onProgress: (done, total) => io.stderr.write(`clarify: audit ${done}/${total} requests\n`),
  });
  io.stderr.write(`clarify: ${run.message}\n`);
  const diagnostics = run.diagnostics;
  let output: string;
  if (format === 'json') {
    const r = run.result;
    const audit = { citations: r.items, requests: r.requests, cached: r.cached, dropped: r.dropped, usage: r.usage, verdicts: countVerdicts(r), ...(r.error ? { error: r.error } : {}) };
    const json = toJson(workspace.index.model(), diagnostics, workspace.skipped) as { diagnostics: unknown };
    output = JSON.stringify({ version: 1, audit, diagnostics: json.diagnostics }, null, 2) + '\n';
  } else if (format === 'sarif') {
    output = JSON.stringify(toSarif(diagnostics, { version: VERSION, informationUri: HOMEPAGE }), null, 2) + '\n';
  } else {
    const out = values.output ? undefined : io.stdout;
    const color = !values['no-color'] && !process.env['NO_COLOR'] && Boolean((out as { isTTY?: boolean } | undefined)?.isTTY);
    const lines = diagnostics.filter((d) => values['show-info'] || RANK[d.severity] >= RANK.warning).map((d) => formatDiagnosticLine(d, color));
    const v = countVerdicts(run.result);
    lines.push(`${lines.length ? '\n' : ''}${v.satisfies} satisfied, ${v.violates} possibly violated, ${v.unclear} unclear of ${plural(run.result.items, 'citation')} audited`);
    output = lines.join('\n') + '\n';
  }
  if (values.output) fs.writeFileSync(path.resolve(values.output), output);
  else io.stdout.write(output);
  if (run.result.error && run.result.results.length === 0 && run.result.items > 0) return 2;
  return diagnostics.some((d) => RANK[d.severity] >= RANK[failOn]) ? 1 : 0;
}

/** `clarify impact REV [DIR]`: the clauses changed since REV and the code and tests citing them [^dr3i]. */
async function runImpact(args: string[], io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream }): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { format: { type: 'string', default: 'text' }, output: { type: 'string', short: 'o' } } });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  const [rev, dirArg, ...extra] = positionals;
  if (rev === undefined) throw new UsageError('`clarify impact` needs a git revision (REV): a commit, branch or tag');
  if (extra.length) throw new UsageError(`unexpected argument \`${extra[0]}\``);
  const format = values.format!;
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json (got \`${format}\`)`);
  const dir = existingFolder(dirArg ?? '.');
  const workspace = await loadWorkspace(dir);
  for (const s of workspace.skipped) io.stderr.write(`clarify: skipped ${s.path}: ${s.reason}\n`);
  const result = await impactSince(dir, workspace.index, workspace.config, rev);
  if ('error' in result) throw new Error(result.error);
  const output =
    format === 'json'
      ? JSON.stringify(
          {
            version: 1,
            since: { rev, commit: result.commit },
            clauses: result.entries.map((e) => ({ ...e, citations: e.citations.map((c) => ({ file: c.file, line: c.line + 1, kind: c.kind })) })),
          },
          null,
          2,
        ) + '\n'
      : impactText(result.entries, rev);
  if (values.output) fs.writeFileSync(path.resolve(values.output), output);
  else io.stdout.write(output);
  return 0;
}

function countVerdicts(result: AuditResult): { satisfies: number; violates: number; unclear: number } {
  const out = { satisfies: 0, violates: 0, unclear: 0 };
  for (const r of result.results) if (r.verdict) out[r.verdict]++;
  return out;
}

/** The folder an argument names (resolved, not through links), or a clear failure when it is none. */
function folderArg(arg: string): string {
  const dir = path.resolve(arg);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dir);
  } catch {
    throw new Error(`cannot read folder ${dir}: it does not exist`);
  }
  if (!stat.isDirectory()) throw new Error(`${dir} is not a folder`);
  return dir;
}

/** The real path of the folder an argument names. */
function existingFolder(arg: string): string {
  return fs.realpathSync(folderArg(arg));
}

/** The nearest folder above a file with .clarifier.json or .git; else the current folder. */
function workspaceRootOf(file: string): string {
  let dir = path.dirname(file);
  for (;;) {
    if (fs.existsSync(path.join(dir, '.clarifier.json')) || fs.existsSync(path.join(dir, '.git'))) return fs.realpathSync(dir);
    const up = path.dirname(dir);
    if (up === dir) return existingFolder('.');
    dir = up;
  }
}

/** Writes the output piece by piece (to a file, or to stdout waiting for it to drain): never one string of it all. */
async function writeOutput(pieces: Iterable<string>, file: string | undefined, stdout: NodeJS.WritableStream): Promise<void> {
  if (file) {
    // Pieces are encoded into one reused buffer and written when it is full: writeSync of a string makes a Buffer of
    // each piece (the 458 MB JSON of a 200,000-reference spec: 56,000 of them and as many system calls).
    const fd = fs.openSync(file, 'w');
    const buffer = Buffer.allocUnsafe(1 << 20);
    let used = 0;
    const flush = (): void => {
      for (let at = 0; at < used; ) at += fs.writeSync(fd, buffer, at, used - at);
      used = 0;
    };
    try {
      for (const piece of pieces) {
        // At most 3 bytes of UTF-8 per UTF-16 code unit.
        if (used + piece.length * 3 > buffer.length) flush();
        if (piece.length * 3 > buffer.length) fs.writeSync(fd, piece);
        else used += buffer.write(piece, used);
      }
      flush();
    } finally {
      fs.closeSync(fd);
    }
    return;
  }
  for (const piece of pieces) {
    if (stdout.write(piece) || typeof stdout.once !== 'function') continue;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        for (const e of ['drain', 'close', 'error']) stdout.removeListener(e, done);
        resolve();
      };
      for (const e of ['drain', 'close', 'error']) stdout.once(e, done);
    });
  }
}

/** `clarify lsp --stdio`: the same server the VS Code extension runs, for any LSP editor. Never returns. */
async function runLanguageServer(args: string[]): Promise<number> {
  // The transports vscode-languageserver reads from the command line, and the client's process id that LSP clients
  // pass; anything else is a usage error [^cl3e].
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--clientProcessId' && /^\d+$/.test(args[i + 1] ?? '')) i++;
    else if (!/^(?:--stdio|--node-ipc|--socket=\d+|--pipe=\S+|--clientProcessId=\d+)$/.test(a)) throw new UsageError(`unknown option \`${a}\` for \`clarify lsp\``);
  }
  if (!args.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket=') || a.startsWith('--pipe='))) {
    throw new UsageError('`clarify lsp` needs a transport: --stdio, --node-ipc, --socket=PORT or --pipe=NAME');
  }
  // The language server's entry starts it (in the bundle: dist/server.js, beside dist/cli.js; see esbuild.mjs).
  await import('../lsp/main.js');
  return new Promise<number>(() => undefined);
}

/**
 * Build time only (io/codeCache.ts, `makeCache`): the ambiguity pass over the paragraphs of `text`, so that the batch
 * code cache holds the pass's compiled code (V8 caches the functions a script has run), not only the bundle's top level.
 */
export function rehearsePass(text: string): number {
  const blocks: ProseBlock[] = [];
  const re = /[^\n]+(?:\n[^\n]+)*/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const heading = /^#{1,6}\s/.exec(m[0]);
    blocks.push({ kind: heading ? 'heading' : 'paragraph', start: m.index, end: m.index + m[0].length, text: heading ? m[0].slice(heading[0].length) : m[0] });
  }
  return findAmbiguities(blocks, { specText: text }).length;
}
