// Writes into package.json's contributes.configuration the lists the code defines (the diagnostic codes, the ambiguity
// categories, the severity values): see server/src/core/workspace/settings.ts. Run after `tsc -b` (npm run sync:package).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { syncedSettings } = require('../out/server/src/core/workspace/settings.js');
const file = new URL('../package.json', import.meta.url);
const text = readFileSync(file, 'utf8');
const pkg = JSON.parse(text);
pkg.contributes.configuration.properties = syncedSettings(pkg.contributes.configuration.properties);
const synced = `${JSON.stringify(pkg, null, 2)}\n`;
if (synced === text) console.log('package.json: in sync');
else {
  writeFileSync(file, synced);
  console.log('package.json: contributes.configuration written from the code');
}
