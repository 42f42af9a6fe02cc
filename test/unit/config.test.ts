// Configuration [^cf2v] and which files are specs [^sf4k].
import * as assert from 'node:assert/strict';
import { DEFAULT_CONFIG, mergeConfig, parseConfigText, PathClassifier, validateOverrides } from '../../server/src/core/workspace/config';

describe('config', () => {
  it('defaults when there is no file', () => {
    const { config, problems } = parseConfigText('{}');
    assert.deepEqual(problems, []);
    assert.deepEqual(config.include, ['**/*.md', '**/.kiro/specs/**/*.md']);
    assert.ok(config.authorities.includes('platform') && config.authorities.includes('root'));
  });

  it('leaves out the Markdown of test data folders by default; a configured exclude replaces that', () => {
    const roles = (config = parseConfigText('{}').config): string[] =>
      ['tests/unit/data/page.md', 'test/fixtures/spec.md', 'pkg/testdata/golden.md', 'src/__snapshots__/a.md', 'tests/fixtures/helper.py', 'docs/data/spec.md', 'tests/guide.md'].map(
        (f) => `${f}:${new PathClassifier(config, (p) => p.endsWith('.py')).role(f)}`,
      );
    // Test data Markdown is no spec; code there is still read (it may cite clauses); a docs data folder is no test tree.
    assert.deepEqual(roles(), ['tests/unit/data/page.md:other', 'test/fixtures/spec.md:other', 'pkg/testdata/golden.md:other', 'src/__snapshots__/a.md:other', 'tests/fixtures/helper.py:code', 'docs/data/spec.md:spec', 'tests/guide.md:spec']);
    assert.ok(roles(parseConfigText('{"exclude":["build/**"]}').config)[0]!.endsWith(':spec'));
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

  it('reads the ambiguity and llm sections; refuses an API key without echoing it', () => {
    const { config, problems } = parseConfigText(
      JSON.stringify({
        ambiguity: { categories: { quantity: 'off' }, glossary: ['fast path'], addTerms: [{ term: 'snappy', category: 'vague' }] },
        llm: { enabled: true, model: 'llama3.1', baseURL: 'http://127.0.0.1:11434/v1' },
        apiKey: 'sk-secret-123',
      }),
    );
    assert.equal(config.ambiguity.enabled, true);
    assert.equal(config.ambiguity.categories.quantity, 'off');
    assert.deepEqual(config.ambiguity.glossary, ['fast path']);
    assert.deepEqual(config.ambiguity.normativeAuthorities, ['root', 'platform', 'system']);
    assert.deepEqual(config.llm, { enabled: true, model: 'llama3.1', baseURL: 'http://127.0.0.1:11434/v1', timeoutSeconds: 60, concurrency: 2, conflicts: false, conflictPairs: 40 });
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /^apiKey: API keys never go in \.clarifier\.json/);
    assert.doesNotMatch(problems.join(' '), /sk-secret/);
    assert.match(parseConfigText('{"ambiguity":{"categories":{"nonsense":"off"}}}').problems[0]!, /ambiguity/);
  });

  it('editor overrides merge key by key over .clarifier.json', () => {
    const file = parseConfigText(JSON.stringify({ exclude: ['a/**'], ambiguity: { glossary: ['fast path'], terms: { appropriate: 'off' } } })).config;
    const { overrides, problems } = validateOverrides({ ambiguity: { enabled: false, terms: { secure: 'info' } }, exclude: 'nope', llm: { model: 'm' } });
    assert.deepEqual(problems, ['exclude: Invalid input: expected array, received string']);
    const merged = mergeConfig(file, overrides);
    assert.deepEqual(merged.exclude, ['a/**']);
    assert.equal(merged.ambiguity.enabled, false);
    assert.deepEqual(merged.ambiguity.glossary, ['fast path']);
    assert.deepEqual(merged.ambiguity.terms, { generally: 'off', 'attempt to': 'off', minimize: 'off', maximize: 'off', improved: 'off', appropriate: 'off', secure: 'info' });
    assert.equal(merged.llm.model, 'm');
    assert.equal(merged.llm.enabled, false);
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

  it('compiles the globs once per configuration, and again when a glob field of it was replaced', () => {
    const config = { ...DEFAULT_CONFIG, exclude: ['vendor/**'], testGlobs: ['**/*.spec.ts'] };
    const isSource = (p: string): boolean => p.endsWith('.ts');
    const first = new PathClassifier(config, isSource);
    const second = new PathClassifier(config, isSource);
    assert.equal(first.role('vendor/a.md'), 'other');
    assert.equal(second.role('vendor/a.md'), 'other');
    assert.equal(second.isTestPath('src/a.spec.ts'), true);
    config.exclude = ['other/**'];
    config.testGlobs = ['**/test_*.ts'];
    config.examples = 'samples/{id}.md';
    const third = new PathClassifier(config, isSource);
    assert.equal(third.role('vendor/a.md'), 'spec');
    assert.equal(third.role('other/a.md'), 'other');
    assert.equal(third.isTestPath('src/a.spec.ts'), false);
    assert.equal(third.isTestPath('src/test_a.ts'), true);
    assert.equal(third.exampleIdOf('samples/ab12.md'), 'ab12');
    assert.equal(third.role('examples/ab12.md'), 'spec');
  });
});
