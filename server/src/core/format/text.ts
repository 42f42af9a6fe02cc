import type { Summary } from './json';
import type { Diagnostic, Severity } from '../types';
import { plural } from '../text/words';

/** Compiler-style text output: `file:line:col severity code message`, then one summary line. */

export interface TextOptions {
  color: boolean;
  /** Print info/hint diagnostics too (by default they are counted in the summary, not listed). */
  showInfo: boolean;
}

const COLORS: Record<Severity, string> = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', hint: '\x1b[2m' };
const RESET = '\x1b[0m';

export function formatDiagnosticLine(d: Diagnostic, color = false): string {
  const sev = color ? `${COLORS[d.severity]}${d.severity}${RESET}` : d.severity;
  return `${d.file}:${d.range.start.line + 1}:${d.range.start.character + 1} ${sev} ${d.code} ${d.message}`;
}

export function toText(diagnostics: Diagnostic[], summary: Summary, options: TextOptions): string {
  const lines: string[] = [];
  let hidden = 0;
  for (const d of diagnostics) {
    if (!options.showInfo && (d.severity === 'info' || d.severity === 'hint')) {
      hidden++;
      continue;
    }
    lines.push(formatDiagnosticLine(d, options.color));
    // The other place a finding involves (a conflict's other clause), as a note line editors and terminals link [^tc2c].
    for (const r of d.related ?? []) lines.push(`${r.file}:${r.range.start.line + 1}:${r.range.start.character + 1} note ${r.message}`);
  }
  const parts = [
    `${plural(summary.clauses, 'clause')} (${summary.headingClauses} heading, ${summary.footnoteClauses} footnote${summary.requirementClauses ? `, ${summary.requirementClauses} requirement` : ''}) in ${plural(summary.specFiles, 'spec file')}`,
    `${plural(summary.citations, 'citation')} (${summary.codeCitations} code, ${summary.testCitations} test) in ${plural(summary.codeFiles, 'source file')}`,
    `${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}, ${plural(summary.infos + summary.hints, 'info')}`,
  ];
  if (lines.length) lines.push('');
  lines.push(parts.join('; '));
  if (hidden) lines.push(`(${plural(hidden, 'info diagnostic')} not listed; --show-info lists them)`);
  // No clause to cite: the citations were not checked (`citation.unknown-id` needs a spec) [^dg9n].
  if (summary.clauses === 0 && summary.citations > 0) lines.push(`(no spec here declares a clause, so ${summary.citations === 1 ? 'the citation was' : `the ${plural(summary.citations, 'citation')} were`} not checked; \`include\` in .clarifier.json says where specs are)`);
  return lines.join('\n') + '\n';
}
