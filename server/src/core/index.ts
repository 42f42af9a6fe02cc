import { findAmbiguities, suppressionChecker, type AmbiguityCategory } from './ambiguity/analyze';
import { PathClassifier, type ClarifierConfig, type FileRole } from './config';
import { CLARIFICATIONS_ID } from './features/clarify';
import { findCitations } from './code/citations';
import { isSourcePath } from './code/languages';
import { dirname, resolveRelative } from './paths';
import { parseSpec, type FootnoteDef, type SpecFacts } from './spec/parseSpec';
import { LineIndex, ID_PATTERN } from './text';
import type { Citation, Clause, Range, Severity } from './types';

/**
 * The workspace index: per-file facts (parsed once per content change) plus a derived model (clauses by id,
 * citations, examples, references) rebuilt lazily after a change. One resolution path — `resolve(id)` — feeds
 * diagnostics, reports and every editor feature. Pure: files come in as (path, text); nothing is read here.
 */

export interface CodeFacts {
  file: string;
  language?: string;
  citations: Citation[];
}

export interface ExampleFacts {
  file: string;
  /** `[^id]` mentions inside the example file (`Examples for [^8ep1] in …`): back-references, not citations. */
  backRefs: { id: string; range: Range; idRange: Range }[];
  /** The first lines of the file, for hovers. */
  head: string;
}

export interface ExampleInfo {
  /** Where the example is (or, when missing, where it should be created). Undefined when the target leaves the workspace. */
  path?: string;
  exists: boolean;
  /** A definition points at a file, or an examples folder exists beside the spec or at the root. */
  expected: boolean;
  /** The definition's raw target, when the example comes from `[^id]: path`. */
  definitionTarget?: string;
  /** The definition target resolves outside the workspace. */
  outside?: boolean;
}

/** A vague phrase in spec prose, with its clarifying question (from the lexicon pass, or the LLM pass). */
export interface AmbiguityHit {
  category: AmbiguityCategory | 'llm';
  term: string;
  phrase: string;
  range: Range;
  question: string;
  severity: Severity;
  clauseId?: string;
  /** LLM findings: a concrete rewording to offer as a quick fix. */
  suggestion?: string;
}

export type SpecReferenceKind = 'footnote' | 'definition' | 'link' | 'example-backref';

export interface SpecReference {
  id: string;
  file: string;
  kind: SpecReferenceKind;
  range: Range;
  /** The id (or anchor) text itself, for rename. */
  idRange: Range;
}

export interface FootnoteDefinitionAt extends FootnoteDef {
  file: string;
}

export interface Resolution {
  id: string;
  /** The clause the id names (the first one when duplicated). */
  clause?: Clause;
  /** All clauses with this id: more than one is a duplicate. */
  clauses: Clause[];
  definitions: FootnoteDefinitionAt[];
  example?: ExampleInfo;
  /** Citations from code and tests. */
  citations: Citation[];
  /** Mentions in specs and example files: footnote references, definitions, anchor links, example back-references. */
  specReferences: SpecReference[];
}

export interface BrokenLink {
  file: string;
  range: Range;
  anchorRange: Range;
  url: string;
  anchor: string;
  /** The target file, when the link names another file. */
  targetFile?: string;
  reason: 'no-anchor' | 'no-file';
  /** Anchors of the target file, for a "did you mean". */
  candidates: string[];
}

const README_LIKE = /^(readme|index|changelog|license|contributing)$/i;
const REF_IN_EXAMPLE_RE = new RegExp(`\\[\\^(${ID_PATTERN})\\]`, 'g');

export class WorkspaceIndex {
  readonly classifier: PathClassifier;
  private readonly specs = new Map<string, SpecFacts>();
  private readonly code = new Map<string, CodeFacts>();
  private readonly examples = new Map<string, ExampleFacts>();
  private readonly ambiguity = new Map<string, AmbiguityHit[]>();
  private readonly llmHits = new Map<string, AmbiguityHit[]>();
  private readonly files = new Set<string>();
  /** Content hash per parsed file: opening a document whose text is already indexed costs no re-parse. */
  private readonly hashes = new Map<string, number>();
  private configProblems: string[] = [];
  private cached?: IndexModel;

  constructor(readonly config: ClarifierConfig) {
    this.classifier = new PathClassifier(config, isSourcePath);
  }

  roleOf(path: string): FileRole {
    return this.classifier.role(path);
  }

  /** Adds or replaces a file's content. Returns the role the file plays. */
  updateFile(path: string, text: string): FileRole {
    const hash = contentHash(text);
    if (this.hashes.get(path) === hash && this.files.has(path)) return this.classifier.role(path);
    this.hashes.set(path, hash);
    this.removeFacts(path);
    this.files.add(path);
    const role = this.classifier.role(path);
    if (role === 'spec') {
      const facts = parseSpec(path, text);
      this.specs.set(path, facts);
      // Only Markdown that declares clauses is a spec to review: a plain README is not [^am2q].
      const declaresClauses = facts.headingClauses.length > 0 || facts.footnoteRefs.length > 0 || facts.footnoteDefs.length > 0;
      this.ambiguity.set(path, this.config.ambiguity.enabled && declaresClauses ? this.findAmbiguities(facts, text) : []);
    }
    else if (role === 'code') this.code.set(path, this.codeFacts(path, text));
    else if (role === 'example') this.examples.set(path, exampleFacts(path, text));
    this.cached = undefined;
    return role;
  }

  /** Records that a file exists without reading it (binary files, files of no role): example targets may be any file. */
  addPath(path: string): void {
    if (!this.files.has(path)) {
      this.files.add(path);
      this.cached = undefined;
    }
  }

  removeFile(path: string): void {
    this.hashes.delete(path);
    this.removeFacts(path);
    if (this.files.delete(path)) this.cached = undefined;
  }

  hasFile(path: string): boolean {
    return this.files.has(path);
  }

  setConfigProblems(problems: string[]): void {
    this.configProblems = problems;
    this.cached = undefined;
  }

  specFacts(path: string): SpecFacts | undefined {
    return this.specs.get(path);
  }

  codeFactsOf(path: string): CodeFacts | undefined {
    return this.code.get(path);
  }

  exampleFactsOf(path: string): ExampleFacts | undefined {
    return this.examples.get(path);
  }

  /** The derived model for the current content; cached until the next change. */
  model(): IndexModel {
    this.cached ??= new IndexModel(this.classifier, this.specs, this.code, this.examples, this.files, this.configProblems, this.ambiguity, this.llmHits);
    return this.cached;
  }

  private removeFacts(path: string): void {
    this.ambiguity.delete(path);
    if (this.llmHits.delete(path)) this.cached = undefined;
    if (this.specs.delete(path) || this.code.delete(path) || this.examples.delete(path)) this.cached = undefined;
  }

  /** The lexicon pass over one spec's prose [^ambiguity_lexicon]; the Clarifications section is the answers, not prose to review. */
  private findAmbiguities(facts: SpecFacts, text: string): AmbiguityHit[] {
    const a = this.config.ambiguity;
    const prose = facts.prose.filter((b) => b.clauseId !== CLARIFICATIONS_ID);
    const findings = findAmbiguities(prose, {
      addTerms: a.addTerms,
      ignoreTerms: a.ignoreTerms,
      glossary: a.glossary,
      categorySeverity: a.categories,
      termSeverity: a.terms,
      normativeAuthorities: a.normativeAuthorities,
      specText: text,
      isSuppressed: suppressionChecker(text),
    });
    if (findings.length === 0) return [];
    const lines = new LineIndex(text);
    return findings.map((f) => ({
      category: f.category,
      term: f.term,
      phrase: text.slice(f.start, f.end),
      range: lines.rangeOf(f.start, f.end),
      question: f.question,
      severity: f.severity,
      ...(f.clauseId !== undefined ? { clauseId: f.clauseId } : {}),
    }));
  }

  /** Findings of the LLM pass for a spec file (replacing earlier ones); they live until the file changes. */
  setLlmFindings(path: string, hits: AmbiguityHit[]): void {
    this.llmHits.set(path, hits);
    this.cached = undefined;
  }

  private codeFacts(path: string, text: string): CodeFacts {
    const found = findCitations(path, text);
    const facts: CodeFacts = { file: path, citations: [] };
    if (found.language) facts.language = found.language;
    if (found.citations.length === 0) return facts;
    const lines = new LineIndex(text);
    const kind = this.classifier.isTestPath(path) ? 'test' : 'code'; // [^ci7t]
    for (const c of found.citations) {
      facts.citations.push({ id: c.id, file: path, range: lines.rangeOf(c.start, c.end), idRange: lines.rangeOf(c.idStart, c.idEnd), kind });
    }
    return facts;
  }
}

/** FNV-1a over UTF-16 code units, mixed with the length: a change detector, not a security hash. */
function contentHash(text: string): number {
  let h = 0x811c9dc5 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function exampleFacts(path: string, text: string): ExampleFacts {
  const lines = new LineIndex(text);
  const facts: ExampleFacts = { file: path, backRefs: [], head: text.slice(0, lines.lineCount > 12 ? lines.lineStart(12) : text.length).slice(0, 1200) };
  if (!text.includes('[^')) return facts;
  // Only the first lines: the Model Spec convention is a header `Examples for [^id] in <section>:`.
  const headEnd = lines.lineCount > 5 ? lines.lineStart(5) : text.length;
  const head = text.slice(0, headEnd);
  REF_IN_EXAMPLE_RE.lastIndex = 0;
  for (let m = REF_IN_EXAMPLE_RE.exec(head); m; m = REF_IN_EXAMPLE_RE.exec(head)) {
    const id = m[1]!;
    facts.backRefs.push({ id, range: lines.rangeOf(m.index, m.index + m[0].length), idRange: lines.rangeOf(m.index + 2, m.index + 2 + id.length) });
  }
  return facts;
}

const byPath = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** An immutable view of the index at one moment. */
export class IndexModel {
  readonly clauses: Clause[] = [];
  readonly clausesById = new Map<string, Clause[]>();
  readonly citations: Citation[] = [];
  readonly citationsById = new Map<string, Citation[]>();
  readonly definitionsById = new Map<string, FootnoteDefinitionAt[]>();
  readonly specReferencesById = new Map<string, SpecReference[]>();
  readonly specFiles: string[];
  readonly codeFiles: string[];
  readonly exampleFiles: string[];
  private readonly folders = new Set<string>();
  private readonly exampleCache = new Map<Clause, ExampleInfo>();

  constructor(
    readonly classifier: PathClassifier,
    readonly specs: ReadonlyMap<string, SpecFacts>,
    readonly code: ReadonlyMap<string, CodeFacts>,
    readonly examples: ReadonlyMap<string, ExampleFacts>,
    readonly files: ReadonlySet<string>,
    readonly configProblems: readonly string[],
    private readonly ambiguity: ReadonlyMap<string, AmbiguityHit[]> = new Map(),
    private readonly llmHits: ReadonlyMap<string, AmbiguityHit[]> = new Map(),
  ) {
    this.specFiles = [...specs.keys()].sort(byPath);
    this.codeFiles = [...code.keys()].sort(byPath);
    this.exampleFiles = [...examples.keys()].sort(byPath);
    for (const f of files) {
      for (let d = dirname(f); d && !this.folders.has(d); d = dirname(d)) this.folders.add(d);
    }
    this.buildClauses();
    for (const file of this.codeFiles) {
      for (const c of code.get(file)!.citations) {
        this.citations.push(c);
        push(this.citationsById, c.id, c);
      }
    }
    this.buildSpecReferences();
  }

  /** Heading clauses, then one footnote clause per id, with or without a definition [^footnote_clauses]. */
  private buildClauses(): void {
    for (const file of this.specFiles) {
      for (const clause of this.specs.get(file)!.headingClauses) this.addClause(clause);
    }
    // Footnote clauses: one per id (first reference wins), unless the id names a heading clause, in which case
    // `[^heading_id]` in prose is a reference to that heading.
    const headingIds = new Set(this.clausesById.keys());
    for (const file of this.specFiles) {
      const facts = this.specs.get(file)!;
      for (const def of facts.footnoteDefs) push(this.definitionsById, def.id, { ...def, file });
      for (const ref of facts.footnoteRefs) {
        if (headingIds.has(ref.id) || this.clausesById.has(ref.id)) continue;
        this.addClause({
          id: ref.id,
          kind: 'footnote',
          title: ref.sectionTitle,
          text: ref.blockText,
          file,
          range: ref.range,
          idRange: ref.idRange,
          section: ref.section,
          attributes: {},
          ...(ref.parent !== undefined ? { parent: ref.parent } : {}),
          ...(ref.authority !== undefined ? { authority: ref.authority } : {}),
        });
      }
    }
    // A definition without any reference still declares the clause.
    for (const [id, defs] of this.definitionsById) {
      if (this.clausesById.has(id)) continue;
      const def = defs[0]!;
      this.addClause({ id, kind: 'footnote', title: id, text: def.text, file: def.file, range: def.range, idRange: def.idRange, section: [], attributes: {} });
    }
  }

  private addClause(clause: Clause): void {
    this.clauses.push(clause);
    push(this.clausesById, clause.id, clause);
  }

  private buildSpecReferences(): void {
    for (const file of this.specFiles) {
      const facts = this.specs.get(file)!;
      for (const ref of facts.footnoteRefs) push(this.specReferencesById, ref.id, { id: ref.id, file, kind: 'footnote', range: ref.range, idRange: ref.idRange });
      for (const def of facts.footnoteDefs) push(this.specReferencesById, def.id, { id: def.id, file, kind: 'definition', range: def.range, idRange: def.idRange });
      for (const link of facts.links) {
        const target = link.path ? resolveRelative(dirname(file), link.path) : file;
        if (!target) continue;
        const clause = (this.clausesById.get(link.anchor) ?? []).find((c) => c.kind === 'heading' && c.file === target);
        if (clause) push(this.specReferencesById, clause.id, { id: clause.id, file, kind: 'link', range: link.range, idRange: link.anchorRange });
      }
    }
    for (const file of this.exampleFiles) {
      for (const ref of this.examples.get(file)!.backRefs) {
        push(this.specReferencesById, ref.id, { id: ref.id, file, kind: 'example-backref', range: ref.range, idRange: ref.idRange });
      }
    }
  }

  hasFolder(path: string): boolean {
    return path === '' || this.folders.has(path);
  }

  /** The example file of a footnote clause (undefined for heading clauses). */
  exampleOf(clause: Clause): ExampleInfo | undefined {
    if (clause.kind !== 'footnote') return undefined;
    let info = this.exampleCache.get(clause);
    if (!info) {
      info = this.computeExample(clause);
      this.exampleCache.set(clause, info);
    }
    return info;
  }

  /** The definition's target, else `examples/<id>.md` beside the spec, then at the root [^example_files] [^ex5p]. */
  private computeExample(clause: Clause): ExampleInfo {
    const folder = dirname(clause.file);
    const def = (this.definitionsById.get(clause.id) ?? []).find((d) => d.target !== undefined);
    if (def?.target !== undefined) {
      const defFolder = dirname(def.file);
      const candidates = [resolveRelative(defFolder, def.target), resolveRelative('', def.target)];
      if (candidates[0] === undefined && candidates[1] === undefined) {
        return { exists: false, expected: true, definitionTarget: def.target, outside: true };
      }
      const existing = candidates.find((c) => c !== undefined && this.files.has(c));
      const path = existing ?? candidates.find((c) => c !== undefined)!;
      return { path, exists: existing !== undefined, expected: true, definitionTarget: def.target };
    }
    const places = folder ? [folder, ''] : [''];
    for (const place of places) {
      const path = this.classifier.examplePathIn(place, clause.id);
      if (this.files.has(path)) return { path, exists: true, expected: true };
    }
    // A classic footnote (`[^1]: See RFC 9110.`) explains itself: no example file is expected of it.
    if (this.definitionsById.has(clause.id)) return { path: this.classifier.examplePathIn(folder, clause.id), exists: false, expected: false };
    for (const place of places) {
      if (this.hasFolder(this.classifier.exampleFolderIn(place))) {
        return { path: this.classifier.examplePathIn(place, clause.id), exists: false, expected: true };
      }
    }
    return { path: this.classifier.examplePathIn(folder, clause.id), exists: false, expected: false };
  }

  /** Example files that no footnote clause uses, in the examples folders that belong to specs [^ex6u]. */
  unusedExamples(): { file: string; id?: string }[] {
    const used = new Set<string>();
    const exampleFolders = new Set<string>();
    for (const clause of this.clauses) {
      if (clause.kind !== 'footnote') continue;
      const info = this.exampleOf(clause);
      if (info?.exists && info.path) used.add(info.path);
      exampleFolders.add(this.classifier.exampleFolderIn(dirname(clause.file)));
      exampleFolders.add(this.classifier.exampleFolderIn(''));
    }
    const unused: { file: string; id?: string }[] = [];
    for (const file of this.exampleFiles) {
      if (used.has(file) || !exampleFolders.has(dirname(file))) continue;
      const id = this.classifier.exampleIdOf(file);
      if (id !== undefined && README_LIKE.test(id)) continue;
      unused.push(id !== undefined ? { file, id } : { file });
    }
    return unused;
  }

  /** Links whose anchor matches no `{#id}`, heading slug or HTML anchor of the target spec. */
  brokenLinks(): BrokenLink[] {
    const broken: BrokenLink[] = [];
    for (const file of this.specFiles) {
      for (const link of this.specs.get(file)!.links) {
        const target = link.path ? resolveRelative(dirname(file), link.path) : file;
        if (target === undefined) continue;
        const facts = this.specs.get(target);
        const base = { file, range: link.range, anchorRange: link.anchorRange, url: link.url, anchor: link.anchor };
        if (!facts) {
          // A Markdown file we do not index (excluded, ignored) may exist: only a file that is nowhere is broken.
          if (!this.files.has(target)) broken.push({ ...base, targetFile: target, reason: 'no-file', candidates: [] });
          continue;
        }
        if (facts.anchors.has(link.anchor) || facts.anchors.has(link.anchor.toLowerCase())) continue;
        broken.push({ ...base, ...(link.path ? { targetFile: target } : {}), reason: 'no-anchor', candidates: [...facts.anchors] });
      }
    }
    return broken;
  }

  resolve(id: string): Resolution {
    const clauses = this.clausesById.get(id) ?? [];
    const clause = clauses[0];
    const resolution: Resolution = {
      id,
      clauses,
      definitions: this.definitionsById.get(id) ?? [],
      citations: this.citationsById.get(id) ?? [],
      specReferences: this.specReferencesById.get(id) ?? [],
    };
    if (clause) {
      resolution.clause = clause;
      const example = this.exampleOf(clause);
      if (example) resolution.example = example;
    }
    return resolution;
  }

  private owners?: Map<string, string>;

  /** The footnote id whose (existing) example file this is. */
  exampleOwner(path: string): string | undefined {
    if (!this.owners) {
      this.owners = new Map();
      for (const clause of this.clauses) {
        const info = this.exampleOf(clause);
        if (info?.exists && info.path && !this.owners.has(info.path)) this.owners.set(info.path, clause.id);
      }
    }
    return this.owners.get(path);
  }

  private coveredIds?: Set<string>;

  /**
   * Is a clause implemented at all: cited itself, or a clause inside it is (a heading whose footnotes or subsections
   * are cited is covered). `clause.uncited` reports the clauses that are not.
   */
  isCovered(id: string): boolean {
    if (!this.coveredIds) {
      const covered = new Set<string>();
      for (const id of this.citationsById.keys()) {
        // Walk up the parent chain; stop at an already covered ancestor (or a cycle from duplicate ids).
        let current: string | undefined = id;
        while (current !== undefined && this.clausesById.has(current) && !covered.has(current)) {
          covered.add(current);
          current = this.clausesById.get(current)![0]!.parent;
        }
      }
      this.coveredIds = covered;
    }
    return this.coveredIds.has(id);
  }

  /** Vague wording in a spec file: the lexicon pass, then the LLM pass (where it ran). */
  ambiguitiesOf(file: string): AmbiguityHit[] {
    const lexicon = this.ambiguity.get(file) ?? [];
    const llm = this.llmHits.get(file);
    return llm?.length ? [...lexicon, ...llm] : lexicon;
  }

  /** Every id known as a clause. */
  ids(): string[] {
    return [...this.clausesById.keys()];
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
