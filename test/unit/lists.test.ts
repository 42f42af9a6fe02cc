import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CODE_DESCRIPTIONS, DEFAULT_SEVERITY } from '../../server/src/core/diagnostics/diagnostics';
import { DIAGNOSTIC_CODES } from '../../server/src/core/types';

/**
 * One list of diagnostic codes (`DIAGNOSTIC_CODES`) and one list of settings (package.json) feed everything else; these
 * tests keep the copies that cannot import them in sync: the editor's severity setting, the client's settings list,
 * the README's tables.
 */

const root = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, { properties?: Record<string, unknown> }> } };
};
const settings = pkg.contributes.configuration.properties;
const sorted = (xs: Iterable<string>): string[] => [...xs].sort();

describe('one list of codes and settings', () => {
  it('the editor setting specClarifier.severity accepts exactly the diagnostic codes', () => {
    const keys = Object.keys(settings['specClarifier.severity']?.properties ?? {});
    assert.deepEqual(sorted(keys), sorted(DIAGNOSTIC_CODES));
  });

  it('every code has a default severity and a description', () => {
    for (const code of DIAGNOSTIC_CODES) {
      assert.ok(DEFAULT_SEVERITY[code], `${code}: no default severity`);
      assert.ok(CODE_DESCRIPTIONS[code], `${code}: no description`);
    }
  });

  it('the client forwards every setting package.json declares (the trace setting is the client’s own)', () => {
    const source = fs.readFileSync(path.join(root, 'client/src/extension.ts'), 'utf8');
    const list = /const SETTING_KEYS = \[([^\]]*)\]/.exec(source);
    assert.ok(list, 'SETTING_KEYS not found in client/src/extension.ts');
    const forwarded = [...list[1]!.matchAll(/'([^']+)'/g)].map((m) => m[1]!);
    const declared = Object.keys(settings)
      .filter((k) => k !== 'specClarifier.trace.server')
      .map((k) => k.slice('specClarifier.'.length));
    assert.deepEqual(sorted(forwarded), sorted(declared));
  });

  it('the README names every diagnostic code (a family may be named as `prefix.*`)', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const missing = DIAGNOSTIC_CODES.filter((code) => !readme.includes(`\`${code}\``) && !readme.includes(`\`${code.split('.')[0]}.*\``));
    assert.deepEqual(missing, []);
  });
});
