// existingExampleOf answers exampleOf's `exists` without computing an answer for clauses that cannot have an example
// file (no definition, no file named like it): the same path, or none, for every clause [^example_files].
import * as assert from 'node:assert/strict';
import { memoryWorkspace } from '../helpers/workspace';

const SPEC = [
  '# Spec {#s}',
  '',
  'One[^ex1], two[^ex2], three[^ex3], four[^ex4], five[^ex5], six[^up], seven[^def1], eight[^def2], nine[^classic].',
  '',
  '[^def1]: examples/elsewhere.md',
  '[^def2]: ../../outside.md',
  '[^classic]: See RFC 9110.',
  '',
].join('\n');

describe('existingExampleOf is exampleOf(…).exists [^example_files]', () => {
  for (const examples of ['examples/{id}.md', 'ex-{id}.md', 'examples/{id}.txt', 'docs/examples/{id}.example.md']) {
    it(`examples: ${examples}`, () => {
      const at = (folder: string, id: string): string => `${folder ? `${folder}/` : ''}${examples.replace('{id}', id)}`;
      const files = {
        'specs/a.md': SPEC,
        'specs/sub/b.md': SPEC.replace('{#s}', '{#t}').replace(/\[\^(ex\d|up|def\d|classic)\]/g, '[^b_$1]'),
        [at('specs', 'ex1')]: 'Example of [^ex1].\n',
        [at('', 'ex2')]: 'Example of [^ex2].\n',
        [at('specs/sub', 'b_ex1')]: 'Example.\n',
        [at('elsewhere', 'ex3')]: 'Not beside the spec.\n',
        'specs/examples/elsewhere.md': 'The target of a definition.\n',
        'ex4.md': null,
        'src/x.ts': '// [^ex1] [^ex5]\n',
      };
      // Asked first of a fresh model (nothing remembered), the reference from another.
      const model = memoryWorkspace(files, { examples }).model();
      const reference = memoryWorkspace(files, { examples }).model();
      const footnotes = model.clauses.filter((c) => c.kind === 'footnote');
      assert.ok(footnotes.length >= 16, `${footnotes.length} footnote clauses`);
      const expected = reference.clauses.map((clause) => {
        const info = reference.exampleOf(clause);
        return info?.exists ? info.path : undefined;
      });
      model.clauses.forEach((clause, i) => assert.equal(model.existingExampleOf(clause), expected[i], `${clause.file}: ${clause.id}`));
      // Asked again, after exampleOf has remembered its answers: the same.
      model.clauses.forEach((clause) => model.exampleOf(clause));
      model.clauses.forEach((clause, i) => assert.equal(model.existingExampleOf(clause), expected[i], `${clause.file}: ${clause.id}, again`));
      const existing = expected.filter((e) => e !== undefined).length;
      assert.ok(existing >= 2, `${existing} clauses with an example file`);
    });
  }
});
