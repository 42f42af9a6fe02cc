import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { CODE_DESCRIPTIONS, DEFAULT_SEVERITY } from '../../server/src/core/diagnostics/diagnostics';
import { DIAGNOSTIC_CODES } from '../../server/src/core/types';
import { configSchema, DEFAULT_CONFIG } from '../../server/src/core/workspace/config';
import { syncedSettings, type SettingSchema } from '../../server/src/core/workspace/settings';

/**
 * One list of diagnostic codes (`DIAGNOSTIC_CODES`) and one list of settings (package.json) feed everything else; these
 * tests keep the copies that cannot import them in sync: the editor's severity setting, the client's settings list,
 * the README's tables.
 */

const root = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, SettingSchema> } };
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

  it('package.json is what `npm run sync:package` writes: the codes, categories and severity values come from the code', () => {
    assert.equal(JSON.stringify(syncedSettings(settings), null, 2), JSON.stringify(settings, null, 2), 'run `npm run sync:package`');
  });

  it('every setting is a key of the config schema, of its type, with its default and within its bounds', () => {
    for (const [key, setting] of Object.entries(settings)) {
      if (key === 'specClarifier.trace.server') continue;
      const parts = key.slice('specClarifier.'.length).split('.');
      let schema: z.ZodType | undefined = configSchema;
      let fallback: unknown = DEFAULT_CONFIG;
      for (const part of parts) {
        schema = (schema as unknown as { shape?: Record<string, z.ZodType> }).shape?.[part];
        schema = schema && 'unwrap' in schema && typeof schema.unwrap === 'function' ? (schema.unwrap() as z.ZodType) : schema;
        fallback = (fallback as Record<string, unknown> | undefined)?.[part];
      }
      assert.ok(schema, `${key}: not a key of .clarifier.json (config.ts)`);
      const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as SettingSchema & { minimum?: number; maximum?: number; exclusiveMinimum?: number };
      assert.equal(setting.type, json.type, `${key}: type`);
      if (json.enum) assert.deepEqual(setting.enum, json.enum, `${key}: values`);
      if ('default' in setting) assert.deepEqual(setting['default'], fallback, `${key}: default (DEFAULT_CONFIG)`);
      // Every value the editor offers is one the config accepts.
      const min = setting['minimum'] as number | undefined;
      const max = setting['maximum'] as number | undefined;
      if (json.minimum !== undefined) assert.ok(min !== undefined && min >= json.minimum, `${key}: minimum ${min} (config: ${json.minimum})`);
      if (json.exclusiveMinimum !== undefined) assert.ok(min !== undefined && min > json.exclusiveMinimum, `${key}: minimum ${min} (config: > ${json.exclusiveMinimum})`);
      if (json.maximum !== undefined) assert.ok(max !== undefined && max <= json.maximum, `${key}: maximum ${max} (config: ${json.maximum})`);
    }
  });

  it('the README and docs/formats.md tables of codes give each code its default severity', () => {
    for (const doc of ['README.md', 'docs/formats.md']) {
      const text = fs.readFileSync(path.join(root, doc), 'utf8');
      let rows = 0;
      for (const [, codes, defaults] of text.matchAll(/^\| (`[a-z-]+\.[a-z*-]+`(?:, `[a-z-]+\.[a-z*-]+`)*) \| ([a-z ,/]+) \|/gm)) {
        const named = [...codes!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
        const listed = defaults!.split(/,|\//).map((x) => x.trim());
        if (!listed.every((x) => ['error', 'warning', 'info', 'hint'].includes(x))) continue;
        rows++;
        named.forEach((code, i) => {
          const codesOf = code.endsWith('.*') ? DIAGNOSTIC_CODES.filter((c) => c.startsWith(code.slice(0, -1))) : [code];
          assert.ok(codesOf.length, `${doc}: ${code} is no code`);
          // One default for all, or one per code in order (`warning, info`); a family's `warning / info` names its default.
          for (const c of codesOf) assert.ok(listed.length === named.length ? listed[i] === DEFAULT_SEVERITY[c as keyof typeof DEFAULT_SEVERITY] : listed.includes(DEFAULT_SEVERITY[c as keyof typeof DEFAULT_SEVERITY]), `${doc}: ${c} is ${DEFAULT_SEVERITY[c as keyof typeof DEFAULT_SEVERITY]} by default, the table says ${defaults}`);
        });
      }
      assert.ok(rows >= 4, `${doc}: the table of codes was not found`);
    }
  });

  it('the README names every diagnostic code (a family may be named as `prefix.*`)', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const missing = DIAGNOSTIC_CODES.filter((code) => !readme.includes(`\`${code}\``) && !readme.includes(`\`${code.split('.')[0]}.*\``));
    assert.deepEqual(missing, []);
  });
});
