import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { CODE_DESCRIPTIONS, computeDiagnostics } from '../core/diagnostics';
import { jsonPieces, summarize } from '../core/format/json';
import { toSarif } from '../core/format/sarif';
import { toText } from '../core/format/text';
import { coverageReport } from '../core/report';
import { DIAGNOSTIC_CODES, type Severity } from '../core/types';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { runLlmOnIndex } from '../node/llmRun';
import { loadWorkspace } from '../node/workspace';
import { startServer } from '../lsp/server';

/**
 * `clarify`: the CI face of the core [^spec_clarifier]. Exit codes: 0 clean (below --fail-on), 1 findings at or above --fail-on,
 * 2 usage error or a failure of the tool itself (unreadable folder, internal error) [^cli] [^cl3e].
 */

declare const CLARIFY_VERSION: string | undefined;
const VERSION = typeof CLARIFY_VERSION === 'string' ? CLARIFY_VERSION : '0.0.0-dev';
const HOMEPAGE = 'https://github.com/spec-clarifier/spec-clarifier';

const HELP = `clarify ${VERSION} — specs as the source of truth

Usage:
  clarify check [DIR] [--format text|json|sarif] [--fail-on error|warning|info] [--show-info] [--output FILE]
                [--cache DIR] [--llm [--llm-model M] [--llm-cache DIR] [--llm-timeout SECONDS]]
  clarify report [DIR] [--output FILE] [--cache DIR]
  clarify lsp --stdio | --node-ipc | --socket=PORT
  clarify --version | --help

check   Index the specs (Markdown with {#id} headings and [^id] footnotes) and the [^id] citations in code
        comments of DIR (default: .), print diagnostics. Exit 1 when any diagnostic is at or above --fail-on
        (default: error), 0 otherwise, 2 when the tool itself fails.
report  Print a Markdown coverage report: per clause its authority, code and test citations and example file;
        totals per authority and per spec file.
lsp     Run the language server (hover, definition, references, completion, diagnostics, quick fixes,
        rename, code lens, symbols) for any LSP editor; the transport comes from the flag.

Options:
  --format F     text (default; file:line:col severity code message), json (one object) or sarif (SARIF 2.1.0)
  --fail-on S    the lowest severity that fails the check: error (default), warning or info
  --show-info    list info diagnostics in text output (they are always in json and sarif)
  --output FILE  write the result to FILE instead of standard output
  --no-color     plain text even on a terminal (NO_COLOR is honoured too)
  --cache DIR    keep an index cache in DIR: the next run reads only files whose size or time changed
  --llm          also ask an LLM for vague wording (ambiguity.llm). Sends the spec clauses to OPENAI_BASE_URL
                 (default OpenAI) with OPENAI_API_KEY; off unless given. A failure is reported and the
                 offline results stay.
  --llm-model M      the chat model (default: llm.model in .clarifier.json, else gpt-4o-mini)
  --llm-cache DIR    reuse answers for unchanged clauses across runs (nothing is sent twice)
  --llm-timeout S    seconds per request (default 60)

Configuration: .clarifier.json in DIR (include, exclude, authorities, testGlobs, examples, severity, reportUncited).

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
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'text' },
        'fail-on': { type: 'string', default: 'error' },
        'show-info': { type: 'boolean', default: false },
        output: { type: 'string', short: 'o' },
        'no-color': { type: 'boolean', default: false },
        llm: { type: 'boolean', default: false },
        'llm-model': { type: 'string' },
        'llm-cache': { type: 'string' },
        'llm-timeout': { type: 'string' },
        cache: { type: 'string' },
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
  const format = values.format!;
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`--format must be text, json or sarif (got \`${format}\`)`);
  const failOn = values['fail-on']! as Severity;
  if (!['error', 'warning', 'info'].includes(failOn)) throw new UsageError(`--fail-on must be error, warning or info (got \`${failOn}\`)`);

  const llmTimeout = values['llm-timeout'] !== undefined ? Number(values['llm-timeout']) : undefined;
  if (llmTimeout !== undefined && !(llmTimeout > 0)) throw new UsageError(`--llm-timeout must be a number of seconds (got \`${values['llm-timeout']}\`)`);
  if (!values.llm && (values['llm-model'] || values['llm-cache'] || llmTimeout)) throw new UsageError('--llm-model, --llm-cache and --llm-timeout go with --llm');

  const dir = path.resolve(dirArg ?? '.');
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dir);
  } catch {
    throw new Error(`cannot read folder ${dir}: it does not exist`);
  }
  if (!stat.isDirectory()) throw new Error(`${dir} is not a folder`);

  const workspace = await loadWorkspace(dir, values.cache ? { cacheDir: path.resolve(values.cache) } : {});
  if (values.llm && command === 'check') {
    // The optional LLM pass: its failure is one line on stderr; the offline results stay [^llm_pass].
    const run = await runLlmOnIndex(workspace.index, {
      config: workspace.config,
      ...(values['llm-model'] ? { model: values['llm-model'] } : {}),
      ...(values['llm-cache'] ? { cacheDir: path.resolve(values['llm-cache']) } : {}),
      ...(llmTimeout !== undefined ? { timeoutMs: llmTimeout * 1000 } : {}),
      textOf: (file) => fs.readFileSync(path.join(dir, file), 'utf8').replace(/^\uFEFF/, ''),
      onProgress: (done, total) => io.stderr.write(`clarify: LLM pass ${done}/${total} requests\n`),
    });
    io.stderr.write(`clarify: ${run.message}\n`);
  }
  const model = workspace.index.model();
  const diagnostics = computeDiagnostics(model, workspace.config);
  // One clear line per skipped file, never a stack trace [^nt4x].
  for (const s of workspace.skipped) io.stderr.write(`clarify: skipped ${s.path}: ${s.reason}\n`);

  let output: string | Iterable<string>;
  if (command === 'report') {
    // [^cl7r]
    output = coverageReport(model, { title: `Spec coverage of ${path.basename(dir)}` });
  } else if (format === 'json') {
    // text, JSON or SARIF [^cl5f]
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

/** Writes the output piece by piece (to a file, or to stdout waiting for it to drain): never one string of it all. */
async function writeOutput(pieces: Iterable<string>, file: string | undefined, stdout: NodeJS.WritableStream): Promise<void> {
  if (file) {
    const fd = fs.openSync(file, 'w');
    try {
      for (const piece of pieces) fs.writeSync(fd, piece);
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
  if (!args.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket=') || a.startsWith('--pipe='))) {
    throw new UsageError('`clarify lsp` needs a transport: --stdio, --node-ipc or --socket=PORT');
  }
  startServer(createConnection(ProposedFeatures.all));
  return new Promise<number>(() => undefined);
}
