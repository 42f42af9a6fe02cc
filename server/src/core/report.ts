import type { IndexModel } from './index';
import type { Clause } from './types';

/**
 * `clarify report`: a Markdown coverage report. Per clause: authority, code and test citations, example present;
 * totals per authority and per spec file. The editor's "Show coverage report" renders the same text. [^cl7r]
 */

interface Row {
  clause: Clause;
  code: number;
  test: number;
  example: 'yes' | 'missing' | '—';
}

interface Totals {
  clauses: number;
  cited: number;
  code: number;
  test: number;
  examples: number;
  missingExamples: number;
}

const percent = (part: number, whole: number): string => (whole === 0 ? '—' : `${Math.round((100 * part) / whole)}%`);
/** Table cells must not break the table. */
const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();

export function coverageReport(model: IndexModel, options: { title?: string } = {}): string {
  const rows: Row[] = model.clauses.map((clause) => {
    const citations = model.citationsOf(clause);
    const test = citations.filter((c) => c.kind === 'test').length;
    const example = model.exampleOf(clause);
    return {
      clause,
      code: citations.length - test,
      test,
      example: !example || !example.expected ? (example?.exists ? 'yes' : '—') : example.exists ? 'yes' : 'missing',
    };
  });
  const empty = (): Totals => ({ clauses: 0, cited: 0, code: 0, test: 0, examples: 0, missingExamples: 0 });
  const add = (t: Totals, r: Row): void => {
    t.clauses++;
    if (r.code + r.test > 0) t.cited++;
    t.code += r.code;
    t.test += r.test;
    if (r.example === 'yes') t.examples++;
    if (r.example === 'missing') t.missingExamples++;
  };
  const all = empty();
  const byAuthority = new Map<string, Totals>();
  const byFile = new Map<string, Totals>();
  for (const r of rows) {
    add(all, r);
    const authority = r.clause.authority ?? '(none)';
    if (!byAuthority.has(authority)) byAuthority.set(authority, empty());
    add(byAuthority.get(authority)!, r);
    if (!byFile.has(r.clause.file)) byFile.set(r.clause.file, empty());
    add(byFile.get(r.clause.file)!, r);
  }

  const out: string[] = [];
  out.push(`# ${options.title ?? 'Spec coverage'}`, '');
  out.push(
    `${all.clauses} clauses in ${model.specFiles.length} spec files; ${all.cited} cited by code or tests (${percent(all.cited, all.clauses)}); ` +
      `${model.citations.length} citations in ${model.codeFiles.length} source files; ${all.examples} example files present, ${all.missingExamples} missing.`,
    '',
  );
  const totalsTable = (heading: string, key: string, map: Map<string, Totals>): void => {
    out.push(`## ${heading}`, '');
    out.push(`| ${key} | clauses | cited | coverage | code citations | test citations | examples | missing examples |`);
    out.push('|---|---:|---:|---:|---:|---:|---:|---:|');
    for (const [name, t] of [...map].sort((a, b) => b[1].clauses - a[1].clauses || (a[0] < b[0] ? -1 : 1))) {
      out.push(`| ${cell(name)} | ${t.clauses} | ${t.cited} | ${percent(t.cited, t.clauses)} | ${t.code} | ${t.test} | ${t.examples} | ${t.missingExamples} |`);
    }
    out.push(`| **total** | ${all.clauses} | ${all.cited} | ${percent(all.cited, all.clauses)} | ${all.code} | ${all.test} | ${all.examples} | ${all.missingExamples} |`, '');
  };
  totalsTable('By authority', 'authority', byAuthority);
  totalsTable('By spec file', 'spec file', byFile);

  out.push('## Clauses', '');
  out.push('| clause | kind | authority | title | code | tests | example | where |');
  out.push('|---|---|---|---|---:|---:|---|---|');
  for (const r of rows) {
    const c = r.clause;
    out.push(
      `| \`${c.id}\` | ${c.kind} | ${c.authority ?? '—'} | ${cell(c.title)} | ${r.code} | ${r.test} | ${r.example} | ${cell(c.file)}:${c.range.start.line + 1}${scopeCell(model, c.file)} |`,
    );
  }
  out.push('');
  return out.join('\n');
}

/** The scope of a clause outside the workspace scope, as the report shows it [^sc5p]. */
function scopeCell(model: IndexModel, file: string): string {
  const s = model.scopeOf(file);
  return s.kind === 'workspace' ? '' : ` (${s.kind} ${cell(s.path)}, cited as \`[^${cell(s.name)}:id]\`)`;
}
