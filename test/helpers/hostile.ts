import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * THE hostile workspace of the reliability tests (docs/reliability.md): a small valid spec + code + examples, and next
 * to them everything a real repository may contain. Each hostile spec ends in a valid clause, so "the good results
 * stay" is checked inside the hostile files too. `validOnly` writes just the valid part (the reference run).
 *
 * Sizes: `scale: 'unit'` keeps every file small (the workspace is written in ~50 ms); `scale: 'stress'` writes the
 * issue's sizes (a 20 MB single line, `[^` two million times, 50,000 unmatched brackets, 10,000-deep nesting).
 */

export interface HostileOptions {
  scale?: 'unit' | 'stress';
  /** Only the valid spec, code and examples (the reference). */
  validOnly?: boolean;
}

export interface HostileWorkspace {
  /** The workspace folder (realpath). */
  root: string;
  /** A folder outside the workspace that symlinks point at; it holds `secret.md` (clause `secret_outside`). */
  outside: string;
  /** FIFOs could be made (not on Windows). */
  fifo: boolean;
  /** Workspace paths of the valid part. */
  validFiles: string[];
}

/** The valid part: exact expectations below. */
export const VALID_FILES: Record<string, string> = {
  'specs/valid.md': [
    '# Valid {#valid authority=root}',
    '',
    'Sessions expire after 30 minutes[^vl1a].',
    '',
    '## Tokens {#tokens authority=user}',
    '',
    'A refresh token is single-use[^vl2b]. See [the top](#valid).',
    '',
    'An example outside[^out1].',
    '',
    '[^vl2b]: ../examples/vl2b.md',
    '[^out1]: ../../../../../etc/passwd',
    '',
  ].join('\n'),
  'examples/vl1a.md': 'Examples for [^vl1a] in Valid:\n',
  'examples/vl2b.md': 'Examples for [^vl2b] in Tokens:\n',
  'src/valid.ts': [
    '// Implements [^vl1a]',
    'export const ttl = 30; // and [^tokens]',
    'export const re = /[^a-z]/; // a regex, not a citation',
    '// a typo: [^vl1x]',
    '// ids that look like paths are no ids: [^../../etc/passwd] [^/etc/passwd]',
    '',
  ].join('\n'),
  'tests/valid.test.ts': '// [^vl2b]\n',
};

/** Clause ids of the valid part, in index order. */
export const VALID_CLAUSES = ['valid', 'tokens', 'vl1a', 'vl2b', 'out1'];
/** `id@file:line` (1-based) of the valid part's citations. */
export const VALID_CITATIONS = ['vl1a@src/valid.ts:1', 'tokens@src/valid.ts:2', 'vl1x@src/valid.ts:4', 'vl2b@tests/valid.test.ts:1'];
/** `code@file:line` (1-based) of the valid part's diagnostics. */
export const VALID_DIAGNOSTICS = [
  'clause.uncited@specs/valid.md:9',
  'example.missing@specs/valid.md:9',
  'citation.unknown-id@src/valid.ts:4',
];

/** Clauses the hostile spec files still declare after their hostile part: `id@file:line` (1-based), sorted. */
export function hostileClauses(scale: 'unit' | 'stress' = 'unit'): string[] {
  return [
  'hq_brackets@specs/hostile/brackets.md:5',
  'hq_carets@specs/hostile/carets.md:3',
  'hq_cr@specs/hostile/cr-only.md:1',
  'hqcr1@specs/hostile/cr-only.md:3',
  'hq_list@specs/hostile/deep-list.md:3',
  'hq_quote@specs/hostile/deep-quote.md:5',
  'hq_emph@specs/hostile/emphasis.md:3',
  `hq_lines@specs/hostile/long-paragraph.md:${(scale === 'stress' ? 100_000 : 2_000) + 3}`,
  'hq_mixed@specs/hostile/mixed.md:1',
  'hqmx1@specs/hostile/mixed.md:5',
  ];
}

/** Citations in hostile files: invalid UTF-8 around a valid citation is decoded, the citation kept. */
export const HOSTILE_CITATIONS = ['vl1a@src/hostile/invalid-utf8.ts:1'];

/** `path: reason` of every file the tools must skip (sorted by path). */
export function expectedSkipped(fifo: boolean): string[] {
  return [
    'cycle-a: broken symlink or symlink loop',
    'cycle-b: broken symlink or symlink loop',
    'leak.md: symlink leads outside the workspace; not followed',
    'leakdir: symlink leads outside the workspace; not followed',
    'src/hostile/binary.ts: binary file (NUL bytes); not read',
    'src/hostile/huge-line.js: larger than 4 MiB; not read',
    ...(fifo ? ['src/hostile/pipe.ts: not a regular file (FIFO, socket or device)'] : []),
  ];
}

function write(root: string, rel: string, content: string | Buffer): void {
  const abs = path.join(root, rel);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  fs.writeFileSync(abs, content);
}

/** Writes a file of `bytes` bytes: one line of `x` (no line break), without holding it in memory twice. */
function writeLongLine(abs: string, bytes: number): void {
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  const fd = fs.openSync(abs, 'w');
  try {
    const block = Buffer.alloc(1024 * 1024, 'x');
    for (let left = bytes; left > 0; left -= block.length) fs.writeSync(fd, block, 0, Math.min(block.length, left));
  } finally {
    fs.closeSync(fd);
  }
}

export function createHostileWorkspace(options: HostileOptions = {}): HostileWorkspace {
  const stress = options.scale === 'stress';
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'clarify-hostile-')));
  const outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'clarify-outside-')));
  write(outside, 'secret.md', '# Secret {#secret_outside authority=root}\n\nNever read me[^secret1].\n');
  for (const [rel, text] of Object.entries(VALID_FILES)) write(root, rel, text);
  const ws: HostileWorkspace = { root, outside, fifo: false, validFiles: Object.keys(VALID_FILES) };
  if (options.validOnly) return ws;

  const depth = 10_000;
  const brackets = 50_000;
  const carets = stress ? 2_000_000 : 20_000;
  // Markdown that makes remark superlinear, each file ending in a valid clause.
  write(root, 'specs/hostile/deep-quote.md', `${'>'.repeat(depth)} deep\n\n${'> '.repeat(depth)}deeper\n\n# Deep quote {#hq_quote}\n`);
  write(root, 'specs/hostile/deep-list.md', `${'- '.repeat(depth)}x\n\n# Deep list {#hq_list}\n`);
  write(root, 'specs/hostile/brackets.md', `${']'.repeat(brackets)}\n\n${'['.repeat(brackets)}\n\n# Brackets {#hq_brackets}\n`);
  write(root, 'specs/hostile/carets.md', `${'[^'.repeat(carets)}\n\n# Carets {#hq_carets}\n`);
  write(root, 'specs/hostile/emphasis.md', `${'*a_b~c`'.repeat(stress ? 200_000 : 2_000)}\n\n# Emphasis {#hq_emph}\n`);
  write(root, 'specs/hostile/long-paragraph.md', `x\n${'a b\n'.repeat(stress ? 100_000 : 2_000)}\n# Lines {#hq_lines}\n`);
  // Line endings: CR only, and mixed.
  write(root, 'specs/hostile/cr-only.md', '# CR {#hq_cr}\r\rLine three[^hqcr1].\r');
  write(root, 'specs/hostile/mixed.md', '# Mixed {#hq_mixed}\r\n\nA\r\rB[^hqmx1].\n');
  write(root, 'specs/hostile/bom-only.md', '\uFEFF');
  write(root, 'specs/hostile/empty.md', '');
  // Source files: binary with a source extension, invalid UTF-8, a line over the size cap, brackets in comments.
  write(root, 'src/hostile/binary.ts', Buffer.from([0x2f, 0x2f, 0x20, 0x5b, 0x5e, 0x00, 0x01, 0xff, 0x5d, 0x00]));
  write(root, 'src/hostile/invalid-utf8.ts', Buffer.concat([Buffer.from('// '), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from(' [^vl1a] \n')]));
  writeLongLine(path.join(root, 'src/hostile/huge-line.js'), stress ? 20 * 1024 * 1024 : 4 * 1024 * 1024 + 1);
  write(root, 'src/hostile/carets.ts', `// ${'[^'.repeat(carets / 2)}\n/* ${'['.repeat(brackets)} ${']'.repeat(brackets)} */\n`);
  write(root, 'src/hostile/scripts.html', `${'<script>/*</script>\n'.repeat(stress ? 100_000 : 1_000)}*/\n`);
  write(root, 'src/hostile/backticks.ts', `// ${Array.from({ length: stress ? 2000 : 100 }, (_, i) => '`'.repeat(i + 1) + 'a').join('')}\n`);
  // A FIFO with a source name: reading it would block forever.
  if (process.platform !== 'win32') {
    try {
      execFileSync('mkfifo', [path.join(root, 'src/hostile/pipe.ts')]);
      ws.fifo = true;
    } catch {
      ws.fifo = false;
    }
  }
  // Symlinks: a loop, a cycle, and links leading outside the workspace.
  fs.symlinkSync('.', path.join(root, 'loop'));
  fs.symlinkSync('cycle-b', path.join(root, 'cycle-a'));
  fs.symlinkSync('cycle-a', path.join(root, 'cycle-b'));
  fs.symlinkSync(path.join(outside, 'secret.md'), path.join(root, 'leak.md'));
  fs.symlinkSync(outside, path.join(root, 'leakdir'));
  return ws;
}

/**
 * Creates, rewrites and deletes files under `churn/` until stopped: files vanish and change while they are indexed.
 * The churned files never cite anything that exists, and all of them are gone once `stop()` resolves.
 */
export function startChurn(root: string): { stop: () => Promise<number> } {
  const dir = path.join(root, 'churn');
  fs.mkdirSync(dir, { recursive: true });
  let running = true;
  let rounds = 0;
  const loop = (async () => {
    while (running) {
      const name = path.join(dir, `c${rounds % 20}.${rounds % 2 ? 'md' : 'ts'}`);
      try {
        await fs.promises.writeFile(name, rounds % 2 ? `# Churn ${rounds}\n` : `// churn ${rounds}\n`);
        if (rounds % 3 === 0) await fs.promises.rm(name, { force: true });
      } catch {
        // a race with our own deletes: fine
      }
      rounds++;
      await new Promise((r) => setImmediate(r));
    }
    await fs.promises.rm(dir, { recursive: true, force: true });
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return rounds;
    },
  };
}
