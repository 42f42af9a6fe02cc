import { closest, distance } from 'fastest-levenshtein';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import { dirname, relativePath } from '../workspace/paths';
import { comparePositions, rangeContains } from '../text/lineIndex';
import type { Clause, Diagnostic, Range } from '../types';
import { escapeMarkdownText } from './clarify';
import { occurrenceAt } from './locate';
import type { WorkspaceChange } from './edits';

/**
 * Code actions. Quick fixes are computed from the diagnostics of the server's current text, never from what the editor
 * sends back (its ranges and data may be those of an older text): `currentDiagnostics` finds the editor's diagnostics
 * again by what they name, and the edits are made for the text they were computed from [^se5v]. Refactorings look at
 * the id under the cursor.
 */

/** The editor command behind "Answer: …" (the client asks for the answer and requests `specClarifier/answer`). */
export const ANSWER_COMMAND = 'specClarifier.answer';

/** The server command that opens a workspace file in the editor (LSP `window/showDocument`), run after a fix. */
export const SHOW_DOCUMENT_COMMAND = 'specClarifier.showDocument';

export function exampleTemplate(clause: Clause | undefined, id: string): string {
  const title = clause?.title || id;
  const lines = [`Examples for [^${id}] in ${title}:`, ''];
  if (clause?.text) lines.push(...clause.text.split('\n').map((l) => `> ${l}`), '');
  lines.push(
    '## Compliant',
    '',
    '**Example**: <what the behaviour looks like when the clause is followed>',
    '',
    '## Non-compliant',
    '',
    '**Example**: <what a violation of the clause looks like>',
    '',
    '## Edge cases',
    '',
    '**Example**: <a borderline case and the expected behaviour>',
    '',
  );
  return lines.join('\n');
}

/** Diagnostics are immutable values, reused for unchanged clauses: a big spec's keys are computed once. */
const keys = new WeakMap<Diagnostic, string>();

/** What a diagnostic names, whatever its range: its code and its data (ids, paths, phrase, suggestion). */
export function diagnosticKey(d: Diagnostic): string {
  let key = keys.get(d);
  if (key === undefined) {
    const data: Record<string, unknown> = { ...(d.data ?? {}) };
    // The LSP form carries the code and file in its data as well.
    delete data['code'];
    delete data['file'];
    keys.set(d, (key = `${d.code}\u0000${stableJson(data)}`));
  }
  return key;
}

function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/**
 * The current diagnostics the editor's diagnostics stand for [^se5v]: the same code and data (what they name), the one
 * at the requested range when the problem occurs more than once, else the nearest. A diagnostic the current text no
 * longer has (the example became used, the typo was fixed) stands for nothing: no fix is offered for it.
 */
export function currentDiagnostics(current: readonly Diagnostic[], sent: readonly Diagnostic[], range: Range): Diagnostic[] {
  const byKey = new Map<string, Diagnostic[]>();
  const codes = new Set(sent.map((d) => d.code));
  for (const d of current) {
    if (!codes.has(d.code)) continue;
    const key = diagnosticKey(d);
    const list = byKey.get(key);
    if (list) list.push(d);
    else byKey.set(key, [d]);
  }
  const out = new Set<Diagnostic>();
  for (const d of sent) {
    const candidates = byKey.get(diagnosticKey(d));
    if (!candidates) continue;
    const touching = diagnosticsInRange(candidates, candidates[0]!.file, range);
    const pool = touching.length ? touching : candidates;
    let best = pool[0]!;
    for (const c of pool) if (lineDistance(c.range, range) < lineDistance(best.range, range)) best = c;
    out.add(best);
  }
  return [...out];
}

function lineDistance(a: Range, b: Range): number {
  return Math.abs(a.start.line - b.start.line) * 1e6 + Math.abs(a.start.character - b.start.character);
}

export interface ActionOptions {
  /** The version (or content hash) of the text the actions are computed for: the Answer command carries it. */
  stamp?: string;
}

export function codeActions(index: WorkspaceIndex, file: string, range: Range, diagnostics: Diagnostic[], options: ActionOptions = {}): WorkspaceChange[] {
  const model = index.model();
  const out: WorkspaceChange[] = [];
  for (const d of diagnostics) {
    const data = d.data ?? {};
    const id = typeof data['id'] === 'string' ? data['id'] : undefined;
    switch (d.code) {
      case 'example.missing': {
        const path = typeof data['path'] === 'string' ? data['path'] : undefined;
        if (!id || !path || index.hasFile(path)) break;
        const clause = model.resolve(id).clause;
        // The new file opens in the editor, to be filled in [^ce8o].
        out.push({
          title: `Create example file ${path}`,
          kind: 'quickfix',
          fixes: d.code,
          isPreferred: true,
          edits: [{ kind: 'create', file: path, content: exampleTemplate(clause, id) }],
          command: { command: SHOW_DOCUMENT_COMMAND, arguments: [{ file: path }] },
        });
        break;
      }
      case 'citation.unknown-id':
      case 'link.broken-anchor': {
        const suggestion = typeof data['suggestion'] === 'string' ? data['suggestion'] : undefined;
        if (!suggestion || d.file !== file) break;
        out.push({
          title: `Change to \`${suggestion}\``,
          kind: 'quickfix',
          fixes: d.code,
          isPreferred: true,
          edits: [{ kind: 'text', file, range: d.range, newText: suggestion }],
        });
        break;
      }
      case 'ambiguity.vague':
      case 'ambiguity.escape':
      case 'ambiguity.open-ended':
      case 'ambiguity.quantity':
      case 'ambiguity.comparative':
      case 'ambiguity.weak':
      case 'ambiguity.time':
      case 'ambiguity.llm':
      case 'ambiguity.open-question': {
        if (d.file !== file) break;
        const question = typeof data['question'] === 'string' ? data['question'] : d.message;
        const phrase = typeof data['phrase'] === 'string' ? data['phrase'] : '';
        const suggestion = typeof data['suggestion'] === 'string' && data['suggestion'].trim() ? data['suggestion'].trim() : undefined;
        // Answer the question: the editor asks for the answer, then applies `answerEdits` [^cq4r].
        out.push({
          title: `Answer: ${question}`,
          kind: 'quickfix',
          fixes: d.code,
          isPreferred: true,
          edits: [],
          command: {
            command: ANSWER_COMMAND,
            arguments: [
              {
                file,
                code: d.code,
                range: d.range,
                phrase,
                question,
                ...(typeof data['clauseId'] === 'string' ? { clauseId: data['clauseId'] } : {}),
                suggestions: suggestion ? [suggestion] : [],
                ...(options.stamp !== undefined ? { stamp: options.stamp } : {}),
              },
            ],
          },
        });
        if (suggestion) {
          // A model's suggestion is data too: it replaces the phrase as text, never as Markdown [^cq8d].
          out.push({ title: `Replace with “${suggestion}”`, kind: 'quickfix', fixes: d.code, edits: [{ kind: 'text', file, range: d.range, newText: escapeMarkdownText(suggestion) }] });
        }
        const line = { line: d.range.start.line, character: 0 };
        out.push({
          title: `Suppress ${d.code} on this line`,
          kind: 'quickfix',
          fixes: d.code,
          edits: [{ kind: 'text', file, range: { start: line, end: line }, newText: `<!-- clarifier-disable-next-line ${d.code} -->\n` }],
        });
        break;
      }
      case 'example.unused': {
        const path = typeof data['path'] === 'string' ? data['path'] : d.file;
        if (!index.hasFile(path)) break;
        // A footnote without its example, whose expected path differs from this one by a few characters: a typo.
        const missing = model.clauses
          .filter((c) => c.kind === 'footnote')
          .map((c) => ({ c, info: model.exampleOf(c) }))
          .filter((x) => x.info && !x.info.exists && x.info.expected && x.info.path && !index.hasFile(x.info.path));
        if (missing.length && id) {
          const best = closest(id, missing.map((m) => m.c.id));
          const target = missing.find((m) => m.c.id === best)!;
          if (distance(id, best) <= 2) {
            out.push({
              title: `Rename to ${target.info!.path} (the missing example of [^${best}])`,
              kind: 'quickfix',
              fixes: d.code,
              isPreferred: true,
              edits: [{ kind: 'rename', from: path, to: target.info!.path! }],
            });
          }
        }
        out.push({ title: `Delete unused example file ${path}`, kind: 'quickfix', fixes: d.code, edits: [{ kind: 'delete', file: path }] });
        break;
      }
    }
  }
  // Refactoring: a footnote without a definition gets one that names its example file.
  const spec = index.specFacts(file);
  const occ = occurrenceAt(index, file, range.start);
  if (spec && occ?.kind === 'footnote' && !model.definitionsById.has(occ.id)) {
    const info = model.resolve(occ.id).example;
    if (info?.path) {
      const rel = relativePath(dirname(file), info.path);
      const atEnd = spec.end;
      const lead = atEnd.character === 0 ? '\n' : '\n\n';
      out.push({
        title: `Add footnote definition [^${occ.id}]: ${rel}`,
        kind: 'refactor.rewrite',
        edits: [{ kind: 'text', file, range: { start: atEnd, end: atEnd }, newText: `${lead}[^${occ.id}]: ${rel}\n` }],
      });
    }
  }
  return out;
}

/** Diagnostics of a file that touch a range (for editors that do not send them back with the request). */
export function diagnosticsInRange(diagnostics: Diagnostic[], file: string, range: Range): Diagnostic[] {
  return diagnostics.filter(
    (d) => d.file === file && (rangeContains(d.range, range.start) || rangeContains(range, d.range.start) || comparePositions(d.range.start, range.start) === 0),
  );
}

