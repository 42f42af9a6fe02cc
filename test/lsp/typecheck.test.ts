// The spec type checker over the protocol and the real CLI [^tc2c]: a conflict is published on both clauses with
// relatedInformation naming the other; an edit in one spec that creates a conflict republishes the other spec too; the
// CLI's text, JSON and SARIF name the other place, and --fail-on warning blocks.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { copyFixture, LspClient, uri } from './client';
import { runCli } from '../helpers/cli';

/* eslint-disable @typescript-eslint/no-explicit-any */

describe('type checker over LSP and the CLI', function () {
  let dir: string;
  let client: LspClient;
  const file = (rel: string): string => path.join(dir, rel);

  before(async () => {
    dir = copyFixture('typecheck/departments');
    client = new LspClient();
    await client.initialize(dir);
  });
  after(async () => client?.shutdown());

  it('publishes a conflict on both clauses, each with relatedInformation at the other', async () => {
    const ops = await client.diagnosticsFor(uri(file('specs/operations.md')), (d) => d.some((x: any) => x.code === 'conflict.numeric'));
    const sec = await client.diagnosticsFor(uri(file('specs/security.md')), (d) => d.some((x: any) => x.code === 'conflict.numeric'));
    const retention = ops.find((d: any) => d.code === 'conflict.numeric' && d.range.start.line === 4);
    assert.equal(retention.severity, 2);
    assert.deepEqual(retention.relatedInformation.map((r: any) => [r.location.uri, r.location.range.start.line]), [[uri(file('specs/security.md')), 4]]);
    const winner = sec.find((d: any) => d.code === 'conflict.numeric' && d.range.start.line === 4);
    assert.equal(winner.severity, 3, 'the clause that prevails gets an information');
    assert.deepEqual(winner.relatedInformation.map((r: any) => [r.location.uri, r.location.range.start.line]), [[uri(file('specs/operations.md')), 4]]);
  });

  it('an edit that creates a conflict in one spec republishes the other spec with it', async () => {
    const rel = 'specs/billing.md';
    const text = fs.readFileSync(file(rel), 'utf8');
    const u = client.open(file(rel), 'markdown');
    await client.diagnosticsFor(u);
    const edited = text.replace('Invoices MUST be kept for 7 years.', 'Invoices MUST be kept for 5 years.');
    client.notify('textDocument/didChange', { textDocument: { uri: u, version: 2 }, contentChanges: [{ text: edited }] });
    const ops = await client.diagnosticsFor(uri(file('specs/operations.md')), (d) => d.some((x: any) => x.code === 'conflict.numeric' && /5 years/.test(x.message)));
    const hit = ops.find((x: any) => /5 years/.test(x.message));
    assert.equal(hit.relatedInformation[0].location.uri, u);
  });

  it('the CLI names the other file and line in text, JSON and SARIF; --fail-on warning blocks', async () => {
    const root = copyFixture('typecheck/departments');
    const text = await runCli(['check', root, '--fail-on', 'warning']);
    assert.equal(text.code, 1, text.stderr);
    assert.match(text.stdout, /^specs\/operations\.md:5:1 warning conflict\.numeric Conflicts with `sec-logs` at specs\/security\.md:5: .*`sec-logs` prevails/m);
    assert.match(text.stdout, /^specs\/security\.md:5:1 note `sec-logs`: /m);
    const json = JSON.parse((await runCli(['check', root, '--format', 'json'])).stdout);
    const d = json.diagnostics.find((x: any) => x.code === 'conflict.numeric' && x.file === 'specs/operations.md' && x.line === 5);
    assert.deepEqual(d.related.map((r: any) => `${r.file}:${r.line}`), ['specs/security.md:5']);
    assert.deepEqual(d.data.other, { file: 'specs/security.md', line: 5, clauseId: 'sec-logs' });
    const sarif = JSON.parse((await runCli(['check', root, '--format', 'sarif'])).stdout);
    const result = sarif.runs[0].results.find((r: any) => r.ruleId === 'conflict.numeric' && r.locations[0].physicalLocation.artifactLocation.uri === 'specs/operations.md');
    assert.equal(result.relatedLocations[0].physicalLocation.artifactLocation.uri, 'specs/security.md');
    assert.ok(sarif.runs[0].tool.driver.rules.some((r: any) => r.id === 'conflict.definition'));
    const off = await runCli(['check', root, '--fail-on', 'warning']);
    assert.equal(off.code, 1);
    fs.writeFileSync(path.join(root, '.clarifier.json'), JSON.stringify({ severity: { 'conflict.modal': 'off', 'conflict.numeric': 'off', 'conflict.definition': 'off' } }));
    const silenced = await runCli(['check', root, '--format', 'json']);
    assert.deepEqual(JSON.parse(silenced.stdout).diagnostics.filter((x: any) => x.code.startsWith('conflict.')), []);
  });
});
