import * as fs from 'node:fs';
import * as path from 'node:path';
import { conflictsOf, prevailing } from '../server/src/core/analysis/typecheck/conflicts';
import { loadWorkspace } from '../server/src/io/workspace';

/**
 * `npm run eval:conflicts [-- DIR…]`: precision and recall of the spec type checker [^tc2c] on the planted set in
 * test/fixtures/typecheck: every folder there is a workspace; its `expected.json` lists the planted conflicts (kind and
 * the two clause ids), a folder without one expects none (the IETF and spec-kit false-positive checks). A found
 * conflict is a true positive when a planted one has its kind and its two clauses (in either order).
 *
 * Each DIR given (a real repository, the Model Spec) is checked too: the conflicts found are listed, one per line with
 * both places, for a reader to judge by hand. Nothing is written.
 */

const root = path.resolve(__dirname, '../..');
const fixtures = path.join(root, 'test/fixtures/typecheck');

interface Planted {
  kind: string;
  clauses: [string, string];
}

async function main(): Promise<void> {
  let tp = 0;
  let fp = 0;
  let planted = 0;
  let found = 0;
  for (const name of fs.readdirSync(fixtures).sort()) {
    const dir = path.join(fixtures, name);
    if (!fs.statSync(dir).isDirectory()) continue;
    const expectedFile = path.join(dir, 'expected.json');
    const expected: Planted[] = fs.existsSync(expectedFile) ? (JSON.parse(fs.readFileSync(expectedFile, 'utf8')) as { conflicts: Planted[] }).conflicts : [];
    const ws = await loadWorkspace(dir);
    const conflicts = conflictsOf(ws.index.model());
    const matched = new Set<number>();
    const wrong: string[] = [];
    for (const c of conflicts) {
      const i = expected.findIndex((e, j) => !matched.has(j) && e.kind === c.kind && sameSet(e.clauses, [c.a.clauseId, c.b.clauseId]));
      if (i >= 0) matched.add(i);
      else wrong.push(`  false positive: ${c.kind} ${where(c.a)} / ${where(c.b)}: ${c.detail}`);
    }
    const missed = expected.filter((_, j) => !matched.has(j)).map((e) => `  missed: ${e.kind} ${e.clauses.join(' / ')}`);
    tp += matched.size;
    fp += wrong.length;
    planted += expected.length;
    found += conflicts.length;
    console.log(`${name}: ${conflicts.length} found, ${expected.length} planted, ${matched.size} matched`);
    for (const line of [...wrong, ...missed]) console.log(line);
  }
  const precision = found ? tp / found : 1;
  const recall = planted ? tp / planted : 1;
  console.log(`\nplanted set: precision ${(precision * 100).toFixed(1)}% (${tp}/${found}), recall ${(recall * 100).toFixed(1)}% (${tp}/${planted}), ${fp} false positives`);

  for (const dir of process.argv.slice(2)) {
    const started = process.hrtime.bigint();
    const ws = await loadWorkspace(path.resolve(dir));
    const model = ws.index.model();
    let statements = 0;
    let definitions = 0;
    for (const f of model.specFiles) {
      statements += model.specs.get(f)?.typecheck?.statements.length ?? 0;
      definitions += model.specs.get(f)?.typecheck?.definitions.length ?? 0;
    }
    const conflicts = conflictsOf(model);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    console.log(`\n${dir}: ${model.specFiles.length} spec files, ${statements} normative statements, ${definitions} definitions, ${conflicts.length} conflicts (${ms.toFixed(0)} ms with loading)`);
    for (const c of conflicts) {
      const winner = prevailing(c, ws.config.authorities);
      console.log(`  ${c.kind}: ${where(c.a)} “${c.a.text}”\n    vs ${where(c.b)} “${c.b.text}”\n    ${c.detail}${winner ? `; ${winner === 'a' ? where(c.a) : where(c.b)} prevails` : ''}`);
    }
  }
  if (precision < 1 || recall < 1) process.exitCode = 1;
}

function sameSet(a: readonly (string | undefined)[], b: readonly (string | undefined)[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x)) && b.every((x) => a.includes(x));
}

function where(p: { file: string; range: { start: { line: number } }; clauseId?: string }): string {
  return `${p.file}:${p.range.start.line + 1}${p.clauseId !== undefined ? ` (${p.clauseId})` : ''}`;
}

void main();
