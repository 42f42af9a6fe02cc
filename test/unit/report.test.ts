// Coverage has one definition for the status bar and the report [^cv3r]; every count is in words [^pl1u].
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { summarize } from '../../server/src/core/format/json';
import { toText } from '../../server/src/core/format/text';
import { coverageOf, coveragePercent, coverageReport, statusSummary } from '../../server/src/core/format/report';
import type { Diagnostic } from '../../server/src/core/types';
import { plural } from '../../server/src/core/text/words';
import { diagnosticsOf, memoryWorkspace, repoRoot } from '../helpers/workspace';

const FILES = {
  // `auth` is covered only through its footnote au3f; `audit` by nothing.
  'specs/auth.md': '# Auth {#auth authority=root}\n\nSessions expire[^au3f].\n\n## Passwords {#passwords authority=user}\n\nHash them.\n\n# Audit {#audit authority=user}\n\nLog sign-ins.\n',
  'examples/au3f.md': 'Examples for [^au3f] in Auth:\n',
  'src/session.ts': '// [^au3f]\n// [^passwords]\n',
};

describe('coverage: the status bar and the report', () => {
  it('count the same clauses as covered, by the rule of clause.uncited (a clause inside counts)', () => {
    const model = memoryWorkspace(FILES).model();
    const coverage = coverageOf(model);
    assert.deepEqual(coverage, { clauses: 4, covered: 3 });
    assert.equal(coveragePercent(coverage), '75%');
    // The report says the same number…
    const report = coverageReport(model);
    assert.match(report, /^4 clauses in 1 spec file; 3 covered by code or tests \(cited, or a clause inside is\): 75%;/m);
    assert.match(report, /^\| \*\*total\*\* \| 4 \| 3 \| 75% \|/m);
    // …and the status bar too.
    const status = statusSummary({ ...coverage, citations: model.citations.length, errors: 0, warnings: 0 });
    assert.equal(status.text, '4 clauses · 75% covered');
    // The report's uncovered clauses are exactly the clause.uncited diagnostics.
    const uncovered = [...report.matchAll(/^\| `(\w+)` \|.*\| no \|/gm)].map((m) => m[1]);
    assert.deepEqual(uncovered, diagnosticsOf(memoryWorkspace(FILES)).filter((d) => d.code === 'clause.uncited').map((d) => d.data?.['id']));
    assert.deepEqual(uncovered, ['audit']);
  });

  it('agree on the real-world shape of many folders: the status sums what each report counts', () => {
    const a = memoryWorkspace(FILES).model();
    const b = memoryWorkspace({ 'spec.md': '# One {#one}\n\nx[^f1] y[^f2]\n', 'src/a.ts': '// [^f1]\n' }).model();
    const sum = { clauses: coverageOf(a).clauses + coverageOf(b).clauses, covered: coverageOf(a).covered + coverageOf(b).covered };
    assert.deepEqual(sum, { clauses: 7, covered: 5 });
    assert.match(coverageReport(b), /^3 clauses in 1 spec file; 2 covered by code or tests \(cited, or a clause inside is\): 67%;/m);
    assert.equal(statusSummary({ ...sum, citations: 3, errors: 1, warnings: 1 }).text, '7 clauses · 71% covered');
  });

  it('say "No clauses" and "—" rather than 0% of nothing', () => {
    assert.equal(coveragePercent({ clauses: 0, covered: 0 }), '—');
    assert.equal(statusSummary({ clauses: 0, covered: 0, citations: 0, errors: 0, warnings: 0 }).text, 'No clauses');
  });
});

describe('counts in words', () => {
  it('one is singular, everything else plural', () => {
    assert.equal(plural(1, 'error'), '1 error');
    assert.equal(plural(0, 'error'), '0 errors');
    assert.equal(plural(2, 'spec file'), '2 spec files');
    assert.equal(plural(1, 'child', 'children'), '1 child');
  });

  it('the status bar tooltip, the report and the CLI summary say "1 error", "1 clause", "1 spec file"', () => {
    const tooltip = statusSummary({ clauses: 1, covered: 1, citations: 1, errors: 1, warnings: 1 }).tooltip;
    assert.match(tooltip, /1 clause, 1 covered/);
    assert.match(tooltip, /1 citation\./);
    assert.match(tooltip, /1 error, 1 warning\./);
    const ws = memoryWorkspace({ 'spec.md': '# One {#one}\n\nText.\n', 'src/a.ts': '// [^one] [^nope]\n' });
    assert.match(coverageReport(ws.model()), /^1 clause in 1 spec file; 1 covered .*; 2 citations in 1 source file; 0 example files present, 0 missing\.$/m);
    const diagnostics: Diagnostic[] = diagnosticsOf(ws);
    const text = toText(diagnostics, summarize(ws.model(), diagnostics), { color: false, showInfo: false });
    assert.match(text, /^1 clause \(1 heading, 0 footnote\) in 1 spec file; 2 citations \(2 code, 0 test\) in 1 source file; 1 error, 0 warnings, 0 infos$/m);
  });

  it('with no clause anywhere the summary says the citations were not checked [^dg9n]', () => {
    const ws = memoryWorkspace({ 'README.md': '# Parser\n\nReads Markdown.\n', 'src/a.ts': '// Footnote references ([^label]) and definitions ([^label]: text)\n' });
    const diagnostics: Diagnostic[] = diagnosticsOf(ws);
    const text = toText(diagnostics, summarize(ws.model(), diagnostics), { color: false, showInfo: false });
    assert.match(text, /^0 clauses .* 2 citations .* 0 errors, 0 warnings, 0 infos\n\(no spec here declares a clause, so the 2 citations were not checked; `include` in \.clarifier\.json says where specs are\)$/m);
    const one = memoryWorkspace({ 'README.md': '# Parser\n', 'src/a.ts': '// [^label]\n' });
    const d1: Diagnostic[] = diagnosticsOf(one);
    assert.match(toText(d1, summarize(one.model(), d1), { color: false, showInfo: false }), /so the citation was not checked/);
  });

  it('no user-facing message builds its own plural: every count goes through plural()', () => {
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name.endsWith('.ts')) {
          fs.readFileSync(full, 'utf8').split('\n').forEach((line, i) => {
            // `n === 1 ? '' : 's'` by hand, or a number followed by a plural noun in a template.
            if (/=== 1 \? '' : 's'/.test(line) || /\$\{[^}]+\} (errors|warnings|clauses|citations|files|spec files|source files|tests|implementations)\b/.test(line)) {
              offenders.push(`${path.relative(repoRoot, full)}:${i + 1}: ${line.trim()}`);
            }
          });
        }
      }
    };
    for (const dir of ['server/src', 'client/src']) walk(path.join(repoRoot, dir));
    // The LLM prompt is not a message to the user, and its text is part of the cache key: it stays as it is.
    assert.deepEqual(offenders.filter((o) => !o.startsWith('server/src/core/analysis/ambiguity/llm.ts')), []);
  });
});
