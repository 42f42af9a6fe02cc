// Drift between code and the clauses it cites [^dr1s]: the pure rules on history given as data, then `clarify check
// --stale` and `clarify impact` [^dr3i] on a scripted git history (fixed dates, a local user).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { changedSince, clauseTexts, judgeStale, staleHoverMarkdown, wordDiff, type SpecChange, type StaleFinding } from '../../server/src/core/analysis/drift';
import { parseSpec } from '../../server/src/core/markdown/parseSpec';
import { GitRepo, parseBlame } from '../../server/src/io/git';
import { clarify, tempWorkspace } from '../helpers/cli';
import { commit, git, scriptedRepo, writeFiles } from '../helpers/gitHistory';

const texts = (spec: string): Map<string, string> => clauseTexts(parseSpec('spec.md', spec));
const change = (commitId: string, time: number, spec: string, parent?: string): SpecChange => ({ commit: commitId, time, texts: texts(spec), parent: parent === undefined ? undefined : texts(parent) });

const V1 = '# Retention {#ret}\n\nDelete logs after 30 days.\n';
const V2 = '# Retention {#ret}\n\nDelete logs after 90 days.\n';

describe('drift rules (history as data)', () => {
  const now = texts(V2).get('ret')!;

  it('the clause text: heading title and section prose; footnotes: the sentence with the reference and the definition', () => {
    assert.equal(texts(V1).get('ret'), 'Retention Delete logs after 30 days.');
    // Reflowing and adding footnote references change nothing.
    assert.equal(texts('# Retention {#ret}\n\nDelete logs[^x]\n   after 30 days.\n').get('ret'), texts(V1).get('ret'));
    const a = texts('# Export\n\nExports are CSV[^ex]. Imports are JSON[^im].\n\n[^ex]: Comma separated.\n').get('ex');
    assert.equal(a, 'Exports are CSV. Comma separated.');
    // Another sentence of the paragraph (another footnote's) is not this clause's text.
    assert.equal(texts('# Export\n\nExports are CSV[^ex]. Imports are YAML[^im].\n\n[^ex]: Comma separated.\n').get('ex'), a);
    assert.notEqual(texts('# Export\n\nExports are CSV[^ex]. Imports are JSON[^im].\n\n[^ex]: Tab separated.\n').get('ex'), a);
    assert.notEqual(texts('# Export\n\nExports are TSV[^ex]. Imports are JSON[^im].\n\n[^ex]: Comma separated.\n').get('ex'), a);
  });

  it('stale when the clause in the line\'s commit differs from now; fresh when equal (also after changing back)', () => {
    assert.deepEqual(judgeStale('ret', now, { commit: 'c1', time: 100 }, texts(V1)), { state: 'stale', old: texts(V1).get('ret'), new: now });
    assert.deepEqual(judgeStale('ret', now, { commit: 'c2', time: 200 }, texts(V2)), { state: 'fresh' });
    assert.deepEqual(judgeStale('ret', texts(V1).get('ret'), { commit: 'c1', time: 100 }, texts(V1)), { state: 'fresh' });
  });

  it('a line changed in the working tree is touched: fresh', () => {
    assert.deepEqual(judgeStale('ret', now, { uncommitted: true }, texts(V1)), { state: 'fresh' });
  });

  it('never reports without both texts: no blame, no spec in the line\'s commit, a clause that did not exist yet', () => {
    assert.equal(judgeStale('ret', now, undefined, texts(V1)).state, 'unknown');
    assert.equal(judgeStale('ret', now, { commit: 'c0', time: 50 }, undefined).state, 'unknown');
    assert.equal(judgeStale('ret', now, { commit: 'c0', time: 50 }, texts('# Other {#o}\n\nx\n')).state, 'unknown');
    assert.equal(judgeStale('ret', undefined, { commit: 'c1', time: 100 }, texts(V1)).state, 'unknown');
  });

  it('since when: the newest commit with the current text whose parent had another, the working tree, or unknown', async () => {
    // Newest first; c3 edits another clause.
    const changes = [change('c3', 300, V2, V2), change('c2', 200, V2, V1), change('c1', 100, V1)];
    assert.deepEqual(await changedSince('ret', now, texts(V2), changes), { commit: 'c2', time: 200 });
    const edited = texts('# Retention {#ret}\n\nDelete logs after 7 days.\n').get('ret')!;
    assert.equal(await changedSince('ret', edited, texts(V2), changes), 'working tree');
    // Capped before the change: not named.
    assert.equal(await changedSince('ret', now, texts(V2), changes.slice(0, 1)), undefined);
    // A side branch's commit with another text, the change itself not listed (it came in by a merge): no commit is
    // named rather than a wrong one.
    const SIDE = '# Retention {#ret}\n\nDelete logs after 60 days.\n';
    assert.equal(await changedSince('ret', now, texts(V2), [change('c3', 300, V2, V2), change('s1', 250, SIDE, V1), change('c1', 100, V1)]), undefined);
  });

  it('the hover shows the clause then and now, with a compact word diff', () => {
    const f: StaleFinding = {
      citation: { id: 'ret', file: 'src/a.ts', range: { start: { line: 0, character: 3 }, end: { line: 0, character: 9 } }, idRange: { start: { line: 0, character: 5 }, end: { line: 0, character: 8 } }, kind: 'code' },
      id: 'ret',
      specFile: 'spec.md',
      line: { commit: 'a'.repeat(40), time: 1767225600 },
      changed: { commit: 'b'.repeat(40), time: 1769904000 },
      oldText: 'Retention Delete logs after 30 days.',
      newText: 'Retention Delete logs after 90 days.',
    };
    const md = staleHoverMarkdown(f);
    assert.match(md, /Stale citation.*`ret` changed in `bbbbbbb` \(2026-02-01\), after this line \(`aaaaaaa`, 2026-01-01\)/);
    assert.match(md, /\*\*Then\*\* \(as of `aaaaaaa`\):\n\n> Retention Delete logs after 30 days\./);
    assert.match(md, /\*\*Now\*\*:\n\n> Retention Delete logs after 90 days\./);
    assert.match(md, /\*\*Changed\*\*: … Delete logs after ~~30~~ \*\*90\*\* days\./);
    assert.equal(wordDiff('a b c', 'a b c'), undefined);
    assert.equal(wordDiff('one two three four five six seven eight nine ten', 'one two three four five six seven eight nine TEN'), '… seven eight nine ~~ten~~ **TEN**');
  });

  it('parses blame porcelain: commit times per line, uncommitted lines', () => {
    const c = 'c'.repeat(40);
    const text = `${c} 1 1 1\nauthor X\ncommitter-time 100\nfilename a.ts\n\t// [^a]\n${'0'.repeat(40)} 3 3 1\ncommitter-time 200\n\t// [^b]\n${c} 4 5 1\n\t// [^c]\n`;
    assert.deepEqual([...parseBlame(text)], [
      [0, { commit: c, time: 100 }],
      [2, { uncommitted: true }],
      [4, { commit: c, time: 100 }],
    ]);
  });
});

/** The scripted history: a spec and code citing it, then the spec changes, then one citing line is touched. */
function driftRepo(): { dir: string; commits: string[] } {
  const spec = (days: number, extra = '', legacy = true): string =>
    `# Retention {#retention}\n\nDelete logs after ${days} days.\n\n# Export {#export}\n\nExports are CSV[^ex1], one\nrow per event.\n\n` +
    (legacy ? '# Legacy {#legacy}\n\nOld import.\n\n' : '') +
    extra +
    '[^ex1]: Comma separated, UTF-8.\n';
  return scriptedRepo([
    {
      date: '2026-01-01T12:00:00Z',
      files: {
        'specs/logs.md': spec(30),
        'src/a.ts': '// [^retention]\nexport const days = 30;\n',
        'src/b.ts': '// [^retention]\nexport const keep = 30;\n',
        'src/c.ts': '// [^retention]\nexport const c = 30;\n',
        'src/export.ts': '// [^export] [^ex1]\nexport const sep = ",";\n',
        'src/old.ts': '// [^legacy]\n',
      },
    },
    // The retention clause changes; the export paragraph is only reflowed; a clause is added and one removed.
    { date: '2026-02-01T12:00:00Z', files: { 'specs/logs.md': spec(90, '# Audit {#audit}\n\nLog sign-ins.\n\n', false).replace('one\nrow', 'one row') } },
    // b.ts's citing line is touched after the change.
    { date: '2026-03-01T12:00:00Z', files: { 'src/b.ts': '// [^retention] (90 days)\nexport const keep = 90;\n' } },
  ]);
}

describe('clarify check --stale and clarify impact (scripted git history)', function () {
  this.timeout(60_000);
  let repo: { dir: string; commits: string[] };
  before(() => {
    repo = driftRepo();
    // Uncommitted: the footnote definition changes; c.ts's citing line is edited (touched).
    writeFiles(repo.dir, {
      'specs/logs.md': fs.readFileSync(path.join(repo.dir, 'specs/logs.md'), 'utf8').replace('Comma separated', 'Semicolon separated'),
      'src/c.ts': '// [^retention] checked\nexport const c = 90;\n',
    });
  });

  it('reports exactly the stale citations: clause changed after the line; not touched lines, unchanged or reflowed clauses', async () => {
    const r = await clarify('check', repo.dir, '--stale', '--format', 'json');
    const stale = JSON.parse(r.stdout).diagnostics.filter((d: { code: string }) => d.code === 'citation.stale');
    assert.deepEqual(
      stale.map((d: { file: string; line: number; data: { id: string; changedIn: string } }) => `${d.file}:${d.line} ${d.data.id} ${d.data.changedIn === 'working tree' ? 'working tree' : d.data.changedIn.slice(0, 7)}`),
      [`src/a.ts:1 retention ${repo.commits[1]!.slice(0, 7)}`, 'src/export.ts:1 ex1 working tree'],
    );
    assert.match(r.stderr, /Stale citations: 2 stale citations of 5 citations/);
    const text = await clarify('check', repo.dir, '--stale');
    assert.match(text.stdout, new RegExp(`^src/a\\.ts:1:6 warning citation\\.stale Clause \`retention\` changed in ${repo.commits[1]!.slice(0, 7)} on 2026-02-01, after this line was last changed \\(${repo.commits[0]!.slice(0, 7)} on 2026-01-01\\)`, 'm'));
    assert.match(text.stdout, /^src\/export\.ts:1:16 warning citation\.stale Clause `ex1` changed in the working tree \(uncommitted\)/m);
    assert.equal(stale[0].data.oldText, 'Retention Delete logs after 30 days.');
    assert.equal(stale[0].data.newText, 'Retention Delete logs after 90 days.');
    // Without --stale nothing of it runs.
    const plain = await clarify('check', repo.dir, '--format', 'json');
    assert.ok(!plain.stdout.includes('citation.stale'));
    assert.doesNotMatch(plain.stderr, /Stale/);
  });

  it('committing the clause edit keeps the finding; touching the citing line and committing clears it', async () => {
    const copy = tempWorkspace({});
    fs.cpSync(repo.dir, copy, { recursive: true });
    commit(copy, { date: '2026-04-01T12:00:00Z', files: {} });
    let r = await clarify('check', copy, '--stale', '--format', 'json');
    let stale = JSON.parse(r.stdout).diagnostics.filter((d: { code: string }) => d.code === 'citation.stale');
    assert.deepEqual(stale.map((d: { file: string }) => d.file), ['src/a.ts', 'src/export.ts']);
    commit(copy, { date: '2026-05-01T12:00:00Z', files: { 'src/a.ts': '// [^retention] 90 days now\nexport const days = 90;\n' } });
    r = await clarify('check', copy, '--stale', '--format', 'json');
    stale = JSON.parse(r.stdout).diagnostics.filter((d: { code: string }) => d.code === 'citation.stale');
    assert.deepEqual(stale.map((d: { file: string }) => d.file), ['src/export.ts']);
  });

  it('bounded: at most stale.maxCommits commits of a spec are read; beyond, nothing is decided', async () => {
    const copy = tempWorkspace({});
    fs.cpSync(repo.dir, copy, { recursive: true });
    fs.writeFileSync(path.join(copy, '.clarifier.json'), '{ "stale": { "maxCommits": 1 } }\n');
    const r = await clarify('check', copy, '--stale', '--format', 'json');
    const stale = JSON.parse(r.stdout).diagnostics.filter((d: { code: string }) => d.code === 'citation.stale');
    // The first commit (of a.ts and export.ts) is the one read: both judged, since when is not known; b.ts's commit is
    // beyond the cap: undecided.
    assert.deepEqual(stale.map((d: { file: string; message: string }) => `${d.file} ${/changed, after this line/.test(d.message)}`), ['src/a.ts true', 'src/export.ts true']);
    assert.match(r.stderr, /2 stale citations of 5 citations \(5 with a known history, 1 undecided; 1 spec version read\)/);
  });

  it('blame of the editor\'s text: a changed line is uncommitted (touched), the others keep their commits', async () => {
    const r = await GitRepo.open(repo.dir, 10_000);
    assert.ok(!('error' in r));
    const onDisk = await r.blameLines('src/a.ts', [0, 1]);
    assert.deepEqual([...onDisk.values()].map((s) => ('commit' in s ? s.commit : 'uncommitted')), [repo.commits[0], repo.commits[0]]);
    const edited = await r.blameLines('src/a.ts', [0, 1], '// [^retention] re-checked\nexport const days = 30;\n');
    assert.deepEqual([...edited.values()].map((s) => ('commit' in s ? s.commit : 'uncommitted')), ['uncommitted', repo.commits[0]]);
  });

  it('no repository or no git: one clear line, nothing else changes', async () => {
    const dir = tempWorkspace({ 'specs/a.md': '# A {#a}\n\nText.\n', 'src/a.ts': '// [^a]\n' });
    const plain = await clarify('check', dir);
    const r = await clarify('check', dir, '--stale');
    assert.equal(r.code, plain.code);
    assert.equal(r.stdout, plain.stdout);
    assert.equal(r.stderr, `clarify: Stale citations not checked: ${dir} is not in a git work tree.\n`);
    const saved = process.env['PATH'];
    process.env['PATH'] = path.join(dir, 'no-such-bin');
    try {
      const nogit = await clarify('check', repo.dir, '--stale');
      assert.equal(nogit.stderr, 'clarify: Stale citations not checked: git is not installed (or not on PATH).\n');
    } finally {
      process.env['PATH'] = saved;
    }
  });

  it('impact REV: the clauses changed since REV and every location citing them (text)', async () => {
    const r = await clarify('impact', repo.commits[0]!, repo.dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout,
      [
        'specs/logs.md: audit added (cited nowhere)',
        'specs/logs.md: ex1 changed',
        '  src/export.ts:1 (code)',
        'specs/logs.md: legacy removed',
        '  src/old.ts:1 (code)',
        'specs/logs.md: retention changed',
        '  src/a.ts:1 (code)',
        '  src/b.ts:1 (code)',
        '  src/c.ts:1 (code)',
        '',
        `4 clauses changed since ${repo.commits[0]}; 5 citations to re-check.`,
        '',
      ].join('\n'),
    );
    const none = await clarify('impact', 'HEAD', tempCopyClean());
    assert.equal(none.stdout, 'No clause changed since HEAD.\n');
  });

  it('impact REV --format json; usage errors exit 2', async () => {
    const r = await clarify('impact', 'HEAD~1', repo.dir, '--format', 'json');
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.equal(json.version, 1);
    assert.deepEqual(json.since, { rev: 'HEAD~1', commit: repo.commits[1] });
    // Since the second commit only the uncommitted footnote edit changed a clause.
    assert.deepEqual(json.clauses, [
      { id: 'ex1', file: 'specs/logs.md', change: 'changed', oldText: 'Exports are CSV, one row per event. Comma separated, UTF-8.', newText: 'Exports are CSV, one row per event. Semicolon separated, UTF-8.', citations: [{ file: 'src/export.ts', line: 1, kind: 'code' }] },
    ]);
    assert.equal((await clarify('impact')).code, 2);
    assert.equal((await clarify('impact', 'HEAD', repo.dir, '--bogus')).code, 2);
    assert.equal((await clarify('impact', 'HEAD', repo.dir, '--format', 'sarif')).code, 2);
    const unknown = await clarify('impact', 'no-such-rev', repo.dir);
    assert.equal(unknown.code, 2);
    assert.equal(unknown.stderr, 'clarify: unknown revision `no-such-rev`\n');
    const help = await clarify('impact', '--help');
    assert.equal(help.code, 0);
    assert.match(help.stdout, /clarify impact REV \[DIR\]/);
    assert.equal((await clarify('report', repo.dir, '--stale')).code, 2);
  });

  /** A clean clone-like copy: the scripted repository without uncommitted edits. */
  function tempCopyClean(): string {
    const copy = tempWorkspace({});
    fs.cpSync(repo.dir, copy, { recursive: true });
    git(copy, ['checkout', '-q', '--', '.']);
    return copy;
  }
});
