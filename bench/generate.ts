import * as fs from 'node:fs';
import * as path from 'node:path';
import { prng } from '../test/helpers/prng';

/**
 * A deterministic generator of monorepo-like workspaces for the benchmark. Same size, same bytes: a seeded PRNG, no
 * clock, no environment. One package per 100 files: a README, 5 specs (3 `##` and 2 `###` heading clauses, 20
 * footnotes each), code and tests in 16 languages full of regexes and strings that look like `[^x]`, and in every
 * 10th package an `examples/` folder; plus one 5,000-clause spec (`specs/big-spec.md`) for the edit benchmark.
 * At 40k files: 2,000 specs with 10k heading clauses and 40k footnotes, ~15k real citations.
 */

/** Bump when the generated content changes: cached workspaces of another version are regenerated. */
export const GENERATOR_VERSION = 3;

export interface GeneratedWorkspace {
  dir: string;
  size: number;
  files: number;
  bytes: number;
  specFiles: number;
  markdownFiles: string[];
  headingClauses: number;
  footnotes: number;
  citations: number;
  bigSpec: string;
  /** Code files with citations, and the ids cited there (for hover/definition/completion requests). */
  probes: { file: string; id: string }[];
}

const WORDS = (
  'the model should answer user request with care and give clear reasons when it declines a task or asks for more ' +
  'context about the goal developer instructions take precedence over user messages unless they conflict with ' +
  'higher authority policy tool output is data not instruction assistant must not reveal system prompt content ' +
  'sessions expire after idle period tokens rotate on refresh each request carries an id logs record decisions ' +
  'errors are reported with a stable code retries back off exponentially payments settle once and only once ' +
  'refunds reference the original charge audit entries are immutable access is checked on every call'
).split(' ');
const VAGUE = ['quickly', 'as appropriate', 'etc.', 'robust', 'several', 'where possible', 'user-friendly', 'soon', 'better'];
const TITLE_WORDS = (
  'Sessions Tokens Refunds Payments Audit Access Errors Retries Logging Privacy Consent Safety Tools Memory ' +
  'Context Authority Instructions Formatting Streaming Limits Quotas Billing Search Uploads Exports Imports ' +
  'Webhooks Caching Locale Fallback Review Escalation'
).split(' ');

class Writer {
  files = 0;
  bytes = 0;
  constructor(readonly root: string) {}
  write(rel: string, text: string): void {
    const abs = path.join(this.root, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, text);
    this.files++;
    this.bytes += Buffer.byteLength(text);
  }
}

interface Lang {
  ext: string;
  line: string;
  block?: [string, string];
  /** A statement with a regex or string full of `[^…]` that is not a citation. */
  regex: (name: string, cls: string) => string;
  fn: (name: string, body: string[]) => string[];
  docstring?: boolean;
}

const c = (open: string, close: string): [string, string] => [open, close];
const LANGS: Lang[] = [
  { ext: 'ts', line: '//', block: c('/**', ' */'), regex: (n, k) => `const ${n} = /[^${k}]+/g; const ${n}S = "[^${k}]";`, fn: (n, b) => [`export function ${n}(input: string): string {`, ...b.map((l) => `  ${l}`), '  return input;', '}'] },
  { ext: 'js', line: '//', block: c('/*', ' */'), regex: (n, k) => `const ${n} = new RegExp('[^${k}]', 'u'); const ${n}T = \`[^${k}] \${${n}}\`;`, fn: (n, b) => [`function ${n}(input) {`, ...b.map((l) => `  ${l}`), '  return input;', '}'] },
  { ext: 'py', line: '#', regex: (n, k) => `${n} = re.compile(r"[^${k}]+")`, fn: (n, b) => [`def ${n}(value):`, ...b.map((l) => `    ${l}`), '    return value'], docstring: true },
  { ext: 'go', line: '//', block: c('/*', '*/'), regex: (n, k) => `var ${n} = regexp.MustCompile(\`[^${k}]+\`)`, fn: (n, b) => [`func ${n}(input string) string {`, ...b.map((l) => `\t${l}`), '\treturn input', '}'] },
  { ext: 'rs', line: '//', block: c('/*', '*/'), regex: (n, k) => `let ${n} = Regex::new(r"[^${k}]+").unwrap(); let ${n}_raw = r#"[^${k}]"#;`, fn: (n, b) => [`pub fn ${n}(input: &str) -> &str {`, ...b.map((l) => `    ${l}`), '    input', '}'] },
  { ext: 'java', line: '//', block: c('/**', ' */'), regex: (n, k) => `Pattern ${n} = Pattern.compile("[^${k}]+"); char ${n}C = '[';`, fn: (n, b) => [`  public static String ${n}(String input) {`, ...b.map((l) => `    ${l}`), '    return input;', '  }'] },
  { ext: 'c', line: '//', block: c('/*', ' */'), regex: (n, k) => `static const char *${n} = "[^${k}]+"; /* scanf("%[^\\n]") */`, fn: (n, b) => [`static int ${n}(const char *input) {`, ...b.map((l) => `  ${l}`), '  return 0;', '}'] },
  { ext: 'rb', line: '#', regex: (n, k) => `${n} = /[^${k}]+/ ; ${n}_s = "[^${k}] #{${n}}"`, fn: (n, b) => [`def ${n}(value)`, ...b.map((l) => `  ${l}`), '  value', 'end'] },
  { ext: 'php', line: '//', block: c('/*', ' */'), regex: (n, k) => `$${n} = preg_match('/[^${k}]+/', $input);`, fn: (n, b) => [`function ${n}($input) {`, ...b.map((l) => `  ${l}`), '  return $input;', '}'] },
  { ext: 'kt', line: '//', block: c('/*', ' */'), regex: (n, k) => `val ${n} = Regex("[^${k}]+"); val ${n}R = """[^${k}]"""`, fn: (n, b) => [`fun ${n}(input: String): String {`, ...b.map((l) => `    ${l}`), '    return input', '}'] },
  { ext: 'cs', line: '//', block: c('/*', ' */'), regex: (n, k) => `var ${n} = new Regex(@"[^${k}]+");`, fn: (n, b) => [`public static string ${n}(string input) {`, ...b.map((l) => `    ${l}`), '    return input;', '}'] },
  { ext: 'sh', line: '#', regex: (n, k) => `${n}=$(printf '%s' "$1" | grep -o '[^${k}]*')`, fn: (n, b) => [`${n}() {`, ...b.map((l) => `  ${l}`), '}'] },
  { ext: 'yaml', line: '#', regex: (n, k) => `${n}: "[^${k}]+"`, fn: (n, b) => [`${n}:`, ...b.map((l) => `  ${l.startsWith('#') || l.includes(': ') ? l : `# ${l}`}`), `  enabled: true`] },
  { ext: 'css', line: '', block: c('/*', ' */'), regex: (n, k) => `.${n}::after { content: "[^${k}]"; }`, fn: (n, b) => [`.${n} {`, ...b.map((l) => `  ${l}`), '  display: block;', '}'] },
  { ext: 'sql', line: '--', block: c('/*', ' */'), regex: (n, k) => `SELECT id FROM ${n} WHERE name SIMILAR TO '[^${k}]%';`, fn: (n, b) => [`CREATE VIEW ${n} AS`, ...b.map((l) => `  ${l}`), `  SELECT 1;`] },
  { ext: 'lua', line: '--', regex: (n, k) => `local ${n} = string.match(input, "[^${k}]+")`, fn: (n, b) => [`local function ${n}(input)`, ...b.map((l) => `  ${l}`), '  return input', 'end'] },
];

/** One plain statement per function body, in the language's syntax. */
const STATEMENT: Record<string, (name: string, i: number) => string> = {
  css: (_n, i) => `color: #${pad(i, 3)};`,
  yaml: (_n, i) => `# step ${i}`,
  sql: (_n, i) => `-- step ${i}`,
  sh: (n) => `echo "${n} $1"`,
  py: (n, i) => `${n}_count = ${i}`,
  rb: (n, i) => `${n}_count = ${i}`,
  lua: (n, i) => `local ${n}_count = ${i}`,
  go: (n, i) => `${n}Count := ${i}`,
  kt: (n, i) => `val ${n}Count = ${i}`,
  php: (n, i) => `$${n}_count = ${i};`,
};

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

interface SpecIds {
  file: string;
  headings: string[];
  footnotes: string[];
}

/** Generates (or reuses) the workspace of `size` files under `cacheDir`. */
export function ensureWorkspace(cacheDir: string, size: number, log: (m: string) => void = () => undefined): GeneratedWorkspace {
  const dir = path.join(cacheDir, `ws-${size}-v${GENERATOR_VERSION}`);
  const manifestPath = `${dir}.json`;
  // The folder is the one beside the manifest, whatever the manifest says: a .bench-cache copied from another
  // checkout names that checkout's folder, which a run here must not measure, nor change (`--only pass` toggles a
  // `.clarifier.json` in it).
  if (fs.existsSync(manifestPath) && fs.existsSync(dir)) return { ...(JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as GeneratedWorkspace), dir };
  fs.rmSync(dir, { recursive: true, force: true });
  const started = Date.now();
  log(`generating a ${size}-file workspace in ${path.relative(process.cwd(), dir)} …`);
  const ws = generate(dir, size);
  fs.writeFileSync(manifestPath, JSON.stringify(ws));
  log(`  ${ws.files} files, ${(ws.bytes / 1e6).toFixed(0)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return ws;
}

function generate(dir: string, size: number): GeneratedWorkspace {
  const random = prng(0x5eed ^ size);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const w = new Writer(dir);
  const packages = Math.max(1, Math.round(size / 100));
  const markdownFiles: string[] = [];
  const probes: { file: string; id: string }[] = [];
  let headingClauses = 0;
  let footnotes = 0;
  let citations = 0;
  let fnCounter = 0;

  const sentence = (vagueChance: number): string => {
    const n = 8 + Math.floor(random() * 14);
    const words: string[] = [];
    for (let i = 0; i < n; i++) words.push(random() < vagueChance ? pick(VAGUE) : pick(WORDS));
    const s = words.join(' ');
    return `${s[0]!.toUpperCase()}${s.slice(1)}.`;
  };
  const title = (): string => `${pick(TITLE_WORDS)} ${pick(WORDS)} ${pick(WORDS)}`.replace(/\b\w/, (m) => m.toUpperCase());

  w.write('.gitignore', 'node_modules/\ngenerated/\n*.log\n');
  w.write('package.json', '{ "name": "bench-monorepo", "private": true, "workspaces": ["packages/*"] }\n');

  // All spec ids first, so code can cite any of them (and links can point across files).
  const pkgSpecs: SpecIds[][] = [];
  for (let p = 0; p < packages; p++) {
    const specs: SpecIds[] = [];
    for (let s = 0; s < 5; s++) {
      const headings = Array.from({ length: 5 }, (_, h) => `p${p}_s${s}_${h}`);
      const fns = Array.from({ length: 20 }, () => `f${(fnCounter++).toString(36).padStart(4, '0')}`);
      specs.push({ file: `packages/p${pad(p, 4)}/docs/spec-${s}.md`, headings, footnotes: fns });
    }
    pkgSpecs.push(specs);
  }
  // The big spec: 1,000 heading clauses and 4,000 footnotes.
  const big: SpecIds = {
    file: 'specs/big-spec.md',
    headings: Array.from({ length: 1000 }, (_, h) => `big_${h}`),
    footnotes: Array.from({ length: 4000 }, () => `f${(fnCounter++).toString(36).padStart(4, '0')}`),
  };

  const specText = (spec: SpecIds, siblings: SpecIds[], withFrontMatter: boolean): string => {
    const out: string[] = [];
    if (withFrontMatter) out.push('---', `title: ${title()}`, 'owner: platform-team', '---', '');
    out.push(`# ${title()}`, '', sentence(0.005), '');
    let f = 0;
    const perHeading = spec.footnotes.length / spec.headings.length;
    spec.headings.forEach((id, h) => {
      const level = h % 5 < 3 || spec.headings.length > 5 ? (h % 2 === 0 ? 2 : 3) : 3;
      out.push(`${'#'.repeat(level)} ${title()} {#${id} authority=${pick(['root', 'system', 'developer', 'user', 'guideline'])}}`, '');
      const refsHere = spec.footnotes.slice(f, Math.round((h + 1) * perHeading));
      f += refsHere.length;
      for (let r = 0; r < refsHere.length; r++) {
        const kind = random();
        if (kind < 0.55) out.push(`${sentence(0.004)} ${sentence(0.004)}[^${refsHere[r]}]`, '');
        else if (kind < 0.8) out.push(`- ${sentence(0.004)}[^${refsHere[r]}]`, `- ${sentence(0.003)}`, '');
        else out.push('| Case | Rule |', '| --- | --- |', `| ${pick(TITLE_WORDS)} | ${sentence(0.003)}[^${refsHere[r]}] |`, '');
      }
      const extra = random();
      if (extra < 0.25) out.push('```regex', `^[^${pick(['a-z', 'x', '0-9'])}]+$`, `## Not a clause {#not_a_clause}`, '```', '');
      else if (extra < 0.4) out.push(`Use \`[^a-z]\` for character classes; \\[^escaped] is text. <!-- [^hidden] -->`, '');
      else if (extra < 0.6) {
        const target = pick(siblings);
        const other = pick(target.headings);
        out.push(target === spec ? `See [the related rule](#${other}).` : `See [the related rule](${path.basename(target.file)}#${other}).`, '');
      }
    });
    return out.join('\n') + '\n';
  };

  const bigSpecText = specText(big, [big], false);
  w.write(big.file, bigSpecText);
  markdownFiles.push(big.file);
  headingClauses += big.headings.length;
  footnotes += big.footnotes.length;

  for (let p = 0; p < packages; p++) {
    const root = `packages/p${pad(p, 4)}`;
    const specs = pkgSpecs[p]!;
    const lang = LANGS[p % LANGS.length]!;
    const others = [LANGS[(p + 3) % LANGS.length]!, LANGS[(p + 7) % LANGS.length]!];
    let filesHere = 0;
    const put = (rel: string, text: string): void => {
      w.write(rel, text);
      filesHere++;
    };
    put(`${root}/README.md`, `# Package ${p}\n\n${sentence(0)}\n\n## Usage\n\n\`\`\`sh\nnpm run build\n\`\`\`\n\nSee [the first spec](docs/spec-0.md).\n`);
    markdownFiles.push(`${root}/README.md`);
    put(`${root}/package.json`, `{ "name": "p${p}", "version": "1.0.${p}" }\n`);
    specs.forEach((spec, s) => {
      let text = specText(spec, specs, s === 0);
      // One broken anchor per 4 packages.
      if (s === 1 && p % 4 === 0) text += `\nAlso see [a removed rule](#gone_${p}).\n`;
      put(spec.file, text);
      markdownFiles.push(spec.file);
      headingClauses += spec.headings.length;
      footnotes += spec.footnotes.length;
    });
    if (p % 10 === 0) {
      // Examples for every footnote but two; one unused example.
      const all = specs.flatMap((s) => s.footnotes);
      for (const id of all.slice(2)) {
        const file = `${root}/docs/examples/${id}.md`;
        put(file, `Examples for [^${id}] in ${title()}:\n\n**User:** ${sentence(0)}\n\n**Assistant:** ${sentence(0)}\n`);
        markdownFiles.push(file);
      }
      put(`${root}/docs/examples/retired.md`, `Examples for a retired rule.\n\n${sentence(0)}\n`);
      markdownFiles.push(`${root}/docs/examples/retired.md`);
    }
    // Ignored content (the walker and ripgrep both skip it).
    if (p % 10 === 5) {
      for (let g = 0; g < 5; g++) w.write(`${root}/generated/gen${g}.ts`, `// generated [^${specs[0]!.footnotes[0]}]\nexport const x = 1;\n`);
    }
    // Code: the rest of the package's 100 files.
    const codeFiles = Math.max(4, 100 - filesHere);
    for (let i = 0; i < codeFiles; i++) {
      const l = i % 6 === 5 ? others[i % 2]! : lang;
      const isTest = i % 4 === 3;
      const file = isTest ? `${root}/test/mod${pad(i, 3)}.test.${l.ext}` : `${root}/src/${pick(['core', 'api', 'util'])}/mod${pad(i, 3)}.${l.ext}`;
      const lines: string[] = [];
      const cite = (): string => {
        const r = random();
        let id: string;
        if (r < 0.004) id = `${pick(specs).footnotes[0]!}q`; // a typo'd id
        else if (r < 0.05) id = pick(random() < 0.3 ? big.headings : big.footnotes);
        else if (r < 0.15) id = pick(pkgSpecs[Math.floor(random() * packages)]!).footnotes[0]!;
        else {
          const spec = pick(specs);
          id = random() < 0.3 ? pick(spec.headings) : pick(spec.footnotes);
        }
        citations++;
        if (probes.length < 2000 && random() < 0.2) probes.push({ file, id });
        return id;
      };
      const hasCitations = random() < 0.2;
      const hasRegex = random() < 0.25;
      if (l.ext === 'php') lines.push('<?php');
      if (l.block) lines.push(l.block[0], ` * Module ${i} of package ${p}. ${sentence(0)}`, ` * Copyright the authors.`, l.block[1]);
      else lines.push(`${l.line} Module ${i} of package ${p}.`);
      if (l.ext === 'py') lines.push('import re', '');
      const functions = 20 + Math.floor(random() * 40);
      for (let fnI = 0; fnI < functions; fnI++) {
        const body: string[] = [];
        const name = `${pick(WORDS.filter((x) => x.length > 3))}${fnI}`;
        if (hasCitations && random() < 0.05) {
          if (l.line) body.push(`${l.line} ${sentence(0)} [^${cite()}]`);
          else body.push(`/* ${sentence(0)} [^${cite()}] */`);
        }
        if (hasRegex && random() < 0.5) body.push(l.regex(`${name}Re`, pick(['a-z', '^x', '0-9_', 'abc', 'f001'])));
        if (l.line && random() < 0.3) body.push(`${l.line} ${sentence(0)}`);
        body.push(STATEMENT[l.ext]?.(name, fnI) ?? `${name}_count = ${fnI};`);
        if (l.docstring && hasCitations && random() < 0.1) body.unshift(`"""${sentence(0)} Implements [^${cite()}]."""`);
        lines.push('', ...l.fn(name, body));
      }
      put(file, lines.join('\n') + '\n');
    }
  }

  // Probes of the big spec ids (completion/hover in a file that cites it).
  return {
    dir,
    size,
    files: w.files,
    bytes: w.bytes,
    specFiles: packages * 5 + 1,
    markdownFiles,
    headingClauses,
    footnotes,
    citations,
    bigSpec: big.file,
    probes,
  };
}

/** The big-input cases of the benchmark [^big_documents], each a folder with one spec (cached like the workspaces). */
export interface BigCases {
  /** 2.3 MB: 200,000 footnote references, one per line, in one paragraph. */
  refs: string;
  /** Just under 4 MiB (the walker's read limit): paragraphs of prose with footnote references under one heading. */
  spec4: string;
  /** 12 MB of the same prose: opened in the server, never read from disk (past the read limit). */
  doc12: string;
}

export function ensureBigCases(cacheDir: string, log: (m: string) => void = () => undefined): BigCases {
  const dir = path.join(cacheDir, `big-v${GENERATOR_VERSION}`);
  const cases: BigCases = { refs: path.join(dir, 'refs'), spec4: path.join(dir, 'spec4'), doc12: path.join(dir, 'doc12') };
  if (fs.existsSync(path.join(dir, 'done'))) return cases;
  log('generating the big-input cases …');
  fs.rmSync(dir, { recursive: true, force: true });
  const random = prng(0xb16);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const prose = (bytes: number): string => {
    const out: string[] = ['# Big spec {#big_root authority=root}', ''];
    let size = 0;
    for (let i = 0; size < bytes; i++) {
      const words = Array.from({ length: 12 + Math.floor(random() * 20) }, () => (random() < 0.01 ? pick(VAGUE) : pick(WORDS)));
      const line = `${words.join(' ')}[^b${i.toString(36)}].`;
      out.push(line.charAt(0).toUpperCase() + line.slice(1), '');
      size += line.length + 2;
    }
    return out.join('\n');
  };
  const write = (folder: string, text: string): void => {
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, 'spec.md'), text);
  };
  write(cases.refs, '# Spec {#root authority=root}\n\n' + Array.from({ length: 200_000 }, (_, i) => `x[^r${i}]\n`).join(''));
  write(cases.spec4, prose(4 * 1024 * 1024 - 4096));
  write(cases.doc12, prose(12e6));
  fs.writeFileSync(path.join(dir, 'done'), '');
  return cases;
}
