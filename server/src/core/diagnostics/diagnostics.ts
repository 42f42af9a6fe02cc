import { CONFIG_FILE, type ClarifierConfig } from '../workspace/config';
import type { AmbiguityHit, IndexModel } from '../workspace/workspaceIndex';
import { conflictsOf, prevailing } from '../analysis/typecheck/conflicts';
import type { Clause, Diagnostic, Range, Severity } from '../types';
import { clauseFindings, fileClauseFindings } from './clauseFindings';
import { compareDiagnostics, lastInFile, sortInFile } from './order';
import { OFF, withSeverity } from './severity';
import { MAX_LISTED_DUPLICATES, SUGGESTION_BUDGET, suggestId, suggestionFor } from './suggestions';

export { CODE_DESCRIPTIONS, DEFAULT_SEVERITY } from './codes';
export { CLAUSE_BLOCK, clauseBlockCounts } from './clauseFindings';
export { compareDiagnostics, compareInFile, severityCountsOf, sortInFile, type SeverityCounts } from './order';
export { withConfiguredSeverity } from './severity';
export { MAX_LISTED_DUPLICATES, SUGGESTION_BUDGET, suggestId } from './suggestions';

/**
 * Workspace diagnostics from the index model. Each has a stable code, a default severity (overridable per code in
 * the config), a message that names the id, and `data` for quick fixes. Output is sorted (file, position, code)
 * so runs are reproducible. [^diagnostics] [^dg3s]
 */

const START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** Ambiguity diagnostics by hit object, per configuration. */
const ambiguityMemo = new WeakMap<ClarifierConfig, WeakMap<AmbiguityHit, { file: string; diagnostic: Diagnostic }>>();

/**
 * The diagnostics of the workspace, or of one file (`only`): the same diagnostics that file has in the workspace's
 * list, computed from the same model without the work for the other files (the editor's path after an edit that only
 * changed that file's own facts).
 */
export function computeDiagnostics(model: IndexModel, config: ClarifierConfig, only?: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const want = (file: string): boolean => only === undefined || file === only;
  // One file: only its own clauses are looked at (the model knows which).
  const clauses = only === undefined ? model.clauses : model.clausesOfFile(only);
  const add = (d: Omit<Diagnostic, 'severity'>, severity?: Severity): void => {
    const made = withSeverity(config, d, severity);
    if (made) out.push(made);
  };

  for (const problem of want(CONFIG_FILE) ? model.configProblems : []) {
    add({ code: 'config.invalid', file: CONFIG_FILE, range: START, message: `Invalid ${CONFIG_FILE}: ${problem}. Using the default for it.` });
  }

  // Unknown ids in code and tests.
  const suggestions = new Map<string, string | undefined>();
  const suggestIn = new Map<string, boolean>();
  for (const citation of only === undefined ? model.citations : (model.code.get(only)?.citations ?? [])) {
    if (model.citationTarget(citation.id)) continue;
    if (model.clausesById.has(citation.id)) {
      // Several scopes declare the id and none is the workspace: the citation must name one [^sc5p].
      const scopes = model.scopesOf(citation.id).filter((s) => s.kind !== 'workspace');
      const forms = scopes.slice(0, MAX_LISTED_DUPLICATES).map((s) => `\`[^${s.name}:${citation.id}]\``);
      add({
        code: 'citation.ambiguous-id',
        file: citation.file,
        range: citation.idRange,
        message: `Clause id \`${citation.id}\` is declared in ${scopes.length} scopes; name one: ${forms.join(', ')}${scopes.length > forms.length ? ', …' : ''}.`,
        data: { id: citation.id, choices: scopes.map((s) => `${s.name}:${citation.id}`) },
      });
      continue;
    }
    let allowed = suggestIn.get(citation.file);
    if (allowed === undefined) {
      // The known ids are counted, not listed: the list is made only for a suggestion not memoized yet.
      const unknown = new Set((model.code.get(citation.file)?.citations ?? []).filter((c) => !model.citationTarget(c.id)).map((c) => c.id));
      suggestIn.set(citation.file, (allowed = unknown.size * model.clausesById.size <= SUGGESTION_BUDGET));
    }
    if (allowed && !suggestions.has(citation.id)) suggestions.set(citation.id, suggestionFor(model, citation.id));
    const suggestion = allowed ? suggestions.get(citation.id) : undefined;
    add({
      code: 'citation.unknown-id',
      file: citation.file,
      range: citation.idRange,
      message: `Unknown clause id \`${citation.id}\`${suggestion ? `; did you mean \`${suggestion}\`?` : ': no spec defines it.'}`,
      data: suggestion ? { id: citation.id, suggestion } : { id: citation.id },
    });
  }

  // Duplicates: every occurrence names the others.
  // One file: its ids declared more than once (an id with one clause, almost all of them, is passed by one lookup).
  const duplicateCandidates = only === undefined ? model.clausesById.keys() : model.listedIdsOf(only);
  for (const id of duplicateCandidates) {
    const all = model.clausesById.get(id) ?? [];
    if (all.length < 2) continue;
    // Ids are unique within a scope: the same id in two documents or two feature folders is no duplicate [^sc5p].
    for (const clauses of model.hasScopes ? groupByScope(model, all) : [all]) {
      if (clauses.length < 2) continue;
    for (const clause of clauses) {
      if (!want(clause.file)) continue;
      // At most MAX_LISTED_DUPLICATES others: 10,000 copies of one id must not make 10,000 messages of 10,000 places.
      const others: string[] = [];
      for (const c of clauses) {
        if (c === clause) continue;
        if (others.length === MAX_LISTED_DUPLICATES) {
          others.push(`and ${clauses.length - 1 - MAX_LISTED_DUPLICATES} more`);
          break;
        }
        others.push(`${c.file}:${c.range.start.line + 1}`);
      }
      add({
        code: 'clause.duplicate-id',
        file: clause.file,
        range: clause.idRange,
        message: `Duplicate clause id \`${id}\`: also defined at ${others.join(', ')}${scopeNote(model, clause)}.`,
        data: { id, others },
      });
    }
    }
  }
  for (const m of model.unknownMentions(only)) {
    add({
      code: 'reference.unknown-id',
      file: m.file,
      range: m.idRange,
      message: `\`${m.id}\` is not declared in ${m.scope.kind === 'workspace' ? 'the workspace' : `${m.scope.path}`}.`,
      data: { id: m.id, scope: m.scope.path },
    });
  }

  // One file: the ids of its own definitions (not every definition of the workspace).
  const definitionIds = only === undefined ? model.definitionsById.keys() : new Set(model.definitionsOfFile(only).map((d) => d.id));
  for (const id of definitionIds) {
    const defs = model.definitionsById.get(id) ?? [];
    const seen = new Map<string, number>();
    for (const def of defs) {
      if (!want(def.file)) continue;
      const n = (seen.get(def.file) ?? 0) + 1;
      seen.set(def.file, n);
      if (n > 1) {
        add({ code: 'clause.duplicate-id', file: def.file, range: def.idRange, message: `Duplicate footnote definition \`[^${id}]:\` in this file.`, data: { id } });
      }
    }
  }

  // One file: itself when it is a spec (not a walk of every spec file per keystroke).
  const specFiles = only === undefined ? model.specFiles : model.specs.has(only) ? [only] : [];
  for (const file of specFiles) {
    const facts = model.specs.get(file)!;
    for (const m of facts.malformed) add({ code: 'clause.malformed-attributes', file, range: m.range, message: m.message, data: { raw: m.raw } });
  }

  // Each clause's own findings (an unknown authority, a missing example, no citation), made in blocks: one file's blocks
  // whose clauses are the objects of its last computation, on the same model state, are the last block's findings.
  const reportUncited = config.reportUncited && model.citations.length > 0;
  const findings = only === undefined ? clauseFindings(model, config, clauses, want, reportUncited) : fileClauseFindings(model, config, only, clauses, reportUncited);
  out.push(...findings.authority);

  const anchorSuggestions = new Map<string, string | undefined>();
  const brokenLinks = model.brokenLinks(only);
  const anchorWork = new Map<string, number>();
  for (const link of brokenLinks) if (link.reason === 'no-anchor') anchorWork.set(link.file, (anchorWork.get(link.file) ?? 0) + link.candidates.length);
  for (const link of brokenLinks) { // [^ln2a]
    let suggestion: string | undefined;
    if (link.reason === 'no-anchor' && anchorWork.get(link.file)! <= SUGGESTION_BUDGET) {
      const key = `${link.targetFile ?? link.file}\u0000${link.anchor}`;
      if (!anchorSuggestions.has(key)) anchorSuggestions.set(key, suggestId(link.anchor, link.candidates));
      suggestion = anchorSuggestions.get(key);
    }
    const where = link.targetFile ? ` in ${link.targetFile}` : '';
    add({
      code: 'link.broken-anchor',
      file: link.file,
      range: link.anchorRange,
      message:
        link.reason === 'no-definition'
          ? link.lookalikeLine !== undefined
            ? `Undefined link reference \`${link.url}\`: line ${link.lookalikeLine + 1} \`${link.url}: …\` is not a link definition (Markdown reads it as text): check its destination for a space or an unbalanced parenthesis, and that it does not continue a paragraph.`
            : `Undefined link reference \`${link.url}\`: no \`${link.url}: …\` definition in this file.`
          : link.reason === 'no-file'
          ? `Broken link \`${link.url}\`: ${link.targetFile} does not exist.`
          : `Broken link \`${link.url}\`: no heading or {#${link.anchor}}${where}${suggestion ? `; did you mean \`#${suggestion}\`?` : '.'}`,
      data: { anchor: link.anchor, ...(link.targetFile ? { targetFile: link.targetFile } : {}), ...(suggestion ? { suggestion } : {}) },
    });
  }

  out.push(...findings.example);

  // Footnote definitions that name the test verifying the clause: the file and the test must exist [^tt3v].
  for (const t of only === undefined || model.specs.has(only) ? model.testTargets(only) : []) {
    if (t.state === 'found' || t.state === 'unverified') continue;
    const base = { code: 'test.missing' as const, file: t.file, range: t.target.range };
    if (t.state === 'outside') {
      add({ ...base, message: `The test named by \`[^${t.id}]\` points outside the workspace (\`${t.target.raw}\`); it is not read.`, data: { id: t.id, target: t.target.raw, outside: true } });
    } else if (t.state === 'no-file') {
      add({ ...base, message: `Missing test file for \`[^${t.id}]\`: ${t.target.path} does not exist (named by \`${t.target.raw}\`).`, data: { id: t.id, target: t.target.raw, path: t.target.path } });
    } else {
      add({
        ...base,
        message: `Missing test for \`[^${t.id}]\`: ${t.path} defines no \`${t.missing}\` (named by \`${t.target.raw}\`).`,
        data: { id: t.id, target: t.target.raw, path: t.path, test: t.missing },
      });
    }
  }

  for (const unused of only === undefined || model.examples.has(only) ? model.unusedExamples() : []) {
    if (!want(unused.file)) continue;
    add({
      code: 'example.unused',
      file: unused.file,
      range: START,
      message: unused.id
        ? `Unused example file: no spec has a footnote \`[^${unused.id}]\`.`
        : `Unused example file: no spec footnote points at it.`,
      data: { path: unused.file, ...(unused.id ? { id: unused.id } : {}) },
    });
  }

  out.push(...findings.uncited);

  // Vague wording in specs, each with its clarifying question [^ambiguity_lexicon].
  for (const file of specFiles) {
    let memo = ambiguityMemo.get(config);
    if (!memo) ambiguityMemo.set(config, (memo = new WeakMap()));
    for (const hit of model.ambiguitiesOf(file)) {
      // One diagnostic per hit object and configuration (a hit is kept while its section stays put: see findAmbiguities).
      const known = memo.get(hit);
      if (known?.file === file) {
        if (known.diagnostic !== OFF) out.push(known.diagnostic);
        continue;
      }
      const before = out.length;
      add(
        {
          code: `ambiguity.${hit.category}`,
          file,
          range: hit.range,
          // The reason (why it fired) is shown with the question in the hover [^am6c].
          message: `“${hit.phrase.replace(/\s+/g, ' ')}”: ${hit.question}${hit.reason ? ` (${hit.category}: ${hit.reason})` : ''}`,
          data: {
            term: hit.term,
            ...(hit.reason !== undefined ? { reason: hit.reason } : {}),
            phrase: hit.phrase,
            question: hit.question,
            category: hit.category,
            ...(hit.clauseId !== undefined ? { clauseId: hit.clauseId } : {}),
            ...(hit.suggestion !== undefined ? { suggestion: hit.suggestion } : {}),
          },
        },
        hit.severity,
      );
      memo.set(hit, { file, diagnostic: out.length > before ? out[out.length - 1]! : OFF });
    }
  }

  // Conflicts between specs, on both clauses, each naming the other; by the chain of command the lower clause is the
  // finding and the higher one gets an information [^tc2c].
  for (const c of conflictsOf(model)) {
    if (!want(c.a.file) && !want(c.b.file)) continue;
    const code = `conflict.${c.kind}` as const;
    const override = config.severity[code];
    if (override === 'off') continue;
    const winner = prevailing(c, config.authorities);
    for (const [self, other, side] of [[c.a, c.b, 'a'], [c.b, c.a, 'b']] as const) {
      if (!want(self.file)) continue;
      const where = `${other.file}:${other.range.start.line + 1}`;
      const name = (p: typeof self): string => (p.clauseId !== undefined ? `\`${p.clauseId}\`` : 'a clause');
      const verdict =
        winner === undefined
          ? ''
          : winner === side
            ? ` This clause prevails (authority ${self.authority} over ${other.authority}).`
            : ` ${name(other)} prevails (authority ${other.authority} over ${self.authority}).`;
      add(
        {
          code,
          file: self.file,
          range: self.range,
          message: `Conflicts with ${name(other)} at ${where}: ${c.detail}.${verdict}`,
          data: {
            ...(self.clauseId !== undefined ? { clauseId: self.clauseId } : {}),
            other: { file: other.file, line: other.range.start.line + 1, ...(other.clauseId !== undefined ? { clauseId: other.clauseId } : {}) },
            ...(winner !== undefined ? { prevails: winner === side } : {}),
          },
          related: [{ file: other.file, range: other.range, message: `${name(other)}: “${other.text.length > 160 ? `${other.text.slice(0, 157)}…` : other.text}”` }],
        },
        winner === side ? 'info' : undefined,
      );
    }
  }

  if (only === undefined) return out.sort(compareDiagnostics);
  // One file: the file comparison is moot. The order of its last list is reused (most diagnostics of an edited file are
  // the same objects as before the edit, made in the same order: memoized by clause and by hit).
  let lasts = lastInFile.get(config);
  if (!lasts) lastInFile.set(config, (lasts = new Map()));
  const made = out.slice();
  const sorted = sortInFile(out, lasts.get(only));
  lasts.set(only, { out: made, sorted });
  return sorted;
}

function groupByScope(model: IndexModel, clauses: Clause[]): Clause[][] {
  const groups = new Map<string, Clause[]>();
  for (const c of clauses) {
    const key = model.scopeOf(c.file).path;
    const list = groups.get(key);
    if (list) list.push(c);
    else groups.set(key, [c]);
  }
  return [...groups.values()];
}

function scopeNote(model: IndexModel, clause: Clause): string {
  const s = model.scopeOf(clause.file);
  return s.kind === 'workspace' ? '' : ` (in ${s.kind} ${s.path})`;
}
