import { DEFAULT_CONFIG, type ClarifierConfig } from '../workspace/config';
import type { IndexModel } from '../workspace/workspaceIndex';
import { conflictsOf, prevailing } from '../analysis/typecheck/conflicts';
import type { Clause } from '../types';
import { plural } from '../text/words';

/**
 * `clarify report`: a Markdown coverage report. Per clause: authority, code and test citations, example present;
 * totals per authority and per spec file. The editor's "Show coverage report" renders the same text. [^cl7r]
 */

interface Row {
  clause: Clause;
  code: number;
  test: number;
  /** Covered (`IndexModel.isCovered`): cited itself (`yes`), only through a clause inside it (`inside`), or not. */
  covered: 'yes' | 'inside' | 'no';
  example: 'yes' | 'missing' | '—';
}

interface Totals {
  clauses: number;
  covered: number;
  code: number;
  test: number;
  examples: number;
  missingExamples: number;
}

/**
 * Coverage, one definition for the status bar and the report [^cv3r]: a clause is covered when code or tests cite it,
 * or cite a clause inside it (`IndexModel.isCovered`, the rule of `clause.uncited`).
 */
export interface Coverage {
  clauses: number;
  covered: number;
}

export function coverageOf(model: IndexModel): Coverage {
  return { clauses: model.clauses.length, covered: model.coveredClauseCount() };
}

/** Covered clauses as a rounded percentage, `—` when there are no clauses. */
export function coveragePercent(c: Coverage): string {
  return percent(c.covered, c.clauses);
}

/** What the editor's status bar item shows: the totals of every workspace folder. */
export interface StatusCounts extends Coverage {
  citations: number;
  errors: number;
  warnings: number;
}

export function statusSummary(s: StatusCounts): { text: string; tooltip: string } {
  const coverage = coveragePercent(s);
  return {
    text: s.clauses ? `${plural(s.clauses, 'clause')} · ${coverage} covered` : 'No clauses',
    tooltip:
      `**Spec Clarifier**\n\n${plural(s.clauses, 'clause')}, ${s.covered} covered by code or tests (cited, or a clause inside is): ${coverage}. ` +
      `${plural(s.citations, 'citation')}.\n\n${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}.\n\nClick for the coverage report.`,
  };
}

const percent = (part: number, whole: number): string => (whole === 0 ? '—' : `${Math.round((100 * part) / whole)}%`);
/** Table cells must not break the table. */
const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();

/** The coverage facts both forms of the report are made of. */
interface Tables {
  rows: Row[];
  all: Totals;
  byAuthority: Map<string, Totals>;
  byFile: Map<string, Totals>;
  /** Spec files that declare clauses (a README without any is not a spec file) [^cl7r]. */
  specFiles: number;
}

const empty = (): Totals => ({ clauses: 0, covered: 0, code: 0, test: 0, examples: 0, missingExamples: 0 });
/** Most clauses first, then by name. */
const ordered = (map: Map<string, Totals>): [string, Totals][] => [...map].sort((a, b) => b[1].clauses - a[1].clauses || (a[0] < b[0] ? -1 : 1));

function tables(model: IndexModel): Tables {
  const rows: Row[] = model.clauses.map((clause) => {
    const citations = model.citationsOf(clause);
    const test = citations.filter((c) => c.kind === 'test').length;
    const example = model.exampleOf(clause);
    return {
      clause,
      code: citations.length - test,
      test,
      covered: citations.length > 0 ? 'yes' : model.isCovered(clause.id) ? 'inside' : 'no',
      example: !example || !example.expected ? (example?.exists ? 'yes' : '—') : example.exists ? 'yes' : 'missing',
    };
  });
  const add = (t: Totals, r: Row): void => {
    t.clauses++;
    if (r.covered !== 'no') t.covered++;
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
  return { rows, all, byAuthority, byFile, specFiles: byFile.size };
}

/**
 * `clarify report --format json`: the same facts as the Markdown report, as one object. Version 1 of this shape is a
 * contract (add fields, never rename or remove them); lines are 1-based [^cl7r]. Coverage is `covered / clauses` with
 * the one definition of coverage [^cv3r].
 */
export function coverageJson(model: IndexModel): object {
  const { rows, all, byAuthority, byFile, specFiles } = tables(model);
  const totals = (t: Totals): object => ({ ...t, coverage: t.clauses === 0 ? null : t.covered / t.clauses });
  return {
    version: 1,
    summary: { ...totals(all), specFiles, citations: model.citations.length, codeFiles: model.codeFiles.length },
    byAuthority: ordered(byAuthority).map(([authority, t]) => ({ authority, ...totals(t) })),
    byFile: ordered(byFile).map(([file, t]) => ({ file, ...totals(t) })),
    clauses: rows.map((r) => ({
      id: r.clause.id,
      kind: r.clause.kind,
      authority: r.clause.authority ?? null,
      title: r.clause.title,
      file: r.clause.file,
      line: r.clause.range.start.line + 1,
      code: r.code,
      test: r.test,
      covered: r.covered,
      example: r.example === 'yes' ? 'present' : r.example === 'missing' ? 'missing' : 'none',
    })),
  };
}

export function coverageReport(model: IndexModel, options: { title?: string; config?: ClarifierConfig } = {}): string {
  const { rows, all, byAuthority, byFile, specFiles } = tables(model);
  const coverage = coverageOf(model);
  const out: string[] = [];
  out.push(`# ${options.title ?? 'Spec coverage'}`, '');
  out.push(
    `${plural(coverage.clauses, 'clause')} in ${plural(specFiles, 'spec file')}; ${coverage.covered} covered by code or tests ` +
      `(cited, or a clause inside is): ${coveragePercent(coverage)}; ` +
      `${plural(model.citations.length, 'citation')} in ${plural(model.codeFiles.length, 'source file')}; ` +
      `${plural(all.examples, 'example file')} present, ${all.missingExamples} missing.`,
    '',
  );
  const totalsTable = (heading: string, key: string, map: Map<string, Totals>): void => {
    out.push(`## ${heading}`, '');
    out.push(`| ${key} | clauses | covered | coverage | code citations | test citations | examples | missing examples |`);
    out.push('|---|---:|---:|---:|---:|---:|---:|---:|');
    for (const [name, t] of ordered(map)) {
      out.push(`| ${cell(name)} | ${t.clauses} | ${t.covered} | ${percent(t.covered, t.clauses)} | ${t.code} | ${t.test} | ${t.examples} | ${t.missingExamples} |`);
    }
    out.push(`| **total** | ${all.clauses} | ${all.covered} | ${percent(all.covered, all.clauses)} | ${all.code} | ${all.test} | ${all.examples} | ${all.missingExamples} |`, '');
  };
  totalsTable('By authority', 'authority', byAuthority);
  totalsTable('By spec file', 'spec file', byFile);

  conflictsSection(model, options.config ?? DEFAULT_CONFIG, out);

  out.push('## Clauses', '');
  out.push('| clause | kind | authority | title | code | tests | covered | example | where |');
  out.push('|---|---|---|---|---:|---:|---|---|---|');
  for (const r of rows) {
    const c = r.clause;
    out.push(
      `| \`${c.id}\` | ${c.kind} | ${c.authority ?? '—'} | ${cell(c.title)} | ${r.code} | ${r.test} | ${r.covered} | ${r.example} | ${cell(c.file)}:${c.range.start.line + 1}${scopeCell(model, c.file)} |`,
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

/**
 * The conflicts between specs [^tc2c]: one row per pair, with the clause that prevails by the chain of command. Only
 * when there are any (and their code is not off), so a workspace without conflicts keeps its report as it was.
 */
function conflictsSection(model: IndexModel, config: ClarifierConfig, out: string[]): void {
  const list = conflictsOf(model).filter((c) => config.severity[`conflict.${c.kind}`] !== 'off');
  if (list.length === 0) return;
  const where = (p: { file: string; range: { start: { line: number } }; clauseId?: string }): string =>
    `${p.clauseId !== undefined ? `\`${p.clauseId}\` ` : ''}${cell(p.file)}:${p.range.start.line + 1}`;
  out.push('## Conflicts', '');
  out.push(`${plural(list.length, 'conflict')} between clauses of different specs or sections (\`clarify check\` reports each on both clauses).`, '');
  out.push('| kind | clause | other clause | what disagrees | prevails |');
  out.push('|---|---|---|---|---|');
  for (const c of list) {
    const winner = prevailing(c, config.authorities);
    const prevails = winner === undefined ? '— (same or no authority: decide)' : `${winner === 'a' ? where(c.a) : where(c.b)} (${winner === 'a' ? c.a.authority : c.b.authority})`;
    out.push(`| ${c.kind} | ${where(c.a)} | ${where(c.b)} | ${cell(c.detail)} | ${prevails} |`);
  }
  out.push('');
}
