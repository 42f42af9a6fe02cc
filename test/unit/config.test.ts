// Configuration [^cf2v] and which files are specs [^sf4k].
import * as assert from 'node:assert/strict';
import { DEFAULT_CONFIG, parseConfigText, PathClassifier } from '../../server/src/core/config';

describe('config', () => {
  it('defaults when there is no file', () => {
    const { config, problems } = parseConfigText('{}');
    assert.deepEqual(problems, []);
    assert.deepEqual(config.include, ['**/*.md']);
    assert.ok(config.authorities.includes('platform') && config.authorities.includes('root'));
  });

  it('merges valid keys and reports invalid ones without dropping the valid rest', () => {
    const { config, problems } = parseConfigText(
      JSON.stringify({ exclude: ['fixtures/**'], include: 'nope', examples: 'ex/{id}.md', severity: { 'clause.uncited': 'off', 'bogus.code': 'error' } }),
    );
    assert.deepEqual(config.exclude, ['fixtures/**']);
    assert.deepEqual(config.include, DEFAULT_CONFIG.include);
    assert.equal(config.examples, 'ex/{id}.md');
    assert.equal(config.severity['clause.uncited'], 'off');
    assert.equal(problems.length, 2);
    assert.match(problems.join('\n'), /include/);
    assert.match(problems.join('\n'), /bogus\.code: unknown diagnostic code/);
  });

  it('rejects examples patterns that leave the workspace or lack {id}', () => {
    assert.equal(parseConfigText('{"examples":"../x/{id}.md"}').problems.length, 1);
    assert.equal(parseConfigText('{"examples":"x.md"}').problems.length, 1);
  });

  it('reports invalid JSON and non-objects', () => {
    assert.match(parseConfigText('{').problems[0]!, /not valid JSON/);
    assert.match(parseConfigText('[]').problems[0]!, /JSON object/);
  });

  it('classifies paths', () => {
    const c = new PathClassifier({ ...DEFAULT_CONFIG, exclude: ['vendor/**'] }, (p) => p.endsWith('.ts'));
    assert.equal(c.role('specs/a.md'), 'spec');
    assert.equal(c.role('examples/ab12.md'), 'example');
    assert.equal(c.role('specs/examples/ab12.md'), 'example');
    assert.equal(c.role('src/a.ts'), 'code');
    assert.equal(c.role('vendor/a.md'), 'other');
    assert.equal(c.role('.clarifier.json'), 'config');
    assert.equal(c.role('image.png'), 'other');
    assert.equal(c.exampleIdOf('specs/examples/ab12.md'), 'ab12');
    assert.equal(c.examplePathIn('specs', 'x'), 'specs/examples/x.md');
    assert.equal(c.exampleFolderIn(''), 'examples');
  });
});
