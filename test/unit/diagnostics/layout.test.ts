// The layout of core/diagnostics (ARCHITECTURE.md, invariant 16): one rule per file; every code has a rule file, a
// test, a description and a default severity, all in one table (core/diagnostics/codes.ts).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CODES, DIAGNOSTIC_CODES } from '../../../server/src/core/diagnostics/codes';
import { repoRoot } from '../../helpers/workspace';

const core = path.join(repoRoot, 'server/src/core');
const rulesDir = path.join(core, 'diagnostics/rules');
const read = (file: string): string => fs.readFileSync(file, 'utf8');
/** A code as a rule writes it: literally, or as its family's template (`ambiguity.${hit.category}`). */
const makes = (source: string, code: string): boolean => source.includes(`'${code}'`) || source.includes(`\`${code.split('.')[0]}.\${`);
/** A code as a test names it: literally, or escaped in a regular expression. */
const names = (source: string, code: string): boolean => source.includes(code) || source.includes(code.replace('.', '\\.'));

describe('diagnostics layout: one rule per file, every code in one table', () => {
  it('every code has a default severity, a description, a rule file that makes it and a test that names it', () => {
    for (const code of DIAGNOSTIC_CODES) {
      const info = CODES[code];
      assert.ok(['error', 'warning', 'info', 'hint'].includes(info.severity), `${code}: severity`);
      assert.ok(info.description.length > 10, `${code}: description`);
      const rule = path.join(core, info.rule);
      assert.ok(fs.existsSync(rule), `${code}: no rule file ${info.rule}`);
      assert.ok(makes(read(rule), code), `${code}: ${info.rule} does not make it`);
      const test = path.join(repoRoot, info.test);
      assert.ok(fs.existsSync(test), `${code}: no test ${info.test}`);
      assert.ok(names(read(test), code), `${code}: ${info.test} does not name it`);
    }
  });

  it('each file of diagnostics/rules is the rule of some code and has its test beside the others', () => {
    const rules = fs.readdirSync(rulesDir).filter((f) => f.endsWith('.ts'));
    const claimed = new Set<string>(DIAGNOSTIC_CODES.map((c) => CODES[c].rule));
    for (const file of rules) {
      const rule = `diagnostics/rules/${file}`;
      assert.ok(claimed.has(rule), `${rule} is the rule of no code in codes.ts`);
      for (const code of DIAGNOSTIC_CODES.filter((c) => CODES[c].rule === rule)) {
        assert.equal(CODES[code].test, `test/unit/diagnostics/${file.replace(/\.ts$/, '.test.ts')}`, `${code}: its test`);
      }
    }
    const tests = fs.readdirSync(path.join(repoRoot, 'test/unit/diagnostics')).filter((f) => f.endsWith('.test.ts'));
    const ofRules = new Set(rules.map((f) => f.replace(/\.ts$/, '.test.ts')));
    assert.deepEqual(tests.filter((t) => !ofRules.has(t)).sort(), ['diagnostics.test.ts', 'layout.test.ts'], 'a test of test/unit/diagnostics without its rule');
  });

  it('a rule file makes only the codes the table gives it', () => {
    for (const file of fs.readdirSync(rulesDir).filter((f) => f.endsWith('.ts'))) {
      const source = read(path.join(rulesDir, file));
      for (const code of DIAGNOSTIC_CODES) {
        if (source.includes(`code: '${code}'`) || source.includes(`'${code}' as const`)) assert.equal(CODES[code].rule, `diagnostics/rules/${file}`, `${file} makes ${code}`);
      }
    }
  });
});
