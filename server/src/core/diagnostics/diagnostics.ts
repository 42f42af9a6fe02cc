import { CONFIG_FILE, type ClarifierConfig } from '../workspace/config';
import type { AmbiguityHit, IndexModel } from '../workspace/workspaceIndex';
import { maxTypoDistance, nearestId, type Nearest } from '../text/nearest';
import { conflictsOf, prevailing } from '../analysis/typecheck/conflicts';
import type { Clause, Diagnostic, DiagnosticCode, Range, Severity } from '../types';

/**
 * Workspace diagnostics from the index model. Each has a stable code, a default severity (overridable per code in
 * the config), a message that names the id, and `data` for quick fixes. Output is sorted (file, position, code)
 * so runs are reproducible. [^diagnostics] [^dg3s]
 */

export const DEFAULT_SEVERITY: Record<DiagnosticCode, Severity> = {
  'citation.unknown-id': 'error',
  'citation.ambiguous-id': 'error',
  // Only from the git history (`clarify check --stale`, the editor in git workspaces) [^dr1s].
  'citation.stale': 'warning',
  'reference.unknown-id': 'warning',
  'clause.duplicate-id': 'error',
  'clause.malformed-attributes': 'error',
  'clause.unknown-authority': 'warning',
  'link.broken-anchor': 'error',
  'example.missing': 'warning',
  'example.unused': 'warning',
  'test.missing': 'warning',
  'clause.uncited': 'info',
  'config.invalid': 'error',
  // Ambiguity findings carry their own severity (warning in normative text, information elsewhere); these are the
  // levels SARIF announces for the rules.
  'ambiguity.vague': 'warning',
  'ambiguity.escape': 'warning',
  'ambiguity.open-ended': 'warning',
  'ambiguity.quantity': 'warning',
  'ambiguity.comparative': 'warning',
  'ambiguity.weak': 'warning',
  'ambiguity.time': 'warning',
  'ambiguity.llm': 'warning',
  'ambiguity.open-question': 'warning',
  'compliance.violation': 'warning',
  'compliance.unclear': 'info',
  // Conflicts between specs: a warning, so `clarify check --fail-on warning` blocks publication until resolved.
  'conflict.modal': 'warning',
  'conflict.numeric': 'warning',
  'conflict.definition': 'warning',
  'conflict.semantic': 'warning',
};

/** One-line descriptions of each code (SARIF rules, docs, `clarify --help`). */
export const CODE_DESCRIPTIONS: Record<DiagnosticCode, string> = {
  'citation.unknown-id': 'A citation [^id] in code names no clause of any spec.',
  'citation.ambiguous-id': 'A citation [^id] in code names an id that several scopes declare: qualify it as [^scope:id].',
  'citation.stale': 'The clause a citation names changed (git history) after the citing line was last changed: re-check the code (`check --stale`, the editor).',
  'reference.unknown-id': 'A requirement id mentioned in a spec (spec-kit FR-001, Kiro 1.2) that its feature does not declare.',
  'clause.duplicate-id': 'Two clauses (headings or footnote definitions) share one id.',
  'clause.malformed-attributes': 'A heading attribute block {#id key=value} cannot be read.',
  'clause.unknown-authority': 'A clause has an authority= value that is not in the configured list.',
  'link.broken-anchor': 'A link [text](#anchor), [text](file.md#anchor), [text](file.md) or [text][label] points at no heading, {#id}, file or definition.',
  'example.missing': 'A footnote clause has no example file where one is expected.',
  'example.unused': 'An example file that no spec footnote uses.',
  'test.missing': 'A footnote definition names a test (path::test, path#L10) whose file or test does not exist.',
  'clause.uncited': 'A clause that no code or test cites.',
  'config.invalid': 'The workspace configuration (.clarifier.json) has an invalid value.',
  'ambiguity.vague': 'A vague or unverifiable quality ("quickly", "secure", "robust"): how is it measured?',
  'ambiguity.escape': 'An escape clause ("as appropriate", "where possible"): who decides, and by what rule?',
  'ambiguity.open-ended': 'An open-ended list ("etc.", "including but not limited to"): what else belongs?',
  'ambiguity.quantity': 'A vague quantity ("some", "several", "approximately"): how many, within what tolerance?',
  'ambiguity.comparative': 'A comparative or superlative without a reference ("better", "minimize"): than what, by how much?',
  'ambiguity.weak': 'Weak or optional phrasing in a requirement ("be able to", "optionally"): must it, or may it?',
  'ambiguity.time': 'An unbounded time word ("soon", "timely", "immediately"): within what time?',
  'ambiguity.llm': 'Vague wording found by the optional LLM pass, with its clarifying question.',
  'ambiguity.open-question': 'An open question the author marked in the spec ([NEEDS CLARIFICATION: …]).',
  'compliance.violation': 'The optional audit (`clarify audit --llm`) judged that the code citing a clause contradicts it, quoting the lines.',
  'compliance.unclear': 'The optional audit could not tell from the cited code whether it satisfies the clause.',
  'conflict.modal': 'Two clauses of different specs or sections require and forbid the same action of the same subject (MUST against MUST NOT).',
  'conflict.numeric': 'Two clauses of different specs or sections give the same subject and action values that cannot both hold (at most 10 against at least 50).',
  'conflict.definition': 'One term is defined in two specs with different meanings.',
  'conflict.semantic': 'The optional LLM conflict judge (`clarify check --llm-conflicts`) found two clauses that cannot both hold, quoting both.',
};

const START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/**
 * Bounds for hostile workspaces. "Did you mean" compares an id with every known id (an anchor with every anchor of
 * its file): a file whose distinct unknown ids × known ids (or broken anchors × anchors) exceed SUGGESTION_BUDGET gets
 * no suggestions. Decided per file, so a file's diagnostics are the same computed alone or with the workspace. A
 * duplicate id lists at most MAX_LISTED_DUPLICATES other places.
 */
export const SUGGESTION_BUDGET = 2_000_000;
export const MAX_LISTED_DUPLICATES = 10;

/** The closest known id, when it is close enough to be a plausible typo [^dg5n]. */
export function suggestId(id: string, known: readonly string[]): string | undefined {
  return typoOf(id, nearestId(id, known));
}

/** The suggestion a nearest id makes: a plausible typo only (a few edits, never a rewrite of the whole id). */
function typoOf(id: string, near: Nearest | null): string | undefined {
  return near && near.distance > 0 && near.distance < id.length && near.distance <= maxTypoDistance(id) ? near.best : undefined;
}

/** The suggestion for an unknown cited id, memoized per model (IndexModel.nearest; a model built from another keeps what its edit cannot change). */
function suggestionFor(model: IndexModel, id: string): string | undefined {
  let near = model.nearest.get(id);
  if (near === undefined) model.nearest.set(id, (near = nearestId(id, model.knownIds())));
  return typoOf(id, near);
}

/** Findings of a pass with the configured severity of their code: dropped when it is off, re-levelled when set. */
export function withConfiguredSeverity(diagnostics: Iterable<Diagnostic>, config: ClarifierConfig): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const override = config.severity[d.code];
    if (override === 'off') continue;
    out.push(override ? { ...d, severity: override } : d);
  }
  return out;
}

/** clause.uncited diagnostics by clause object, per configuration (see computeDiagnostics). */
const uncitedMemo = new WeakMap<ClarifierConfig, WeakMap<Clause, Diagnostic>>();
/** Ambiguity diagnostics by hit object, per configuration. */
const ambiguityMemo = new WeakMap<ClarifierConfig, WeakMap<AmbiguityHit, { file: string; diagnostic: Diagnostic }>>();
const OFF = {} as Diagnostic;

/**
 * A finding with its severity: the configured one (`off`: no diagnostic), else the one the rule gives, else the code's
 * default; a type-checker conflict the rule marks `info` stays info.
 */
function withSeverity(config: ClarifierConfig, d: Omit<Diagnostic, 'severity'>, severity?: Severity): Diagnostic | undefined {
  const override = config.severity[d.code];
  if (override === 'off') return undefined;
  return { ...d, severity: severity === 'info' && d.code.startsWith('conflict.') ? 'info' : (override ?? severity ?? DEFAULT_SEVERITY[d.code]) };
}

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

/** A clause's own findings, in the three places of a list they go to (see computeDiagnostics). */
interface ClauseFindings {
  authority: Diagnostic[];
  example: Diagnostic[];
  uncited: Diagnostic[];
}

/**
 * The findings of each clause on its own: an authority not in the configured list, a missing example file (footnote
 * clauses), no citation (`reportUncited`: only when the workspace has code citations at all, so a spec-only repository
 * is not a wall of infos [^dg8u]). Each list in the order of `clauses`.
 */
function clauseFindings(model: IndexModel, config: ClarifierConfig, clauses: readonly Clause[], want: (file: string) => boolean, reportUncited: boolean): ClauseFindings {
  const found: ClauseFindings = { authority: [], example: [], uncited: [] };
  const add = (to: Diagnostic[], d: Omit<Diagnostic, 'severity'>): Diagnostic | undefined => {
    const made = withSeverity(config, d);
    if (made) to.push(made);
    return made;
  };
  const authorities = new Set(config.authorities);
  for (const clause of clauses) {
    if (clause.kind !== 'heading' || clause.authority === undefined || authorities.has(clause.authority) || !want(clause.file)) continue;
    const suggestion = suggestId(clause.authority, config.authorities);
    add(found.authority, {
      code: 'clause.unknown-authority',
      file: clause.file,
      range: clause.range,
      message: `Unknown authority \`${clause.authority}\` on clause \`${clause.id}\`${suggestion ? `; did you mean \`${suggestion}\`?` : ''} (known: ${config.authorities.join(', ')}).`,
      data: { id: clause.id, authority: clause.authority, ...(suggestion ? { suggestion } : {}) },
    });
  }
  for (const clause of clauses) {
    if (clause.kind !== 'footnote' || !want(clause.file)) continue;
    const example = model.missingExampleOf(clause);
    if (!example) continue;
    if (example.outside) {
      add(found.example, {
        code: 'example.missing',
        file: clause.file,
        range: clause.idRange,
        message: `The example of \`[^${clause.id}]\` points outside the workspace (\`${example.definitionTarget}\`); it is not read.`,
        data: { id: clause.id, outside: true },
      });
      continue;
    }
    add(found.example, {
      code: 'example.missing',
      file: clause.file,
      range: clause.idRange,
      message: `Missing example file for \`[^${clause.id}]\`: ${example.path} does not exist.`,
      data: { id: clause.id, path: example.path },
    });
  }
  if (reportUncited) {
    // The same clause object (an unchanged section of an edited spec) gets the same diagnostic object: a big spec's
    // thousands of infos are not rebuilt, nor converted for the editor again, on every keystroke.
    let memo = uncitedMemo.get(config);
    if (!memo) uncitedMemo.set(config, (memo = new WeakMap()));
    for (const clause of clauses) {
      if (!want(clause.file) || model.isCovered(clause.id, model.scopeOf(clause.file).path)) continue;
      const known = memo.get(clause);
      if (known) {
        if (known !== OFF) found.uncited.push(known);
        continue;
      }
      const made = add(found.uncited, {
        code: 'clause.uncited',
        file: clause.file,
        range: clause.idRange,
        message: `Clause \`${clause.id}\` is not cited by any code or test${clause.kind === 'heading' ? ', nor is any clause inside it' : ''}.`,
        data: { id: clause.id },
      });
      memo.set(clause, made ?? OFF);
    }
  }
  return found;
}

/** Consecutive clauses of a file and their findings (clauseFindings of just these clauses). */
interface ClauseBlock extends ClauseFindings {
  clauses: readonly Clause[];
}

/** The last blocks of each file computed alone, per configuration, by their first clause, and what they were made from. */
const lastBlocks = new WeakMap<ClarifierConfig, Map<string, { state: readonly unknown[]; byFirst: Map<Clause, ClauseBlock> }>>();

/** Clauses per block (a block is made again when one of its clauses changes). */
export const CLAUSE_BLOCK = 64;

/** Blocks kept and made by fileClauseFindings since the start (for tests). */
export const clauseBlockCounts = { kept: 0, made: 0 };

/**
 * clauseFindings of one file's clauses, block by block: a run of clauses that is a block of the file's last computation
 * (the same clause objects, which an edit keeps for the sections it did not touch), on a model whose definitions, files
 * and covered ids are the same objects (IndexModel.clauseFindingsState: what the findings read besides the clause), has
 * that block's findings; the other clauses are looked at again, in new blocks. Equal to clauseFindings of all the
 * clauses (test/unit/incrementalIds.test.ts, random edits of a spec of many blocks), at the cost of one lookup per block
 * kept instead of a few per clause.
 */
function fileClauseFindings(model: IndexModel, config: ClarifierConfig, file: string, clauses: readonly Clause[], reportUncited: boolean): ClauseFindings {
  const want = (f: string): boolean => f === file;
  let lasts = lastBlocks.get(config);
  if (!lasts) lastBlocks.set(config, (lasts = new Map()));
  const state = [...model.clauseFindingsState(file, reportUncited), reportUncited];
  const last = lasts.get(file);
  const usable = last !== undefined && last.state.length === state.length && last.state.every((x, i) => x === state[i]);
  const blocks: ClauseBlock[] = [];
  let pending: Clause[] = [];
  const flush = (): void => {
    if (pending.length) {
      blocks.push({ clauses: pending, ...clauseFindings(model, config, pending, want, reportUncited) });
      clauseBlockCounts.made++;
    }
    pending = [];
  };
  for (let i = 0; i < clauses.length; ) {
    const block = usable ? last.byFirst.get(clauses[i]!) : undefined;
    if (block && block.clauses.length <= clauses.length - i && block.clauses.every((c, k) => c === clauses[i + k])) {
      flush();
      blocks.push(block);
      clauseBlockCounts.kept++;
      i += block.clauses.length;
      continue;
    }
    pending.push(clauses[i++]!);
    if (pending.length === CLAUSE_BLOCK) flush();
  }
  flush();
  // Blocks cut short by edits are kept as they are: when they are many, the next computation starts over.
  if (blocks.length > 2 * Math.ceil(clauses.length / CLAUSE_BLOCK) + 8) lasts.delete(file);
  else {
    const byFirst = new Map<Clause, ClauseBlock>();
    for (const b of blocks) byFirst.set(b.clauses[0]!, b);
    lasts.set(file, { state, byFirst });
  }
  const found: ClauseFindings = { authority: [], example: [], uncited: [] };
  for (const b of blocks) {
    for (const d of b.authority) found.authority.push(d);
    for (const d of b.example) found.example.push(d);
    for (const d of b.uncited) found.uncited.push(d);
  }
  return found;
}

/** Errors and warnings of a diagnostics list (lists are never changed once made): see severityCountsOf. */
export interface SeverityCounts {
  errors: number;
  warnings: number;
}
const severityCounts = new WeakMap<readonly Diagnostic[], SeverityCounts>();

function countOf(list: readonly Diagnostic[]): SeverityCounts {
  const known = { errors: 0, warnings: 0 };
  for (const d of list) {
    if (d.severity === 'error') known.errors++;
    else if (d.severity === 'warning') known.warnings++;
  }
  return known;
}

/**
 * How many errors and warnings a list holds, counted once per list. A file's list that sortInFile made from its last
 * one (a keystroke in a big spec) is counted from the last list's counts and what came and went, not walked again.
 */
export function severityCountsOf(list: readonly Diagnostic[]): SeverityCounts {
  let known = severityCounts.get(list);
  if (!known) severityCounts.set(list, (known = countOf(list)));
  return known;
}

/** The last list of each file computed alone, as made and sorted, per configuration: where sortInFile starts from. */
const lastInFile = new WeakMap<ClarifierConfig, Map<string, { out: readonly Diagnostic[]; sorted: Diagnostic[] }>>();

/** How far the walk of sortInFile looks ahead for the same diagnostic again (past an edit's new or gone ones). */
const LOOKAHEAD = 64;

/**
 * `out` sorted as `out.sort(compareInFile)` sorts it (stable: equal diagnostics keep their order in `out`), from the
 * last list of the file as made (`last.out`) and sorted (`last.sorted`). The two lists as made are walked side by side
 * by identity (a diagnostic is never changed once made): the diagnostics both hold, in the same relative order, keep
 * their sorted order, and only the new ones are sorted and inserted by binary search. Anything unexpected (many
 * changes, a diagnostic twice, a new diagnostic equal to a kept one) sorts `out` instead. Callers must not change the
 * returned list (it may be `last.sorted`).
 */
export function sortInFile(out: Diagnostic[], last: { out: readonly Diagnostic[]; sorted: Diagnostic[] } | undefined): Diagnostic[] {
  const a = last?.out;
  if (!last || !a || a.length < 64 || out.length < 64) return out.sort(compareInFile);
  // A common subsequence of the two lists by identity: what is not in it went (from a) or came (in out).
  const gone: Diagnostic[] = [];
  const fresh: Diagnostic[] = [];
  let i = 0;
  let j = 0;
  const budget = (out.length >> 3) + 16;
  while (i < a.length && j < out.length) {
    if (a[i] === out[j]) {
      i++;
      j++;
      continue;
    }
    let step = 0;
    for (let d = 1; d <= LOOKAHEAD && !step; d++) {
      if (a[i + d] === out[j]) step = d;
      else if (out[j + d] === a[i]) step = -d;
    }
    if (step > 0) for (const end = i + step; i < end; i++) gone.push(a[i]!);
    else if (step < 0) for (const end = j - step; j < end; j++) fresh.push(out[j]!);
    else {
      gone.push(a[i++]!);
      fresh.push(out[j++]!);
    }
    if (gone.length + fresh.length > budget) return out.sort(compareInFile);
  }
  while (i < a.length) gone.push(a[i++]!);
  while (j < out.length) fresh.push(out[j++]!);
  if (gone.length + fresh.length > budget) return out.sort(compareInFile);
  if (gone.length === 0 && fresh.length === 0 && last.sorted.length === out.length) return last.sorted;
  // The kept ones in their sorted order. A diagnostic twice (once kept, once gone) would be dropped twice: counted.
  const goneSet = new Set(gone);
  const kept: Diagnostic[] = [];
  for (const d of last.sorted) if (!goneSet.has(d)) kept.push(d);
  if (kept.length !== out.length - fresh.length) return out.sort(compareInFile);
  fresh.sort(compareInFile);
  const merged: Diagnostic[] = [];
  let from = 0;
  for (const d of fresh) {
    let lo = from;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const c = compareInFile(kept[mid]!, d);
      // Equal to a kept one: their order is that of out, which this search does not know.
      if (c === 0) return out.sort(compareInFile);
      if (c < 0) lo = mid + 1;
      else hi = mid;
    }
    for (let k = from; k < lo; k++) merged.push(kept[k]!);
    merged.push(d);
    from = lo;
  }
  for (let k = from; k < kept.length; k++) merged.push(kept[k]!);
  const counted = severityCounts.get(last.sorted);
  if (counted) {
    const [came, went] = [countOf(fresh), countOf(gone)];
    severityCounts.set(merged, { errors: counted.errors + came.errors - went.errors, warnings: counted.warnings + came.warnings - went.warnings });
  }
  return merged;
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

export function compareInFile(a: Diagnostic, b: Diagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
  );
}
