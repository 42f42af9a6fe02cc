import type { SpecFacts } from '../spec/parseSpec';
import { comparePositions } from '../text';
import type { Position, Range } from '../types';
import type { FileEdit } from './edits';

/**
 * Answering a clarifying question in the editor: the answer replaces the vague phrase (or follows it), and the
 * decision is recorded in a `## Clarifications {#clarifications}` section of the same spec — date, clause, question,
 * answer — so it stays with the spec. Pure: the caller passes the date. [^clarifications_log] [^cq4r]
 */

export const CLARIFICATIONS_ID = 'clarifications';

export interface Answer {
  file: string;
  /** The vague phrase in the spec. */
  range: Range;
  phrase: string;
  question: string;
  answer: string;
  /** `replace`: the answer replaces the phrase; `append`: it follows the phrase in parentheses. */
  mode: 'replace' | 'append';
  clauseId?: string;
  /** YYYY-MM-DD */
  date: string;
}

export function answerEdits(facts: SpecFacts, a: Answer): FileEdit[] | { error: string } {
  const answer = a.answer.replace(/\s+/g, ' ').trim();
  if (!answer) return { error: 'The answer is empty.' };
  const edits: FileEdit[] = [];
  if (a.mode === 'replace') edits.push({ kind: 'text', file: a.file, range: a.range, newText: answer });
  else edits.push({ kind: 'text', file: a.file, range: { start: a.range.end, end: a.range.end }, newText: ` (${answer})` });

  const entry = `- ${a.date} · ${a.clauseId ? `\`${a.clauseId}\` · ` : ''}“${oneLine(a.phrase)}”: ${oneLine(a.question)} → **${escapeInline(answer)}**`;
  const section = facts.headings.findIndex((h) => h.id === CLARIFICATIONS_ID);
  if (section >= 0) {
    // Append at the end of the section: before the next heading of the same or a higher level, or at the end.
    const level = facts.headings[section]!.level;
    const next = facts.headings.slice(section + 1).find((h) => h.level <= level);
    const at: Position = next ? { line: next.range.start.line, character: 0 } : facts.end;
    const atEnd = !next;
    const lead = atEnd && facts.end.character !== 0 ? '\n' : '';
    edits.push({ kind: 'text', file: a.file, range: { start: at, end: at }, newText: `${lead}${entry}\n${atEnd ? '' : '\n'}` });
  } else {
    const at = facts.end;
    const lead = at.character === 0 ? '\n' : '\n\n';
    edits.push({
      kind: 'text',
      file: a.file,
      range: { start: at, end: at },
      newText: `${lead}## Clarifications {#${CLARIFICATIONS_ID}}\n\nDecisions taken while clarifying this spec.\n\n${entry}\n`,
    });
  }
  // Edits must not overlap and must be in document order for every editor.
  edits.sort((x, y) => (x.kind === 'text' && y.kind === 'text' ? comparePositions(x.range.start, y.range.start) : 0));
  return edits;
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function escapeInline(s: string): string {
  return s.replace(/([*_`])/g, '\\$1');
}
