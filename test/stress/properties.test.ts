// Model-based property test at the size where the index keeps chunk caches (specs over 32 KB) and patches its model:
// typing anywhere in a big spec gives the same index as a fresh build. See test/unit/properties.test.ts.
import * as assert from 'node:assert/strict';
import type * as FastCheck from 'fast-check';
import { indexView } from '../helpers/indexView';
import { memoryWorkspace } from '../helpers/workspace';

let fc: typeof FastCheck | undefined;
try {
  fc = require('fast-check') as typeof FastCheck; // eslint-disable-line @typescript-eslint/no-require-imports
} catch {
  fc = undefined;
}

describe('stress, property-based: typing in a big spec equals a fresh build', function () {
  this.timeout(240_000);
  before(function () {
    if (!fc) {
      console.log('    fast-check is not installed (npm install -D fast-check@^4): skipped');
      this.skip();
    }
  });

  it('random edits anywhere (chunked parsing, patched model) give the same clauses, citations and diagnostics', () => {
    const sections = Array.from({ length: 400 }, (_, i) => `${i % 3 ? '#' : '##'} Section ${i} {#s${i} authority=${i % 2 ? 'root' : 'user'}}\n\nText[^f${i % 40}] that must be fast, etc. See [s](#s${(i * 7) % 400}).\n\n`).join('');
    const big = `# Big {#big}\n\n${sections}`;
    assert.ok(big.length > 32 * 1024, 'big enough for chunk caches');
    const code = '// [^s1] [^f2] [^nope]\n';
    const pieces = fc!.constantFrom('x', ' quickly', '[^f1]', '[^new1]', '\n\n## Inserted {#ins authority=root}\n\n', '{#s3}', '\n# Top {#top}\n', '](#s1)', '\n\n', '`', '```\n', '[x]: /y\n', '<!-- clarifier-disable-next-line -->\n');
    fc!.assert(
      fc!.property(fc!.array(fc!.record({ at: fc!.nat(), piece: pieces, del: fc!.nat({ max: 8 }) }), { minLength: 1, maxLength: 12 }), (edits) => {
        let text = big;
        const live = memoryWorkspace({ 'specs/big.md': text, 'src/a.ts': code });
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          text = text.slice(0, at) + e.piece + text.slice(Math.min(text.length, at + e.del));
          live.updateFile('specs/big.md', text);
          live.model();
          live.takeChanges();
        }
        const fresh = memoryWorkspace({ 'specs/big.md': text, 'src/a.ts': code });
        assert.deepStrictEqual(JSON.parse(JSON.stringify(indexView(live))), JSON.parse(JSON.stringify(indexView(fresh))));
      }),
      { numRuns: 20 },
    );
  });
});
