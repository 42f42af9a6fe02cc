// Doc comments stay on what they document (ARCHITECTURE.md, invariant 17): a `/** … */` block followed directly by
// another one is orphaned — an editor's hover, the TypeScript declaration output and a reader all attach only the
// second to the declaration below. Moves of code left eleven such blocks behind before this test existed.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../helpers/workspace';

function sources(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) sources(p, out);
    else if (entry.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** The 1-based lines where a doc comment ends and the next line opens another one. */
export function orphanedDocComments(text: string): number[] {
  const lines: number[] = [];
  for (const m of text.matchAll(/\*\/[ \t]*\r?\n[ \t]*\/\*\*/g)) lines.push(text.slice(0, m.index).split('\n').length);
  return lines;
}

describe('doc comments stay on what they document', () => {
  it('finds a doc comment followed by another, and not one followed by its declaration', () => {
    assert.deepEqual(orphanedDocComments('/** a */\nconst a = 1;\n/** b */\nfunction b() {}\n'), []);
    assert.deepEqual(orphanedDocComments('const x = 0;\n/** a */\n/** b */\nfunction b() {}\n'), [2]);
    assert.deepEqual(orphanedDocComments('/**\n * a\n */\n  /** b */\n'), [3]);
  });

  it('no doc comment in server/src, client/src, bench or test/helpers is left without its declaration', () => {
    const found: string[] = [];
    for (const dir of ['server/src', 'client/src', 'bench', 'test/helpers']) {
      const root = path.join(repoRoot, dir);
      if (!fs.existsSync(root)) continue;
      for (const file of sources(root)) {
        for (const line of orphanedDocComments(fs.readFileSync(file, 'utf8'))) found.push(`${path.relative(repoRoot, file)}:${line}`);
      }
    }
    assert.deepEqual(found, []);
  });
});
