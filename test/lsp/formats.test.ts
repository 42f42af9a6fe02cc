// Language server round trips on a spec-kit repository shape: id scopes and formats [^sc5p] [^sk2m] [^sk1r].
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LspClient, positionOf, uri } from './client';

/* eslint-disable @typescript-eslint/no-explicit-any */

const spec = (feature: string, fr1: string): string => `# Feature Specification: ${feature}

**Feature Branch**: \`${feature}\`

## Requirements *(mandatory)*

### Functional Requirements

- **FR-001**: ${fr1}
- **FR-002**: System MUST log every attempt.
`;

describe('language server: spec-kit feature folders', function () {
  let dir: string;
  let client: LspClient;
  const file = (rel: string): string => path.join(dir, rel);

  before(async () => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'clarify-speckit-')));
    const files: Record<string, string> = {
      'specs/001-password-reset/spec.md': spec('001-password-reset', 'System MUST email a reset link.'),
      'specs/001-password-reset/tasks.md': '# Tasks\n\n- [ ] T001 Reset endpoint (FR-001)\n- [ ] T002 Audit log (FR-002, FR-007)\n',
      'specs/002-billing/spec.md': spec('002-billing', 'System MUST bill monthly.'),
      'specs/002-billing/tasks.md': '# Tasks\n\n- [ ] T001 Monthly job (FR-001)\n',
      'src/reset.ts': '// Sends the link [^001-password-reset:FR-001]\nexport const reset = 1;\n',
    };
    for (const [rel, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(file(rel)), { recursive: true });
      fs.writeFileSync(file(rel), text);
    }
    client = new LspClient();
    await client.initialize(dir);
  });
  after(async () => {
    await client.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('hover on FR-001 in a feature tasks.md shows that feature requirement and its scope', async () => {
    const rel = 'specs/002-billing/tasks.md';
    const u = client.open(file(rel), 'markdown');
    const hover = await client.request('textDocument/hover', { textDocument: { uri: u }, position: positionOf(fs.readFileSync(file(rel), 'utf8'), 'FR-001', 2) });
    const md: string = hover.contents.value;
    assert.match(md, /^\*\*Functional Requirements\*\* · `FR-001` · requirement/);
    assert.match(md, /> System MUST bill monthly\./);
    assert.match(md, /Scope: folder `specs\/002-billing` · cited from code as `\[\^002-billing:FR-001\]`/);
  });

  it('a qualified citation in code goes to its feature; unknown mentions are pushed; no duplicate across features', async () => {
    const u = client.open(file('src/reset.ts'), 'typescript');
    const defs = await client.request('textDocument/definition', { textDocument: { uri: u }, position: positionOf(fs.readFileSync(file('src/reset.ts'), 'utf8'), 'FR-001', 1) });
    assert.deepEqual(
      defs.map((l: any) => [l.uri, l.range.start.line]),
      [[uri(file('specs/001-password-reset/spec.md')), 8]],
    );
    const tasks = await client.diagnosticsFor(uri(file('specs/001-password-reset/tasks.md')), (d) => d.length > 0);
    assert.deepEqual(
      tasks.map((d: any) => [d.code, d.range.start.line, d.message]),
      [['reference.unknown-id', 3, '`FR-007` is not declared in specs/001-password-reset.']],
    );
    const specDiags = await client.diagnosticsFor(uri(file('specs/002-billing/spec.md')));
    assert.deepEqual(specDiags.filter((d: any) => d.code === 'clause.duplicate-id'), []);
  });
});
