// test.missing (server/src/core/diagnostics/rules/missingTest.ts) [^tt3v].
import * as assert from 'node:assert/strict';
import { findings, shown } from '../../helpers/diagnostics';

const SPEC = `# Commands {#commands}

A command file MUST use the \`.md\` extension[^c1] and start with front matter[^c2]; its name is checked[^c3].

[^c1]: tests/test_files.py::test_extension
[^c2]: tests/test_files.py::test_front_matter
[^c3]: tests/test_names.py::test_prefix
`;

describe('rule test.missing', () => {
  it('a named test that its file does not define, and a test file that does not exist', () => {
    const found = findings({ 'specs/commands.md': SPEC, 'tests/test_files.py': 'def test_extension():\n    assert True\n' }, 'test.');
    assert.deepEqual(shown(found), [
      'test.missing@specs/commands.md:6 Missing test for `[^c2]`: tests/test_files.py defines no `test_front_matter` (named by `tests/test_files.py::test_front_matter`).',
      'test.missing@specs/commands.md:7 Missing test file for `[^c3]`: tests/test_names.py does not exist (named by `tests/test_names.py::test_prefix`).',
    ]);
    assert.equal(found[0]!.severity, 'warning');
    assert.deepEqual(found[1]!.data, { id: 'c3', target: 'tests/test_names.py::test_prefix', path: 'tests/test_names.py' });
  });

  it('tests that exist give none', () => {
    const tests = { 'tests/test_files.py': 'def test_extension():\n    pass\n\ndef test_front_matter():\n    pass\n', 'tests/test_names.py': 'def test_prefix():\n    pass\n' };
    assert.deepEqual(findings({ 'specs/commands.md': SPEC, ...tests }, 'test.'), []);
  });
});
