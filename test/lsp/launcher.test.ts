// The launcher (bin/clarify.js) keeps V8's young generation at its first size for a batch run, from before the bundle
// loads [^big_documents]: loading the bundle grew it from 1 to 4 MB a semispace, and both semispaces were resident while a
// big spec was parsed, the peak of its check. The CLI grows it to that size at the first ordinary text it reads (the
// pass over ordinary specs costs more CPU with a small one); a run of big specs only keeps it small until it writes JSON
// (the JSON writer's short-lived strings cost more CPU with a small one too). The servers and the
// other commands keep V8's default. Measured by a preload that reads the young generation's capacity before the
// launcher runs and again when the process exits (a size, never a time). See docs/reliability.md.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli, tempWorkspace } from '../helpers/cli';

/** The young generation's capacity (one semispace: used + available) before the bundle and at exit, in bytes. */
interface Capacities {
  first: number;
  last: number;
}

const PRELOAD = `const v8 = require('node:v8');
const fs = require('node:fs');
const capacity = () => { const s = v8.getHeapSpaceStatistics().find((x) => x.space_name === 'new_space'); return s.space_used_size + s.space_available_size; };
const first = capacity();
// The main thread's (worker threads run the preload too).
if (require('node:worker_threads').isMainThread) process.on('exit', () => fs.writeFileSync(process.env.CLARIFY_NEW_SPACE_FILE, JSON.stringify({ first, last: capacity() })));
`;

describe('the launcher (bin/clarify.js): the young generation of a batch run [^big_documents]', function () {
  this.timeout(60_000);
  let dir: string;
  let preload: string;

  before(() => {
    dir = tempWorkspace({
      'specs/a.md': '# A {#a authority=root}\n\nThe page must respond quickly[^a1].\n\n[^a1]: Within a second.\n',
      'src/a.ts': '// [^a1]\nexport const a = 1;\n',
    });
    preload = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'clarify-preload-')), 'newSpace.js');
    fs.writeFileSync(preload, PRELOAD);
  });
  after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(path.dirname(preload), { recursive: true, force: true });
  });

  async function capacities(args: string[]): Promise<Capacities> {
    const out = path.join(path.dirname(preload), `capacities-${Math.random().toString(36).slice(2)}.json`);
    const r = await runCli(args, { env: { ...process.env, NODE_OPTIONS: `${process.env['NODE_OPTIONS'] ?? ''} --require ${JSON.stringify(preload)}`.trim(), CLARIFY_NEW_SPACE_FILE: out } });
    assert.ok(r.code === 0 || r.code === 1, r.stderr);
    return JSON.parse(fs.readFileSync(out, 'utf8')) as Capacities;
  }

  /** One spec of 1.3 MB (120,000 footnote references in one paragraph): a big spec, the only text of its folder. */
  const bigFolder = (): string => tempWorkspace({ 'spec.md': '# Spec {#root authority=root}\n\n' + Array.from({ length: 120_000 }, (_, i) => `x[^r${i}]\n`).join('') });

  for (const args of [['check'], ['--format', 'sarif', 'check'], ['report', '--format', 'json']]) {
    it(`\`clarify ${args.join(' ')}\` of a folder with one big spec: the young generation ends at the size it had before the bundle loaded`, async () => {
      const big = bigFolder();
      try {
        const c = await capacities([...args, big, '--output', path.join(big, 'out')]);
        assert.ok(c.first > 0, JSON.stringify(c));
        assert.equal(c.last, c.first, `the young generation grew from ${c.first} to ${c.last} bytes a semispace`);
      } finally {
        fs.rmSync(big, { recursive: true, force: true });
      }
    });
  }

  it('`clarify check --format json` of a folder with one big spec: the young generation grows once before the JSON is written, to 4 MiB a semispace', async () => {
    const big = bigFolder();
    try {
      const c = await capacities(['check', '--format', 'json', big, '--output', path.join(big, 'out')]);
      assert.ok(c.last > c.first, `the young generation stayed at ${c.first} bytes a semispace`);
      assert.ok(c.last <= 4 * 1024 * 1024, `the young generation grew to ${c.last} bytes a semispace`);
    } finally {
      fs.rmSync(big, { recursive: true, force: true });
    }
  });

  for (const args of [['check'], ['report', '--format', 'json']]) {
    it(`\`clarify ${args.join(' ')}\` of ordinary specs: the young generation grows once, to 4 MiB a semispace (the size the bundle's load gave it)`, async () => {
      const c = await capacities([...args, dir]);
      assert.ok(c.last > c.first, `the young generation stayed at ${c.first} bytes a semispace`);
      assert.ok(c.last <= 4 * 1024 * 1024, `the young generation grew to ${c.last} bytes a semispace`);
    });
  }

  it('`clarify check` of a folder its worker threads read (600 specs): the young generation grows once, to 4 MiB a semispace', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 600; i++) files[`specs/s${i}.md`] = `# S${i} {#s${i} authority=root}\n\nThe page must respond[^r${i}].\n`;
    const many = tempWorkspace(files);
    try {
      const c = await capacities(['check', many, '--output', path.join(many, 'out')]);
      assert.ok(c.last > c.first, `the young generation stayed at ${c.first} bytes a semispace`);
      assert.ok(c.last <= 4 * 1024 * 1024, `the young generation grew to ${c.last} bytes a semispace`);
    } finally {
      fs.rmSync(many, { recursive: true, force: true });
    }
  });

  it('`clarify context FILE` keeps V8\'s default: the bundle\'s load grows the young generation (what a batch run prevents)', async () => {
    const c = await capacities(['context', path.join(dir, 'src/a.ts'), '--root', dir]);
    assert.ok(c.last > c.first, `the young generation stayed at ${c.first} bytes a semispace`);
  });
});
