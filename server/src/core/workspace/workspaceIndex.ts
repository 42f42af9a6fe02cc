import { documentTermParts, domainCounts, EVIDENCE_KINDS, featureNameTerms, documentKindOf, documentKindOfPieces, mergeTermParts, pieceEvidence, reviewOf, reviewOfEvidence, type DomainCounts, type Review, type ReviewEvidence } from '../analysis/ambiguity/formats';
import { ambiguityJob, passKey, sectionStemsOf, SpecPass, type AmbiguityJob, type SpecPassInput } from './ambiguityPass';
import type { AmbiguityCategory } from '../analysis/ambiguity/analyze';
import { normalLinkLabel, PathClassifier, type ClarifierConfig, type FileRole, type MkdocsSite, type ZolaSite } from './config';
import { CLARIFICATIONS_ID } from '../features/clarify';
import { findCitations } from '../comments/citations';
import { isSourcePath } from '../comments/languages';
import { findTestDefinitions, hasInlineRustTests, readsTestNames, type TestDefinitions } from '../comments/testNames';
import { dirname, innermostFolder, resolveRelative } from './paths';
import { resolveTestTarget, testTargetCandidates, testTargetCitation, type TestTargetStatus } from './testTargets';
import { bindingGroups, docfxIncludePages, mdbookIncludePages, termIds } from './bindings';
import { docusaurusImportPages, docusaurusLinkCandidates, mdxPageSite } from './docusaurus';
import { hugoFragmentIds, hugoIncludeRootOf, hugoIncludeTargets, hugoPageIds, hugoTermIdSiteOf, type HugoIdType, type HugoIncludeSite, type HugoTermIdSite } from './hugo';
import { includedBy, isSitePage, orphanFragmentScopes, scopeOf, splitQualified, WORKSPACE_SCOPE, type Scope } from './scopes';
import { chunkSignature, FootnoteRefColumns, KeptFootnoteRef, OneLineFootnoteRef, parseSpecChunked, reviveFootnoteRefs, type ChunkLayout, type DefinitionTerm, type FootnoteDef, type FootnoteRef, type FootnoteRefs, type HeadingInfo, type IdMention, type PlacedChunk, type SpecChunkCache, type SpecFacts, type SpecLink, type SpecParseOptions } from '../markdown/parseSpec';
import { isDraftFormat, SIBLING_FEATURE_SPEC_RE } from '../markdown/formats';
import { isRustdocLink, sameMdbookSpecTargets } from '../markdown/mdbookSpec';
import { sameExplicitTargets } from '../markdown/explicitTargets';
import { mkdocsTocIds, obsidianHeadingLink, specGeneratorSectionIds, vuepressHeadingIds, zolaHeadingIds } from '../markdown/siteGenerators';
import { LineIndex, ID_PATTERN, comparePositions } from '../text/lineIndex';
import { nearestAfter, type Nearest } from '../text/nearest';
import { ReadListView, type ReadList } from '../text/readList';
import { sameList } from '../text/lists';
import { partnersOf } from '../analysis/typecheck/conflicts';
import { extractDefinitions, extractStatements, mayDefineTerms, usesBcp14, type NormativeStatement, type TypecheckFacts } from '../analysis/typecheck/normative';
import type { Citation, Clause, Range, Severity } from '../types';

const EMPTY_IDS: ReadonlySet<string> = new Set();
const NO_OPTIONS: SpecParseOptions = {};

/** A GitHub line anchor: `L70`, `L70-L75` (optionally with columns, `L70C3-L75C8`). */
const LINE_ANCHOR = /^L\d+(?:C\d+)?(?:-L\d+(?:C\d+)?)?$/;
/** A footnote's anchor as GitHub (`fn-1`, `fnref-1`, `fnref-1-2`) or Python-Markdown and kramdown (`fn:1`, `fnref:1`) make it: the id, maybe with a count. */
const FOOTNOTE_ANCHOR = /^fn(?:ref)?[-:]([A-Za-z0-9_][A-Za-z0-9_.:-]*)$/;
/**
 * `#top` in any case: when no element has that id, the HTML standard's "indicated part of the document" for a fragment
 * that is an ASCII case-insensitive match for `top` is the top of the document, so every browser scrolls there (a
 * "back to top" link, on GitHub or any site; markdownlint's MD051 allows it too). html.spec.whatwg.org, "scrolling to a
 * fragment" [^ln2a].
 */
const TOP_FRAGMENT = /^top$/i;
/** Does the file offer the anchor, as written or lower-cased (GitHub's slugs are lower case)? */
function offersAnchor(facts: Pick<SpecFacts, 'anchors'>, anchor: string): boolean {
  return facts.anchors.has(anchor) || facts.anchors.has(anchor.toLowerCase());
}

/** A Docsify site's navigation file, whose links are read from the site's folder (see `linkTarget`). */
const DOCSIFY_NAVIGATION = /(?:^|\/)_(?:sidebar|navbar)\.md$/;
/** A numbered footnote (`[^1]`, `[^12]`): a note of its own document, numbered as it comes [^example_files]. */
const NUMBERED_NOTE = /^\d+$/;

/**
 * A file of a template folder or named as one: "template" in the languages documentation projects are translated to
 * (a decision-record project ships its templates under `plantillas/`, `modèles/`, `テンプレート/`, `템플릿/`, …).
 * Wider than formats.ts `isTemplatePath` (a spec-kit template, never reviewed): any segment, and the translations.
 */
const TEMPLATE_SEGMENT = /templat|plantilla|mod[eè]le|modelo|vorlage|шаблон|テンプレート|템플릿|模板|模版|templed|[sş]ablon|sjabloon|szablon/i;
/**
 * The href of a DocFX tab heading, `#tab/<id>` with an optional `/<condition>` (DocFX's TabGroupAggregator:
 * `^#tab\/(?<id>[a-zA-Z0-9\-]+(?:\+[a-zA-Z0-9\-]+)*)(?:\/(?<condition>[a-zA-Z0-9\-]+)?)?$`), without its `#` [^tr36d].
 */
const DOCFX_TAB = /^tab\/[a-zA-Z0-9-]+(?:\+[a-zA-Z0-9-]+)*(?:\/(?:[a-zA-Z0-9-]+)?)?$/;

/**
 * Whether `link` is all a heading holds: `# [Windows](#tab/windows)`, a heading on the link's line whose text is the
 * link's text (the link spans `[`, the text, `](`, its URL and `)`) [^tr36d].
 */
function isWholeHeadingLink(headings: readonly HeadingInfo[], link: SpecLink): boolean {
  const { start, end } = link.range;
  if (start.line !== end.line) return false;
  return headings.some((h) => h.range.start.line === start.line && end.character - start.character === h.title.length + link.url.length + 4);
}

/**
 * A slot a generator fills in, in a link's target: `{{part_id}}` (Mustache, Handlebars, Jinja, Liquid, Go templates),
 * `{% … %}`, `${name}`, `{ADR_SLUG}`, `{name}`: `./notes-{{module_id}}.md`, `#{{step}}-show-the-menu` in a kit's
 * templates. Not a file or an anchor yet, so not broken.
 */
const TEMPLATE_VARIABLE = /\{\{[^{}]*\}\}|\{%[^{}]*%\}|\$\{[^{}]*\}|\{[A-Za-z_][A-Za-z0-9_.-]*\}/;

/** A placeholder file name a template links to: `NNNN-filename.md`, `XXXX-name.md`, `0005-example.md`, `your-file.md`. */
const PLACEHOLDER_FILE = /(?:^|[/_.-])(?:N{3,}|X{3,}|x{3,}|example|filename|placeholder|your)(?=[/_.-]|$)/;


/**
 * A book that uses mdbook-spec (config `mdbookSpec`): its source folder and the rule ids and grammar productions its
 * pages declare, as link labels match (normalLabel) [^ln6s].
 */
interface MdbookSpecBook {
  src: string;
  rules: Set<string>;
  productions: Set<string>;
}

/** The book whose source folder holds this file, if any. */
function mdbookSpecBookOf(books: readonly MdbookSpecBook[], file: string): MdbookSpecBook | undefined {
  return books.find((b) => b.src === '' || file.startsWith(`${b.src}/`));
}

/** A link label as CommonMark matches it: trimmed, inner white space one space, case-folded. */
function normalLabel(label: string): string {
  return label.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * Whether mdbook-spec defines this reference label on every page of the book: a rule id, a production's name (bare or
 * with `grammar-`), or, left to rustdoc, an intra-doc link it resolves (`core::sync::atomic`) [^ln6s].
 */
function mdbookSpecDefines(book: MdbookSpecBook, label: string): boolean {
  const l = normalLabel(label);
  return book.rules.has(l) || book.productions.has(l.startsWith('grammar-') ? l.slice('grammar-'.length) : l) || isRustdocLink(label);
}

/** Whether mdbook-spec gives this page the anchor: `r-<id>` of a rule it declares, `grammar-<Name>` of a production. */
function mdbookSpecAnchor(facts: SpecFacts, anchor: string): boolean {
  const targets = facts.mdbookSpec;
  if (!targets) return false;
  if (anchor.startsWith('r-')) return targets.rules?.includes(anchor.slice(2)) ?? false;
  if (anchor.startsWith('grammar-')) return targets.productions?.includes(anchor.slice('grammar-'.length)) ?? false;
  return false;
}
/** The ids Hugo gives a page's headings and terms, per facts object and id type (made on first use) [^ln9h]. */
const hugoIdsMemo = new WeakMap<SpecFacts, Map<HugoIdType, Set<string>>>();
function hugoIdsOf(facts: SpecFacts, site: HugoTermIdSite): Set<string> {
  let byType = hugoIdsMemo.get(facts);
  if (!byType) hugoIdsMemo.set(facts, (byType = new Map()));
  let ids = byType.get(site.idType);
  if (!ids) byType.set(site.idType, (ids = hugoPageIds(facts, site.idType)));
  return ids;
}

/** An ATX heading that holds something (an HTML comment, markup) but no text: its id is made by a site's generator. */
const filledIn = (h: { title: string; level: number; range: Range }): boolean =>
  h.title === '' && h.range.start.line === h.range.end.line && h.range.end.character - h.range.start.character > h.level + 4;

/**
 * The workspace index: per-file facts (parsed once per content change) plus a derived model (clauses by id,
 * citations, examples, references) rebuilt lazily after a change. One resolution path — `resolve(id)` — feeds
 * diagnostics, reports and every editor feature. Pure: files come in as (path, text); nothing is read here.
 */
export interface CodeFacts {
  file: string;
  language?: string;
  citations: Citation[];
  /** The tests a test file defines (files under the test globs, Rust files with inline tests) [^tt3v]. */
  tests?: TestDefinitions;
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
  /** `open-question`: a question the author marked in the spec (`[NEEDS CLARIFICATION: …]`) [^sk3q]. */
  category: AmbiguityCategory | 'llm' | 'open-question';
  term: string;
  phrase: string;
  range: Range;
  question: string;
  severity: Severity;
  clauseId?: string;
  /** Why the offline pass flagged it (the class or rule, and the kind of sentence). */
  reason?: string;
  /** LLM findings: a concrete rewording to offer as a quick fix. */
  suggestion?: string;
}

export type SpecReferenceKind = 'footnote' | 'definition' | 'link' | 'example-backref' | 'mention';

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
  /** The scope the id was resolved in (undefined when several scopes declare it and nothing picks one). */
  scope?: Scope;
  /** The scopes that declare the id when the resolution is ambiguous (more than one, none picked). */
  ambiguousScopes?: Scope[];
}

/** A requirement id mentioned in a spec that its scope does not declare [^sk2m]. */
export interface UnknownMention extends IdMention {
  file: string;
  scope: Scope;
}

export interface BrokenLink {
  file: string;
  range: Range;
  anchorRange: Range;
  url: string;
  anchor: string;
  /** The target file, when the link names another file. */
  targetFile?: string;
  reason: 'no-anchor' | 'no-file' | 'no-definition';
  /** Anchors of the target file, for a "did you mean". */
  candidates: string[];
  /** no-definition: the 0-based line of a `[label]: …` line that is not a definition (see SpecLink.lookalikeLine). */
  lookalikeLine?: number;
}

const README_LIKE = /^(readme|index|changelog|license|contributing)$/i;
/** Specs at least this long keep their chunk facts between parses: an edit re-parses only the section it touched. */
const CHUNK_CACHE_MIN_LENGTH = 32 * 1024;
/** Places of a rehearsal (rehearsalEdits): a word typed beside a footnote reference at each, a new footnote id at some. */
const REHEARSED_PLACES = 12;
/** A new footnote id is rehearsed at every REHEARSED_NOTE_EVERY-th place, from the first. */
const REHEARSED_NOTE_EVERY = 3;

export interface IndexOptions {
  /**
   * A batch index: every file is read once and none is edited (`clarify check`, `clarify report`, the workers of the
   * first scan of such a run), so what only an edit reads is not kept (see WorkspaceIndex.keepsEditState).
   */
  batch?: boolean;
  /**
   * Whether updateFile computes each text's content hash (default: yes). The hash is read by the on-disk cache (an
   * entry without one is invalid there), the server (an opened text equal to the indexed one is not parsed again) and
   * the server's blame cache; a batch run without the cache reads none of them, and skips a pass over every file it
   * reads (`clarify check` of the 10k bench workspace: 39 MB). Without it, factsOf's `hash` is NaN (unknown).
   */
  contentHashes?: boolean;
  /**
   * The ambiguity pass is run elsewhere (an index worker of a batch run whose main thread runs it, io/workspace.ts):
   * updateFile keeps what the pass reads of each reviewed spec (takeAmbiguityJob) and makes no hits of the pass (a
   * spec's hits are its open questions only, until the job's hits are added: addAmbiguityHits).
   */
  deferAmbiguity?: boolean;
}

/** Per-file facts of an index, as plain data (from a worker thread, or to and from the on-disk cache). */
export interface FileFacts {
  path: string;
  hash: number;
  spec?: SpecFacts;
  ambiguity?: AmbiguityHit[];
  code?: CodeFacts;
  example?: ExampleFacts;
  /** A big spec's chunk facts (from a worker: the first edit of the spec then re-parses one section, not all). */
  chunks?: SpecChunkCache;
}
const REF_IN_EXAMPLE_RE = new RegExp(`\\[\\^(${ID_PATTERN})\\]`, 'g');

export class WorkspaceIndex {
  readonly classifier: PathClassifier;
  private specs = new Map<string, SpecFacts>();
  private code = new Map<string, CodeFacts>();
  private examples = new Map<string, ExampleFacts>();
  private ambiguity = new Map<string, AmbiguityHit[]>();
  private llmHits = new Map<string, AmbiguityHit[]>();
  private files = new Set<string>();
  /** Content hash per parsed file: opening a document whose text is already indexed costs no re-parse. */
  private readonly hashes = new Map<string, number>();
  /**
   * What each spec declares to other files (its chunks' signatures), from its last parse; computed on first use (the
   * first edit of the spec): a batch run never compares them, and a spec with 200,000 references has a 5 MB signature.
   */
  private readonly signatures = new Map<string, Signature>();
  /** Chunk facts of big specs from their last parse. */
  private readonly chunkCaches = new Map<string, SpecChunkCache>();
  /** How big specs were cut into chunks by their last parse (an edit then cuts again only the text it changed). */
  private readonly layouts = new Map<string, ChunkLayout>();
  /** Each spec's last merge of its chunks' terms (chunkedTerms). */
  private readonly termsMemo = new Map<string, TermsMemo>();
  /** Each big spec's last review evidence by chunk, while edits are kept (chunkedReview). */
  private readonly reviewMemo = new Map<string, ReviewMemo>();
  /** Each big spec's last type checker statements by chunk, while edits are kept (typecheckFacts). */
  private readonly typecheckMemo = new Map<string, TypecheckMemo>();
  /** The terms the ambiguity pass reads per spec (its own, its feature's name), kept while they are the same. */
  private readonly reviewTermsMemo = new Map<string, { own: readonly string[]; feature: string[]; terms: string[]; joined: string }>();

  /**
   * A spec's document terms and its feature's name terms: the last array again while they are the same (the terms of
   * the chunks are kept, see chunkedTerms), so what the pass derives from the array (its phrase map) is made once.
   */
  private reviewTerms(path: string, own: readonly string[]): { terms: string[]; joined: string } {
    const feature = featureNameTerms(path);
    const last = this.reviewTermsMemo.get(path);
    if (last && last.own === own && last.feature.length === feature.length && last.feature.every((t, i) => t === feature[i])) return last;
    const terms = [...own, ...feature];
    const made = { own, feature, terms, joined: terms.join('\u0000') };
    this.reviewTermsMemo.set(path, made);
    return made;
  }

  /** The key of the ambiguity pass's last run (format, domain, document terms): see findAmbiguities. */
  private ambiguityKey = '';
  private configProblems: string[] = [];
  private cached?: IndexModel;
  private changes: Set<string> | 'all' = 'all';

  /**
   * Whether the index keeps what only the next edit of a file reads: a big spec's chunk facts, its layout and its
   * signature. A batch run (`clarify check`) reads each file once and never edits one: it keeps none of them (the
   * 200,000-reference spec's text and a second list of its references, 4.4 MB) [^big_documents].
   */
  private readonly keepsEditState: boolean;
  /** See IndexOptions.contentHashes. */
  private readonly hashesContent: boolean;
  /** See IndexOptions.deferAmbiguity. */
  private readonly defersAmbiguity: boolean;
  /** The pass's job of each spec parsed since it was taken (deferAmbiguity). */
  private readonly ambiguityJobs = new Map<string, AmbiguityJob>();

  constructor(readonly config: ClarifierConfig, options: IndexOptions = {}) {
    this.classifier = new PathClassifier(config, isSourcePath);
    this.keepsEditState = !options.batch;
    this.hashesContent = options.contentHashes ?? true;
    this.defersAmbiguity = options.deferAmbiguity ?? false;
  }

  roleOf(path: string): FileRole {
    return this.classifier.role(path);
  }

  /**
   * Adds or replaces a file's content. Returns the role the file plays. `edited`: the text comes from an edit in the
   * editor, so it is known to differ: no content hash is computed (a pass over a big spec on every keystroke), and the
   * hash is unknown (NaN) until the next update, which then parses again (cheap: unchanged sections are cached).
   */
  updateFile(path: string, text: string, edited = false): FileRole {
    const hash = edited || !this.hashesContent ? NaN : contentHash(text);
    if (this.hashes.get(path) === hash && this.files.has(path)) return this.classifier.role(path);
    this.hashes.set(path, hash);
    const before = { spec: this.specs.get(path), code: this.code.get(path), signature: this.signatures.get(path) };
    const base = this.files.has(path) ? this.cached : undefined;
    this.removeFacts(path);
    if (!this.files.has(path)) this.writableFiles().add(path);
    const role = this.classifier.role(path);
    let patched: IndexModel | undefined;
    let affected: Set<string> | undefined;
    if (role === 'spec') {
      // A batch index keeps no chunk of the parse: its chunks' references are placed in place, not copied [^big_documents].
      const { facts, chunks, cache, layout } = parseSpecChunked(path, text, this.chunkCaches.get(path), true, true, this.layouts.get(path), !this.keepsEditState, this.parseOptions(path));
      if (text.length >= CHUNK_CACHE_MIN_LENGTH && this.keepsEditState) this.chunkCaches.set(path, cache);
      else this.chunkCaches.delete(path);
      if (layout && text.length >= CHUNK_CACHE_MIN_LENGTH && this.keepsEditState) this.layouts.set(path, layout);
      else this.layouts.delete(path);
      (this.specs = this.cow(this.specs)).set(path, facts);
      // Only specs are reviewed (clauses, spec-kit, Kiro, kramdown-rfc, KEP): a plain README is not [^am2q] [^am7f].
      const typecheck = typecheckEnabled(this.config);
      let reviewed: Review | undefined;
      if (this.config.ambiguity.enabled || typecheck) {
        const made = chunkedReview(path, text, facts, chunks, this.reviewMemo.get(path), isSitePage(this.config, path));
        reviewed = made.review;
        if (made.memo && text.length >= CHUNK_CACHE_MIN_LENGTH && this.keepsEditState) this.reviewMemo.set(path, made.memo);
        else this.reviewMemo.delete(path);
      } else this.reviewMemo.delete(path);
      if (reviewed) {
        const merged = chunkedTerms(chunks, this.termsMemo.get(path));
        this.termsMemo.set(path, merged);
        facts.terms = merged.terms;
      } else {
        this.termsMemo.delete(path);
        this.reviewTermsMemo.delete(path);
      }
      const review = this.config.ambiguity.enabled ? reviewed : undefined;
      const input = review ? this.passInput(chunks, text, review, this.reviewTerms(path, facts.terms ?? []), piecewise(chunks, facts.format)) : undefined;
      // A worker of a batch run that leaves the pass to the main thread: what it reads of the spec goes there instead.
      if (input && this.defersAmbiguity) this.ambiguityJobs.set(path, ambiguityJob(path, text, chunks, input));
      else this.ambiguityJobs.delete(path);
      const hits = input && !this.defersAmbiguity ? this.findAmbiguities(chunks, text, input) : [];
      // The type checker's statements, chunk by chunk like the ambiguity pass (an edit re-extracts one section) [^tc1n].
      if (reviewed && typecheck) {
        const made = typecheckFacts(facts, chunks, text, reviewed.from, this.typecheckMemo.get(path));
        facts.typecheck = made.typecheck;
        if (made.memo && text.length >= CHUNK_CACHE_MIN_LENGTH && this.keepsEditState) this.typecheckMemo.set(path, made.memo);
        else this.typecheckMemo.delete(path);
      } else this.typecheckMemo.delete(path);
      (this.ambiguity = this.cow(this.ambiguity)).set(path, facts.openQuestions.length ? [...hits, ...openQuestionHits(facts)] : hits);
      // Typing in a spec: nothing another file sees changed, so the model is patched, not rebuilt.
      const entries = chunks.map((c) => c.entry);
      const signature = once(() => specSignature(facts, entries.map(chunkSignature)));
      const maps = { specs: this.specs, ambiguity: this.ambiguity, llmHits: this.llmHits };
      if (base && before.spec && before.signature && sameSignature(before.signature(), signature())) patched = base.patchedSpec(path, facts, maps);
      else if (base && before.spec) {
        // Ids added or removed: the model is built from the last one when nothing else knows those ids.
        const built = base.withSpec(path, before.spec, facts, maps);
        if (built) [patched, affected] = [built.model, built.affected];
      }
      if (this.keepsEditState) this.signatures.set(path, signature);
    } else if (role === 'code') {
      const facts = this.codeFacts(path, text);
      (this.code = this.cow(this.code)).set(path, facts);
      // A file some footnote definition names as a test: its tests are that definition's citations [^tt3v].
      const targeted = base?.isTestTargetFile(path) ?? false;
      if (base && before.code && sameCitedIds(before.code, facts) && (!targeted || sameTests(before.code, facts))) patched = base.patchedCode(before.code, facts, this.code);
    } else if (role === 'example') (this.examples = this.cow(this.examples)).set(path, exampleFacts(path, text));
    if (patched) {
      this.cached = patched;
      this.hold();
      if (this.changes !== 'all') {
        this.changes.add(path);
        for (const f of affected ?? []) this.changes.add(f);
        // A conflict names both clauses: the files in a conflict with this one, before or after the edit, change too.
        if (role === 'spec' && base && typecheckEnabled(this.config)) for (const f of [...partnersOf(base, path), ...partnersOf(patched, path)]) this.changes.add(f);
      }
    } else this.invalidate();
    return role;
  }

  /**
   * What the parse of a spec reads beyond every file's facts, by the config: a Hugo page's `include` calls on a site
   * with the shortcode [^ln9i], the bold-text ids on a page of a marked build script [^ln7g], a DocFX page's block
   * includes [^tr36d].
   */
  private parseOptions(path: string): SpecParseOptions {
    const hugo = this.config.hugoIncludes;
    const hugoIncludes = hugo !== undefined && hugoIncludeRootOf(hugo, path) !== undefined;
    this.strongPages ??= new Set(this.config.markedStrongPages ?? []);
    const markedStrongIds = this.strongPages.has(path);
    const docfxIncludes = innermostFolder(this.config.docfx, path) !== undefined;
    return hugoIncludes || markedStrongIds || docfxIncludes ? { hugoIncludes, markedStrongIds, docfxIncludes } : NO_OPTIONS;
  }
  private strongPages: Set<string> | undefined;

  /**
   * Texts that rehearse the first edits of an open big spec, `text` being what the index holds of it (see
   * Folder.rehearse, which indexes each and then `text` again): a word typed beside one of its footnote references
   * (same ids: the model is patched), at each of REHEARSED_PLACES references from the middle of the spec on, each in a
   * section of its own, and a new footnote id beside the word at every REHEARSED_NOTE_EVERY-th place from the first (an
   * id of its own: the model is built from the last one). Indexing them runs the keystroke path before the user's
   * first keystroke does: its code compiled and optimized, the model's lazily made sets made. None when that path
   * would not be taken: a spec not kept chunk by chunk (small, or a batch index), one without a footnote reference
   * outside headings, one that declares an id another spec declares (each edit then rebuilds the workspace's model),
   * scopes or test targets (a new id then does), or no model yet.
   */
  rehearsalEdits(path: string, text: string): string[] {
    const facts = this.specs.get(path);
    const model = this.cached;
    if (!facts || !model || !this.chunkCaches.has(path) || text.length < CHUNK_CACHE_MIN_LENGTH) return [];
    if (model.hasScopes || scopeOf(path, facts.format, this.config).kind !== 'workspace' || facts.footnoteDefs.some((d) => d.tests) || model.sharesIds(path)) return [];
    const lines = new LineIndex(text);
    // References in the middle of the spec and on, on lines that are not headings (a heading's title is part of its
    // clause), each in a section of its own: where the words go.
    const refs = facts.footnoteRefs;
    const places: number[] = [];
    const lineOfPlace: number[] = [];
    for (let k = 0; k < refs.length && places.length < REHEARSED_PLACES; k++) {
      const ref = refs.at((Math.floor(refs.length / 2) + k * 7) % refs.length)!;
      const end = ref.range.end;
      if (end.line !== ref.range.start.line || /^\s{0,3}#/.test(lines.lineText(end.line))) continue;
      if (lineOfPlace.some((l) => Math.abs(l - end.line) < 20)) continue;
      const at = lines.offsetAt(end);
      if (text.slice(at - ref.id.length - 3, at) !== `[^${ref.id}]`) continue;
      places.push(at);
      lineOfPlace.push(end.line);
    }
    if (places.length === 0) return [];
    let id = 'rehearsal';
    for (let n = 1; model.clausesById.has(id) || model.citationsById.has(id) || model.definitionsById.has(id) || model.specReferencesById.has(id) || text.includes(`[^${id}]`); n++) id = `rehearsal-${n}`;
    const word = (at: number): string => `${text.slice(0, at)} so${text.slice(at)}`;
    const note = (at: number): string => `${text.slice(0, at)} so [^${id}]${text.slice(at)}`;
    // The first words after a spec opens ran ~2x a warm one (code not yet optimized): more words, elsewhere, warm it.
    return places.flatMap((at, i) => (i % REHEARSED_NOTE_EVERY === 0 ? [word(at), note(at)] : [word(at)]));
  }

  /**
   * The files whose diagnostics may have changed since the last call: a set when every change since then was local to
   * its file (the model was patched), 'all' after any other change.
   */
  takeChanges(): Set<string> | 'all' {
    const changes = this.changes;
    this.changes = new Set();
    return changes;
  }

  /** Whether every change since the last takeChanges was local to its file (see takeChanges). */
  changesAreLocal(): boolean {
    return this.changes !== 'all';
  }

  private invalidate(): void {
    this.cached = undefined;
    this.changes = 'all';
  }

  /** Records that a file exists without reading it (binary files, files of no role): example targets may be any file. */
  addPath(path: string): void {
    if (!this.files.has(path)) {
      this.writableFiles().add(path);
      this.invalidate();
    }
  }

  /** The facts of one file, as plain data (for the worker threads of the first scan and the on-disk cache). */
  factsOf(path: string): FileFacts | undefined {
    const hash = this.hashes.get(path);
    if (hash === undefined) return undefined;
    const facts: FileFacts = { path, hash };
    const spec = this.specs.get(path);
    if (spec) {
      facts.spec = spec;
      facts.ambiguity = this.ambiguity.get(path) ?? [];
      const chunks = this.chunkCaches.get(path);
      if (chunks) facts.chunks = chunks;
    }
    const code = this.code.get(path);
    if (code) facts.code = code;
    const example = this.examples.get(path);
    if (example) facts.example = example;
    return facts;
  }

  /** Adds a file from facts computed elsewhere with the same configuration (a worker, the on-disk cache). */
  addFacts(facts: FileFacts): void {
    // Facts from a worker (a structured clone) or the cache (JSON): their footnote references whole and compact.
    if (facts.spec) reviveFootnoteRefs(facts.spec, facts.chunks);
    this.hashes.set(facts.path, facts.hash);
    this.removeFacts(facts.path);
    this.layouts.delete(facts.path);
    this.termsMemo.delete(facts.path);
    this.reviewMemo.delete(facts.path);
    this.typecheckMemo.delete(facts.path);
    this.reviewTermsMemo.delete(facts.path);
    if (facts.chunks && this.keepsEditState) {
      this.chunkCaches.set(facts.path, facts.chunks);
      // The chunks of the worker's parse, in order (a Map keeps insertion order; a repeated chunk is one entry, and a
      // signature that misses it only costs the first edit a rebuild).
      const [spec, entries] = [facts.spec ?? emptyFormat, [...facts.chunks.values()]];
      this.signatures.set(facts.path, once(() => specSignature(spec, entries.map(chunkSignature))));
    } else this.chunkCaches.delete(facts.path);
    if (!this.files.has(facts.path)) this.writableFiles().add(facts.path);
    if (facts.spec) {
      (this.specs = this.cow(this.specs)).set(facts.path, facts.spec);
      (this.ambiguity = this.cow(this.ambiguity)).set(facts.path, facts.ambiguity ?? []);
    }
    if (facts.code) (this.code = this.cow(this.code)).set(facts.path, facts.code);
    if (facts.example) (this.examples = this.cow(this.examples)).set(facts.path, facts.example);
    this.invalidate();
  }

  removeFile(path: string): void {
    this.hashes.delete(path);
    this.ambiguityJobs.delete(path);
    this.chunkCaches.delete(path);
    this.layouts.delete(path);
    this.termsMemo.delete(path);
    this.reviewMemo.delete(path);
    this.typecheckMemo.delete(path);
    this.reviewTermsMemo.delete(path);
    this.removeFacts(path);
    if (this.files.has(path)) {
      this.writableFiles().delete(path);
      this.invalidate();
    }
  }

  hasFile(path: string): boolean {
    return this.files.has(path);
  }

  /** Every path the index knows (read or not). */
  paths(): string[] {
    return [...this.files];
  }

  /**
   * The bound documents the workspace loader read from binder list files [^ln8b] (config `bindings`, on the one config
   * object the index and its classifier share).
   */
  setBindings(bindings: NonNullable<ClarifierConfig['bindings']>): void {
    this.config.bindings = bindings;
    this.invalidate();
  }

  /** The source folders of the MyST projects the loader found (config `myst`) [^ln9m]. */
  setMystProjects(roots: string[]): void {
    this.config.myst = roots;
    this.invalidate();
  }

  /** The symlinks to folders the walk did not enter (config `linkedFolders`): a broken link through one names it. */
  setLinkedFolders(linked: Record<string, string>): void {
    this.config.linkedFolders = linked;
    this.invalidate();
  }

  setConfigProblems(problems: string[]): void {
    this.configProblems = problems;
    this.invalidate();
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
    if (!this.cached) {
      this.cached = new IndexModel(this.classifier, this.specs, this.code, this.examples, this.files, this.configProblems, this.ambiguity, this.llmHits, undefined, !this.keepsEditState);
      this.hold();
    }
    return this.cached;
  }

  /**
   * Collections a model holds (IndexModel is immutable): the next change of one copies it first, so a model taken
   * before an edit keeps answering from the facts it was made of. Only what an edit changes is copied (a spec edit
   * copies the spec and ambiguity maps, not the code map of a big workspace).
   */
  private readonly held = new WeakSet<object>();

  private hold(): void {
    for (const c of [this.specs, this.code, this.examples, this.ambiguity, this.llmHits, this.files]) this.held.add(c);
  }

  /** The collection itself, or a copy of it when a model holds it. */
  private cow<T>(map: Map<string, T>): Map<string, T> {
    return this.held.has(map) ? new Map(map) : map;
  }

  private writableFiles(): Set<string> {
    if (this.held.has(this.files)) this.files = new Set(this.files);
    return this.files;
  }


  /** Forgets a file's facts; the caller invalidates (or patches) the model. */
  private removeFacts(path: string): void {
    this.signatures.delete(path);
    if (this.ambiguity.has(path)) (this.ambiguity = this.cow(this.ambiguity)).delete(path);
    if (this.llmHits.has(path)) (this.llmHits = this.cow(this.llmHits)).delete(path);
    if (this.specs.has(path)) (this.specs = this.cow(this.specs)).delete(path);
    if (this.code.has(path)) (this.code = this.cow(this.code)).delete(path);
    if (this.examples.has(path)) (this.examples = this.cow(this.examples)).delete(path);
  }

  /**
   * What the lexicon pass reads of one spec besides its chunks (SpecPass [^ambiguity_lexicon]): the document's own
   * vocabulary (`terms`) is shared by its chunks; a chunk's findings are kept for the key made here.
   */
  private passInput(chunks: PlacedChunk[], text: string, review: Review, { terms, joined: joinedTerms }: { terms: string[]; joined: string }, pieces: boolean): SpecPassInput {
    const { domain, standard } = pieces ? documentKindOfPieces(chunks.map((c) => c.text), (_, i) => chunkDomain(chunks[i]!), review) : documentKindOf(text, review);
    const sectionStems = sectionStemsOf(chunks);
    let key = passKey(review, domain, standard, joinedTerms, sectionStems);
    // The last key again when equal: each chunk's cached key is then compared by identity, not by its characters.
    if (key === this.ambiguityKey) key = this.ambiguityKey;
    else this.ambiguityKey = key;
    return { review, domain, standard, terms, sectionStems, key, pieces };
  }

  /** The lexicon pass over one spec's prose, chunk by chunk (SpecPass). */
  private findAmbiguities(chunks: PlacedChunk[], text: string, input: SpecPassInput): AmbiguityHit[] {
    const pass = new SpecPass(this.config, input);
    for (const chunk of chunks) pass.add(chunk);
    return pass.finish(text);
  }

  /** The pass's job of a spec parsed with deferAmbiguity, once (none: the spec is not reviewed, or the pass is off). */
  takeAmbiguityJob(path: string): AmbiguityJob | undefined {
    const job = this.ambiguityJobs.get(path);
    this.ambiguityJobs.delete(path);
    return job;
  }

  /**
   * The hits of a spec's pass run elsewhere (runAmbiguityJob of the job its parse made), before its open questions, as
   * updateFile orders them. Nothing when the spec is no longer indexed.
   */
  addAmbiguityHits(path: string, hits: AmbiguityHit[]): void {
    if (hits.length === 0 || !this.specs.has(path)) return;
    const open = this.ambiguity.get(path) ?? [];
    (this.ambiguity = this.cow(this.ambiguity)).set(path, open.length ? [...hits, ...open] : hits);
    this.invalidate();
  }

  /** Findings of the LLM pass for a spec file (replacing earlier ones); they live until the file changes. */
  setLlmFindings(path: string, hits: AmbiguityHit[]): void {
    (this.llmHits = this.cow(this.llmHits)).set(path, hits);
    this.invalidate();
  }

  private codeFacts(path: string, text: string): CodeFacts {
    const found = findCitations(path, text);
    const facts: CodeFacts = { file: path, citations: [] };
    if (found.language) facts.language = found.language;
    const isTest = this.classifier.isTestPath(path);
    // The tests a footnote definition may name [^tt3v]: test files, and Rust's inline test modules.
    if (readsTestNames(found.language) && (isTest || (found.language === 'rust' && hasInlineRustTests(text)))) {
      const tests = findTestDefinitions(found.language, text);
      if (tests) facts.tests = tests;
    }
    if (found.citations.length === 0) return facts;
    const lines = new LineIndex(text);
    const kind = isTest ? 'test' : 'code'; // [^ci7t]
    for (const c of found.citations) {
      const citation: Citation = { id: c.id, file: path, range: lines.rangeOf(c.start, c.end), idRange: lines.rangeOf(c.idStart, c.idEnd), kind };
      if (c.footnote) citation.footnote = true;
      facts.citations.push(citation);
    }
    return facts;
  }
}

/** The conflict codes: when all are off, no statement is extracted (the type checker costs nothing). */
export const CONFLICT_CODES = ['conflict.modal', 'conflict.numeric', 'conflict.definition'] as const;

export function typecheckEnabled(config: ClarifierConfig): boolean {
  return CONFLICT_CODES.some((c) => config.severity[c] !== 'off');
}

/** Term parts per chunk, kept with the chunk's parse (an edit re-reads the terms of one section). */
const chunkTerms = new WeakMap<object, string[][]>();

/** The last merge of a spec's term parts: its chunks' parts in order and the terms made of them (see chunkedTerms). */
export interface TermsMemo {
  parts: string[][][];
  terms: string[];
  /** The chunks the parts are of (the next merge keeps the parts of the same chunks at both ends). */
  chunks: readonly { entry: { facts: object } }[];
}

/**
 * documentTerms of a spec from its chunks (equal, see documentTermParts). `last` is this file's last merge: the chunks
 * at both ends that are its chunks (the same parse) keep their parts, only the chunks between are looked up (a
 * keystroke changes one; a lookup per chunk cost ~0.5 ms per keystroke in a 5,000-clause spec); when every chunk's
 * parts equal those at its place in the last merge (the same array, or one with the same terms: a keystroke re-reads
 * one section, which rarely defines a term), the last terms are returned as they were, not merged again
 * (mergeTermParts normalizes every term of every chunk: a pass over a big spec per keystroke).
 */
export function chunkedTerms(chunks: readonly { entry: { facts: object }; text: string }[], last?: TermsMemo): TermsMemo {
  const partsOf = (c: { entry: { facts: object }; text: string }): string[][] => {
    let p = chunkTerms.get(c.entry.facts);
    if (!p) chunkTerms.set(c.entry.facts, (p = documentTermParts(c.text)));
    return p;
  };
  if (!last) {
    const parts = chunks.map(partsOf);
    return { parts, terms: mergeTermParts(parts), chunks };
  }
  const was = last.chunks;
  const [n, m] = [chunks.length, was.length];
  let p = 0;
  let q = 0;
  while (p < n && p < m && chunks[p]!.entry.facts === was[p]!.entry.facts) p++;
  while (q < n - p && q < m - p && chunks[n - 1 - q]!.entry.facts === was[m - 1 - q]!.entry.facts) q++;
  const middle: string[][][] = [];
  for (let i = p; i < n - q; i++) middle.push(partsOf(chunks[i]!));
  const parts = last.parts.slice(0, p).concat(middle, last.parts.slice(m - q));
  if (n === m && middle.every((x, k) => x === last.parts[p + k] || sameParts(x, last.parts[p + k]!))) return { parts, terms: last.terms, chunks };
  return { parts, terms: mergeTermParts(parts), chunks };
}

function sameParts(a: readonly string[][], b: readonly string[][]): boolean {
  return a.length === b.length && a.every((kind, k) => kind.length === b[k]!.length && kind.every((t, i) => t === b[k]![i]));
}

/** Review evidence and domain counts per chunk, kept with the chunk's parse (an edit re-reads one section). */
const chunkEvidence = new WeakMap<object, ReviewEvidence | null>();
const chunkDomains = new WeakMap<object, DomainCounts>();

/** Whether the chunks are the spec's text cut at line starts (a draft's chunks are of its blanked text). */
function piecewise(chunks: PlacedChunk[], format: string): boolean {
  return chunks.length > 0 && !isDraftFormat(format);
}

/**
 * A spec's last review evidence: each chunk's (by its facts object) and how many chunks show each kind, so the next
 * keystroke's evidence is this with the edited chunks' taken out and put in, not the union of every chunk's again.
 */
export interface ReviewMemo {
  sources: readonly object[];
  evidence: ReviewEvidence[];
  counts: Int32Array;
}

/**
 * reviewOf of a spec from its chunks (equal, as reviewOfPieces: the evidence of the whole is the union of the chunks'),
 * from `last` (this file's last evidence) when the spec has as many chunks: only the chunks whose facts object changed
 * are looked at. Read on the whole text when a chunk cannot be read on its own (no memo then).
 */
export function chunkedReview(path: string, text: string, facts: SpecFacts, chunks: PlacedChunk[], last?: ReviewMemo, sitePage = false): { review: Review | undefined; memo?: ReviewMemo } {
  if (!piecewise(chunks, facts.format)) return { review: reviewOf(path, text, facts, sitePage) };
  const sources = chunks.map((c) => c.entry.facts);
  const evidenceAt = (i: number): ReviewEvidence | null => {
    const key = sources[i]!;
    let e = chunkEvidence.get(key);
    if (e === undefined) chunkEvidence.set(key, (e = pieceEvidence(chunks[i]!.text) ?? null));
    return e;
  };
  const kinds = EVIDENCE_KINDS;
  const fromLast = last !== undefined && last.sources.length === sources.length;
  const evidence: ReviewEvidence[] = fromLast ? last.evidence.slice() : [];
  const counts = fromLast ? last.counts.slice() : new Int32Array(kinds.length);
  for (let i = 0; i < sources.length; i++) {
    if (fromLast && sources[i] === last.sources[i]) continue;
    const e = evidenceAt(i);
    if (!e) return { review: reviewOf(path, text, facts, sitePage) };
    const was = fromLast ? last.evidence[i] : undefined;
    if (e === was) continue;
    for (let k = 0; k < kinds.length; k++) counts[k]! += (e[kinds[k]!] ? 1 : 0) - (was?.[kinds[k]!] ? 1 : 0);
    evidence[i] = e;
  }
  const all = Object.fromEntries(kinds.map((k, i) => [k, counts[i]! > 0])) as unknown as ReviewEvidence;
  return { review: reviewOfEvidence(path, all, facts, sitePage), memo: { sources, evidence, counts } };
}

function chunkDomain(chunk: PlacedChunk): DomainCounts {
  let c = chunkDomains.get(chunk.entry.facts);
  if (!c) chunkDomains.set(chunk.entry.facts, (c = domainCounts(chunk.text)));
  return c;
}

/** Statements per chunk, kept with the chunk's parse (by whether the document cites BCP 14). */
const chunkStatements = new WeakMap<object, { upper: boolean; statements: NormativeStatement[]; placed?: { line: number; statements: NormativeStatement[] } }>();

/** What the type checker looks for in the whole text, read per chunk (both are read within a line): kept with its parse. */
const chunkScans = new WeakMap<object, { bcp14: boolean; defines: boolean }>();

/**
 * A spec's last type checker statements (typecheckFacts), for its next keystroke: its chunks, whether the spec cited BCP
 * 14, the first line read, the statements and where each chunk's start among them, how many chunks cite BCP 14 and may
 * define terms.
 */
export interface TypecheckMemo {
  chunks: readonly PlacedChunk[];
  upper: boolean;
  fromLine: number;
  statements: NormativeStatement[];
  /** Chunk i's statements are statements[starts[i]] up to statements[starts[i + 1]] (chunks.length + 1 entries). */
  starts: Int32Array;
  bcp14: number;
  defines: number;
}

/** A chunk's statements placed at its line (see typecheckFacts), kept with its parse while it stays on that line. */
function placedStatements(chunk: PlacedChunk, upper: boolean): NormativeStatement[] {
  let cached = chunkStatements.get(chunk.entry.facts);
  if (cached?.upper !== upper) {
    const prose = chunk.entry.facts.prose.filter((b) => b.clauseId !== CLARIFICATIONS_ID && !b.record);
    chunkStatements.set(chunk.entry.facts, (cached = { upper, statements: extractStatements(prose, chunk.text, upper) }));
  }
  const dl = chunk.line;
  // Placed at the chunk's line, kept while the chunk stays on it (no new statement objects per keystroke elsewhere).
  if (cached.placed?.line !== dl) {
    cached.placed = {
      line: dl,
      statements: dl === 0 ? cached.statements : cached.statements.map((s) => ({ ...s, range: { start: { line: s.range.start.line + dl, character: s.range.start.character }, end: { line: s.range.end.line + dl, character: s.range.end.character } } })),
    };
  }
  return cached.placed.statements;
}

function chunkScan(chunk: PlacedChunk): { bcp14: boolean; defines: boolean } {
  let scan = chunkScans.get(chunk.entry.facts);
  if (!scan) chunkScans.set(chunk.entry.facts, (scan = { bcp14: usesBcp14(chunk.text), defines: mayDefineTerms(chunk.text) }));
  return scan;
}

/**
 * The type checker's facts of a spec: its normative statements, chunk by chunk, and its term definitions. From `last`
 * (this spec's last statements) when the spec is cut at line starts: the chunks at both ends that are the last ones
 * (the same parse at the same line) keep their statements, spliced from the last list, so a keystroke reads the chunks
 * it changed, not every chunk's cache (~1 ms per keystroke in a 5,000-clause spec); equal to reading every chunk.
 */
function typecheckFacts(facts: SpecFacts, chunks: PlacedChunk[], text: string, from: number, last?: TypecheckMemo): { typecheck: TypecheckFacts; memo?: TypecheckMemo } {
  // A spec cut at line starts: whether it cites BCP 14 and may define terms, from its chunks (a keystroke re-reads one).
  const pieces = piecewise(chunks, facts.format);
  const n = chunks.length;
  // The chunks at both ends that are the last parse's, at the same lines: p from the start, q from the end.
  let p = 0;
  let q = 0;
  const was = pieces ? last?.chunks : undefined;
  const m = was?.length ?? 0;
  if (was) {
    const same = (a: PlacedChunk, b: PlacedChunk): boolean => a.entry.facts === b.entry.facts && a.line === b.line;
    while (p < n && p < m && same(chunks[p]!, was[p]!)) p++;
    while (q < n - p && q < m - p && same(chunks[n - 1 - q]!, was[m - 1 - q]!)) q++;
  }
  let bcp14 = 0;
  let defines = 0;
  if (pieces && was) {
    bcp14 = last!.bcp14;
    defines = last!.defines;
    for (let i = p; i < m - q; i++) {
      const scan = chunkScan(was[i]!);
      bcp14 -= scan.bcp14 ? 1 : 0;
      defines -= scan.defines ? 1 : 0;
    }
    for (let i = p; i < n - q; i++) {
      const scan = chunkScan(chunks[i]!);
      bcp14 += scan.bcp14 ? 1 : 0;
      defines += scan.defines ? 1 : 0;
    }
  } else if (pieces) {
    for (const c of chunks) {
      const scan = chunkScan(c);
      bcp14 += scan.bcp14 ? 1 : 0;
      defines += scan.defines ? 1 : 0;
    }
  }
  const upper = pieces ? bcp14 > 0 : usesBcp14(text);
  const fromLine = from > 0 ? lineOf(text, from, pieces ? chunks : undefined) : 0;
  const starts = new Int32Array(n + 1);
  let statements: NormativeStatement[];
  if (was && last!.upper === upper && last!.fromLine === fromLine) {
    // The ends' statements are the last list's (the same objects: placed by chunk and line), the middle read again.
    const middle: NormativeStatement[] = [];
    const head = last!.starts[p]!;
    starts.set(last!.starts.subarray(0, p + 1));
    for (let i = p; i < n - q; i++) {
      starts[i] = head + middle.length;
      for (const s of placedStatements(chunks[i]!, upper)) if (s.range.start.line >= fromLine) middle.push(s);
    }
    const tail = last!.starts[m - q]!;
    const shift = head + middle.length - tail;
    for (let i = n - q; i <= n; i++) starts[i] = last!.starts[i - n + m]! + shift;
    statements = last!.statements.slice(0, head).concat(middle, last!.statements.slice(tail));
  } else {
    statements = [];
    for (let i = 0; i < n; i++) {
      starts[i] = statements.length;
      for (const s of placedStatements(chunks[i]!, upper)) if (s.range.start.line >= fromLine) statements.push(s);
    }
    starts[n] = statements.length;
  }
  const clauses = facts.headingClauses;
  let lines: LineIndex | undefined;
  const definitions = (pieces && defines === 0 ? [] : extractDefinitions(text, facts.terms ?? [], (offset) => {
    const line = (lines ??= new LineIndex(text)).positionAt(offset).line;
    let at: (typeof clauses)[number] | undefined;
    for (const c of clauses) if (c.range.start.line <= line) at = c;
    return at ? { clauseId: at.id, ...(at.authority !== undefined ? { authority: at.authority } : {}) } : {};
  })).filter((d) => d.range.start.line >= fromLine);
  return { typecheck: { statements, definitions }, ...(pieces ? { memo: { chunks, upper, fromLine, statements, starts, bcp14, defines } } : {}) };
}

/**
 * The line of an offset of `text`: from the chunk holding it when the chunks are the text cut at line starts (their
 * lines are known: a LineIndex of one chunk, not of the whole spec, per keystroke), else from the whole text.
 */
function lineOf(text: string, offset: number, pieces: readonly PlacedChunk[] | undefined): number {
  if (!pieces?.length || offset >= text.length) return new LineIndex(text).positionAt(offset).line;
  let at = 0;
  for (let i = 1; i < pieces.length && pieces[i]!.start <= offset; i++) at = i;
  const chunk = pieces[at]!;
  return chunk.line + new LineIndex(chunk.text).positionAt(offset - chunk.start).line;
}

const emptyFormat = { format: 'markdown', references: [] } as Pick<SpecFacts, 'format' | 'references'>;

/** Whether two lists of definition-list terms are equal: the same texts after the same numbers of headings [^ln9h]. */
function sameDefinitionTerms(a: readonly DefinitionTerm[] | undefined, b: readonly DefinitionTerm[] | undefined): boolean {
  return sameList(a, b, (x, y) => x.text === y.text && x.heading === y.heading);
}

/** A function computing `f()` once, on its first call. */
function once<T>(f: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= f());
}

/** What a spec declares to other files: its format, its front matter's reference anchors, its includes and its chunks' signatures. */
type Signature = () => { head: string; chunks: string[] };

function specSignature(facts: Pick<SpecFacts, 'format' | 'references' | 'includes' | 'hugoIncludes' | 'docfxIncludes' | 'strongIds' | 'mdxImports' | 'xrefs' | 'mdbookSpec' | 'listTerms' | 'definitionTerms' | 'targets'>, chunks: string[]): { head: string; chunks: string[] } {
  // The files a spec includes, and whether it is written as a piece of a draft, decide scopes [^kr7i]; its rules and
  // productions are link targets of the other pages of an mdbook-spec book [^ln6s]; its definition-list terms name
  // ids of the other fragments of a bound document [^ln8b], and ids of its page on a Hugo site [^ln9h]; its explicit
  // targets are anchors of its page and MyST labels of its project [^ln9m]; the files an MDX page imports are part of
  // a Docusaurus site's page [^ln9x]; the fragments a Hugo page includes, and the files a DocFX page includes, are part
  // of it [^ln9i] [^tr36d]; a marked build's bold-text ids are anchors of its page [^ln7g]. Each list of paths is one
  // JSON value: joined by line breaks, two lists side by side read the same when a path moves from one to the other.
  const paths = (list: readonly string[] | undefined): string => (list ? JSON.stringify(list) : '');
  const book = facts.mdbookSpec ? JSON.stringify(facts.mdbookSpec) : '';
  const terms = facts.listTerms ? JSON.stringify(facts.listTerms) : '';
  const hugoTerms = facts.definitionTerms ? JSON.stringify(facts.definitionTerms) : '';
  const targets = facts.targets ? JSON.stringify(facts.targets) : '';
  return { head: `${facts.format}\n${facts.references.join(' ')}\n${facts.xrefs ? 'xrefs' : ''}\n${paths(facts.includes)}\n${paths(facts.mdxImports)}\n${book}\n${terms}\n${hugoTerms}\n${targets}\n${paths(facts.hugoIncludes)}\n${paths(facts.docfxIncludes)}\n${facts.strongIds?.join(' ') ?? '-'}`, chunks };
}

/**
 * Whether two signatures are equal (as their texts joined by line breaks would be; a chunk's signature is one line of
 * JSON). An unchanged chunk keeps its signature string, so most items compare as the same string, not char by char.
 */
function sameSignature(a: { head: string; chunks: string[] }, b: { head: string; chunks: string[] }): boolean {
  if (a.head !== b.head) return false;
  if (a.chunks.length === b.chunks.length) return a.chunks.every((c, i) => c === b.chunks[i]);
  // Chunks cut elsewhere (a heading line added or removed) may still declare the same: compare the texts.
  return a.chunks.join('\n') === b.chunks.join('\n');
}

/** `[NEEDS CLARIFICATION: …]`: the author's own open question, answered like any clarifying question [^sk3q]. */
function openQuestionHits(facts: SpecFacts): AmbiguityHit[] {
  return facts.openQuestions.map((q) => ({
    category: 'open-question',
    term: 'NEEDS CLARIFICATION',
    phrase: 'NEEDS CLARIFICATION',
    range: q.range,
    question: q.question,
    severity: 'warning',
    ...(q.clauseId !== undefined ? { clauseId: q.clauseId } : {}),
  }));
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

/**
 * Model objects one file made, each with where it came from: the kind and index of its facts entry and its source, the
 * facts object it was made from (unchanged source, unchanged object; read with sourceAt). Parallel arrays, not an
 * object per entry: a spec with 200,000 footnote references makes 400,000 entries, which as objects cost ~22 MB
 * [^big_documents]. The kind and the index are runs (read with fromAt and indexAt): entries made one after another from
 * consecutive entries of one facts list (a spec's headings, its footnote references, ...) are one run of three numbers
 * (first entry, kind, first index), not a byte and four bytes an entry: for the 200,000-reference spec's 400,000 entries
 * a few runs, not 2.6 MB of typed arrays (and 4.4 MB of arrays of eight bytes an element before those). Most sources
 * need no slot of their own: a heading clause is its own source and a footnote's clause or reference holds its
 * reference (`ref`); only the others (definitions, links, mentions) are kept, in `others`, found through `ranks` (four
 * bytes an entry, made when a file has such an entry: 4.1 MB less for those 400,000 entries than an array of every
 * source).
 */
class Made<F extends string, T extends object> {
  /** Runs of entries, three numbers each: the first entry, the kind's code (its place in `kinds`), the first index. */
  private runs = new Uint32Array(12);
  private runCount = 0;
  /** The run last read: reading the entries in order finds each in it or the next. */
  private lastRun = 0;
  /**
   * For an entry whose source is not derived from what it made: the source's place in `others`, plus one (0: derived;
   * an entry past its end: 0). Made on the first such entry: a file of headings and footnotes has none.
   */
  private ranks: Uint32Array | undefined;
  private others: object[] = [];
  readonly made: T[] = [];
  /**
   * Whether `made` was sized once for what the build may put in it (reserve): entries are then written at `filled` and
   * trim cuts the list to them, with no growth copies of a list of 200,000 entries [^big_documents].
   */
  private reserved = false;
  private filled = 0;

  /** `kinds`: every kind an entry may come from (its place in the list is the code stored). */
  constructor(private readonly kinds: readonly F[]) {}

  get length(): number {
    return this.reserved ? this.filled : this.made.length;
  }

  /** `made` sized for at most `n` entries (a new record, before its first push). */
  reserve(n: number): void {
    if (this.made.length !== 0 || this.reserved || n === 0) return;
    (this as { made: T[] }).made = new Array<T>(n);
    this.reserved = true;
  }

  /** `made` cut to its entries once the build is done (see reserve). */
  trim(): void {
    if (!this.reserved) return;
    this.made.length = this.filled;
    this.reserved = false;
  }

  /** The run holding entry `i` (0 <= i < length). */
  private runOf(i: number): number {
    const runs = this.runs;
    const count = this.runCount;
    const r = this.lastRun;
    if (runs[3 * r]! <= i) {
      if (r + 1 === count || runs[3 * (r + 1)]! > i) return r;
      if (r + 2 === count || runs[3 * (r + 2)]! > i) return (this.lastRun = r + 1);
    }
    let lo = 0;
    let hi = count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (runs[3 * mid]! <= i) lo = mid;
      else hi = mid - 1;
    }
    return (this.lastRun = lo);
  }

  /** The kind of facts entry entry `i` was made from. */
  fromAt(i: number): F {
    return this.kinds[this.runs[3 * this.runOf(i) + 1]!]!;
  }

  /** The index of entry `i`'s facts entry in its list. */
  indexAt(i: number): number {
    const r = 3 * this.runOf(i);
    return this.runs[r + 2]! + (i - this.runs[r]!);
  }

  /** The facts object entry `i` was made from. */
  sourceAt(i: number): object {
    const rank = this.ranks?.[i] ?? 0;
    return rank === 0 ? derivedSource(this.made[i]!) : this.others[rank - 1]!;
  }

  push(from: F, index: number, made: T, source: object): void {
    const i = this.length;
    const code = this.kinds.indexOf(from);
    const n = this.runCount;
    const last = 3 * (n - 1);
    if (n === 0 || this.runs[last + 1] !== code || this.runs[last + 2]! + (i - this.runs[last]!) !== index) {
      if (3 * n === this.runs.length) {
        const runs = new Uint32Array(this.runs.length * 2);
        runs.set(this.runs);
        this.runs = runs;
      }
      this.runs[3 * n] = i;
      this.runs[3 * n + 1] = code;
      this.runs[3 * n + 2] = index;
      this.runCount = n + 1;
    }
    if (derivedSource(made) !== source) this.rankSlots(i)[i] = this.others.push(source);
    if (this.reserved) this.made[this.filled++] = made;
    else this.made.push(made);
  }

  /** `ranks`, made or grown to hold entry `i`. */
  private rankSlots(i: number): Uint32Array {
    let ranks = this.ranks;
    if (!ranks || i >= ranks.length) {
      const grown = new Uint32Array(Math.max(8, 2 * Math.max(i + 1, this.length)));
      if (ranks) grown.set(ranks);
      this.ranks = ranks = grown;
    }
    return ranks;
  }

  /**
   * A copy with the same entries (a patch then replaces the few an edit changed: see replace). The sources that are
   * not derived are copied compactly: replaced entries leave none behind.
   */
  copy(): Made<F, T> {
    this.trim();
    const out = new Made<F, T>(this.kinds);
    out.runs = this.runs.slice(0, Math.max(3, 3 * this.runCount));
    out.runCount = this.runCount;
    (out as { made: T[] }).made = this.made.slice();
    if (this.ranks) {
      const ranks = new Uint32Array(this.ranks.length);
      for (let i = 0; i < Math.min(this.made.length, this.ranks.length); i++) {
        const rank = this.ranks[i]!;
        if (rank !== 0) ranks[i] = out.others.push(this.others[rank - 1]!);
      }
      out.ranks = ranks;
    }
    return out;
  }

  /**
   * The entries of each kind as one block each, in `order`: kind -> [first entry, end, first run, end run], or undefined
   * when a kind's entries are not one block of increasing indexes or the blocks are not in that order (then an edit
   * walks every entry instead: see spliced).
   */
  private blocks(order: readonly F[]): Map<F, [number, number, number, number]> | undefined {
    const out = new Map<F, [number, number, number, number]>();
    const runs = this.runs;
    let rank = -1;
    for (let r = 0; r < this.runCount; r++) {
      const from = this.kinds[runs[3 * r + 1]!]!;
      const end = r + 1 < this.runCount ? runs[3 * (r + 1)]! : this.made.length;
      const block = out.get(from);
      if (block) {
        // The same kind again: right after its last run, at a higher index than that run's last.
        if (block[3] !== r || runs[3 * (r - 1) + 2]! + (runs[3 * r]! - runs[3 * (r - 1)]!) > runs[3 * r + 2]!) return undefined;
        block[1] = end;
        block[3] = r + 1;
        continue;
      }
      const at = order.indexOf(from);
      if (at <= rank) return undefined;
      rank = at;
      out.set(from, [runs[3 * r]!, end, r, r + 1]);
    }
    return out;
  }

  /** Whether the entries are in blocks by kind in `order` (see blocks). */
  inBlocks(order: readonly F[]): boolean {
    return this.blocks(order) !== undefined;
  }

  /** The entries made from the facts entries of one kind with an index in [lo, hi), as [first, end) (see blocks). */
  within(order: readonly F[], from: F, lo: number, hi: number): [number, number] | undefined {
    const block = this.blocks(order)?.get(from);
    if (!block) return this.inBlocks(order) ? [0, 0] : undefined;
    return [this.firstAt(block[0], block[1], lo), this.firstAt(block[0], block[1], hi)];
  }

  /** The first of the entries [from, to) of one block made from a facts index at or after `index` (they increase). */
  private firstAt(from: number, to: number, index: number): number {
    let lo = from;
    let hi = to;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.indexAt(mid) < index) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The entries of one kind, in order (a block: see blocks). */
  blockOf(from: F, order: readonly F[]): T[] | undefined {
    const block = this.blocks(order);
    if (!block) return undefined;
    const b = block.get(from);
    return b ? this.made.slice(b[0], b[1]) : [];
  }

  /**
   * A copy with, for each kind in `parts`, the entries made from the facts entries with an index in [lo, hi) replaced
   * by `add` (entries of the new facts, their indexes as they are now), and the entries of that kind after them moved
   * by `shift` in index: the contribution of a file whose facts lists changed only in those windows, made without a
   * look at every entry (copies of the rest as they are). Undefined when the entries are not in blocks by kind in
   * `order` (see blocks): the caller then makes every entry again.
   */
  spliced(order: readonly F[], parts: ReadonlyMap<F, { lo: number; hi: number; shift: number; add: readonly { index: number; made: T; source: object }[] }>): Made<F, T> | undefined {
    const blocks = this.blocks(order);
    if (!blocks) return undefined;
    const out = new Made<F, T>(this.kinds);
    out.others = this.others.slice();
    const segments: T[][] = [];
    const rankCopies: [number, number, number][] = [];
    const newRanks: [number, object][] = [];
    let n = 0;
    const run = (code: number, index: number): void => {
      const last = 3 * (out.runCount - 1);
      if (out.runCount > 0 && out.runs[last + 1] === code && out.runs[last + 2]! + (n - out.runs[last]!) === index) return;
      if (3 * out.runCount === out.runs.length) {
        const runs = new Uint32Array(out.runs.length * 2);
        runs.set(out.runs);
        out.runs = runs;
      }
      out.runs.set([n, code, index], 3 * out.runCount);
      out.runCount++;
    };
    /** The old entries [from, to) of runs [r0, r1), their indexes moved by `shift`. */
    const copy = (from: number, to: number, r0: number, r1: number, shift: number): void => {
      if (from >= to) return;
      for (let r = r0; r < r1; r++) {
        const start = Math.max(from, this.runs[3 * r]!);
        const end = Math.min(to, r + 1 < this.runCount ? this.runs[3 * (r + 1)]! : this.made.length);
        if (start >= end) continue;
        run(this.runs[3 * r + 1]!, this.runs[3 * r + 2]! + (start - this.runs[3 * r]!) + shift);
        segments.push(this.made.slice(start, end));
        if (this.ranks) rankCopies.push([n, start, Math.min(end, this.ranks.length)]);
        n += end - start;
      }
    };
    for (const from of order) {
      const block = blocks.get(from);
      const part = parts.get(from);
      if (!part) {
        if (block) copy(block[0], block[1], block[2], block[3], 0);
        continue;
      }
      const [e0, e1] = block ? [this.firstAt(block[0], block[1], part.lo), this.firstAt(block[0], block[1], part.hi)] : [0, 0];
      if (block) copy(block[0], e0, block[2], block[3], 0);
      const code = this.kinds.indexOf(from);
      for (const entry of part.add) {
        run(code, entry.index);
        if (derivedSource(entry.made) !== entry.source) newRanks.push([n, entry.source]);
        segments.push([entry.made]);
        n++;
      }
      if (block) copy(e1, block[1], block[2], block[3], part.shift);
    }
    (out as { made: T[] }).made = flatten(segments);
    if (rankCopies.length || newRanks.length) {
      const ranks = new Uint32Array(Math.max(8, n));
      for (const [at, start, end] of rankCopies) if (start < end) ranks.set(this.ranks!.subarray(start, end), at);
      for (const [at, source] of newRanks) ranks[at] = out.others.push(source);
      out.ranks = ranks;
      // The sources of replaced entries stay in `others` (a copy of the last one): kept compact, as copy() keeps it.
      if (out.others.length > 2 * n + 64) {
        const others: object[] = [];
        for (let i = 0; i < n; i++) if (ranks[i] !== 0) ranks[i] = others.push(out.others[ranks[i]! - 1]!);
        out.others = others;
      }
    }
    return out;
  }

  /** Entry `i` made again from a new facts object of the same kind and index. */
  replace(i: number, made: T, source: object): void {
    this.made[i] = made;
    if (derivedSource(made) === source) {
      if (this.ranks && i < this.ranks.length) this.ranks[i] = 0;
    } else this.rankSlots(i)[i] = this.others.push(source);
  }
}

/** The arrays one after another (concat by slices of arguments: a spread of very many would overflow the stack). */
function flatten<T>(parts: readonly T[][]): T[] {
  if (parts.length === 1) return parts[0]!;
  let out: T[] = [];
  for (let i = 0; i < parts.length; i += 8192) out = out.concat(...parts.slice(i, i + 8192));
  return out;
}

/** The source a model object names itself: a footnote's clause or reference its reference, any other object itself. */
function derivedSource(made: object): object {
  return made instanceof FootnoteView ? made.ref : made;
}

type ClauseSource = 'heading' | 'footnote' | 'definition';
type ReferenceSource = 'footnote' | 'definition' | 'link' | 'backref' | 'mention';
const CLAUSE_SOURCES: readonly ClauseSource[] = ['heading', 'footnote', 'definition'];
const REFERENCE_SOURCES: readonly ReferenceSource[] = ['footnote', 'definition', 'link', 'backref', 'mention'];
/** The order a spec's contribution makes its references in (IndexModel.buildSpecReferences, withSpec). */
const REFERENCE_ORDER: readonly ReferenceSource[] = ['footnote', 'definition', 'mention', 'link'];

/** What one file put into the model, each object with its index in that file's facts (to patch the model). */
interface Contribution {
  clauses: Made<ClauseSource, Clause>;
  definitions: { index: number; def: FootnoteDefinitionAt; source: object }[];
  references: Made<ReferenceSource, SpecReference>;
}

const newContribution = (): Contribution => ({ clauses: new Made(CLAUSE_SOURCES), definitions: [], references: new Made(REFERENCE_SOURCES) });

/** What the id maps of a model have in common (Map<string, T[]> and IdMap<T>). */
interface ListMap<T> {
  get(id: string): T[] | undefined;
  set(id: string, list: T[]): unknown;
  delete(id: string): unknown;
}

/** What IdMap reads of its base: a Map of ids to one object or a list, or a ListIndex over a model's clause list. */
interface IdBase<T> extends Iterable<[string, T | T[]]> {
  readonly size: number;
  get(id: string): T | T[] | undefined;
  has(id: string): boolean;
}

/** A string's hash for ListIndex (FNV-1a over its UTF-16 code units): any spread works, it only picks a first slot. */
function idHash(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * The ids of a list's items (a model's clause list), an IdMap's base built in place of a Map: an open-addressed table of
 * item places (an Int32Array sized once from the most items the list may get, at most half full: no rehash copies),
 * the ids read from the items themselves. An id with more than one item keeps its list in a small Map. For the
 * 200,000-reference spec's 200,000 clauses a table of 2 MB, where a Map's hash table was 7.3 MB (and the 3.6 MB one it
 * replaced while it grew) [^big_documents]. Lists items as a Map lists ids: in the order of each id's first item.
 * Changed only while the model is built (add), before any copy of the IdMap shares it; `items` is never changed after.
 */
class ListIndex<T extends object> implements IdBase<T> {
  private readonly slots: Int32Array;
  private readonly mask: number;
  /** The ids of more than one item, and their items in order. */
  private lists: Map<string, T[]> | undefined;
  /** Items added: the list's first `added` places. */
  private added = 0;
  size = 0;

  constructor(
    private readonly items: Listed<T>,
    private readonly idAt: (i: number) => string,
    private readonly capacity: number,
  ) {
    let n = 16;
    while (n < 2 * capacity) n *= 2;
    this.slots = new Int32Array(n);
    this.mask = n - 1;
  }

  /** The slot of an id: the one holding its first item's place + 1, or the empty slot (0) where it would go. */
  private slotOf(id: string): number {
    const slots = this.slots;
    const mask = this.mask;
    for (let h = idHash(id) & mask; ; h = (h + 1) & mask) {
      const s = slots[h]!;
      if (s === 0 || this.idAt(s - 1) === id) return h;
    }
  }

  /** Item `i` of the list (its places before `i` are added already). Returns whether its id is new. */
  add(i: number): boolean {
    // At most `capacity` items: the table stays at most half full (the probes stay short, and an empty slot ends each).
    if (i >= this.capacity) throw new Error('ListIndex: more items than its capacity');
    const id = this.idAt(i);
    const h = this.slotOf(id);
    const s = this.slots[h]!;
    this.added = i + 1;
    if (s === 0) {
      this.slots[h] = i + 1;
      this.size++;
      return true;
    }
    const item = this.items.at(i)!;
    const list = this.lists?.get(id);
    if (list) list.push(item);
    else (this.lists ??= new Map()).set(id, [this.items.at(s - 1)!, item]);
    return false;
  }

  get(id: string): T | T[] | undefined {
    const s = this.slots[this.slotOf(id)]!;
    if (s === 0) return undefined;
    return this.lists?.get(id) ?? this.items.at(s - 1);
  }

  has(id: string): boolean {
    return this.slots[this.slotOf(id)] !== 0;
  }

  *[Symbol.iterator](): IterableIterator<[string, T | T[]]> {
    for (let i = 0; i < this.added; i++) {
      const id = this.idAt(i);
      if (this.slots[this.slotOf(id)] === i + 1) yield [id, this.lists?.get(id) ?? this.items.at(i)!];
    }
  }
}

/**
 * Objects by id, like a `Map<string, T[]>`, but an id with one object (almost every id) holds the object itself, not a
 * one-element array: a 200,000-reference spec has 400,000 such ids, and their arrays cost ~22 MB [^big_documents].
 * `get` returns a fresh array for such an id; callers read it and never change it.
 */
export class IdMap<T extends object> implements Iterable<[string, T[]]> {
  /**
   * `present`: what a reader is given for a stored object (the reference of a footnote clause stored as a model
   * reference, see referenceOf). The model's own bookkeeping (patches, swaps) reads the stored objects (`stored`).
   */
  constructor(private readonly present?: (stored: T) => T) {}

  /**
   * A map of references bound to the model's clauses: an id whose only reference is the footnote clause the model made
   * of it (every id of a spec that names each footnote once) has no entry of its own; its entry is read from the
   * clauses (implicitOf): one id map for both where there were two (a V8 hash table of 262,144 slots, 7.3 MB, for the
   * 200,000-reference spec) [^big_documents]. A copy for another model is bound to that model's clauses.
   */
  private clauses: IdMap<Clause> | undefined;
  /** While the model adds its references: whether a clause's own reference has been added yet (see addImplicit). */
  private addedYet: ((clause: FootnoteClause) => boolean) | undefined;

  /** This map's implicit entries read from `clauses` (a map of references of the model owning `clauses`). */
  bindClauses(clauses: IdMap<Clause>): this {
    this.clauses = clauses;
    return this;
  }

  /** The one stored reference of an id without an entry of its own: its one clause, when that is a footnote clause. */
  private implicitOf(id: string): T | undefined {
    if (!this.clauses) return undefined;
    const c = this.clauses.raw(id);
    if (!(c instanceof FootnoteClause)) return undefined;
    return this.addedYet && !this.addedYet(c) ? undefined : (c as unknown as T);
  }

  /**
   * Adds the references of a model being built, `added` telling which clauses' own references are in already (the
   * model adds them in order: a clause's own reference is added after every reference of a spec before its file).
   */
  adding(added: ((clause: FootnoteClause) => boolean) | undefined): void {
    this.addedYet = added;
  }

  /*
   * Persistent in two layers, so a copy per edit costs the size of what edits changed, not of the map: `base` is never
   * changed once a copy shares it; `delta` holds this map's own entries over it (null: deleted from the base), `moved`
   * the base ids deleted and added again (listed after the base ones, as a Map lists an id set again). A copy shares
   * the base and copies the delta; when the delta grows past an eighth of the base, the copy folds it into a new base.
   * Iteration order is a Map's (first insertion, a deleted and re-added id at the end).
   */
  private base: IdBase<T> = new Map<string, T | T[]>();
  private delta = new Map<string, T | T[] | null>();
  private moved = new Set<string>();
  private count = 0;
  /** Until the first copy, lists are this map's own and `add` may extend them in place. */
  private own = true;

  /**
   * A new, empty map whose entries will be the ids of `items` (see ListIndex): the model adds each item with addAt
   * once it is in the list, at most `capacity` of them.
   */
  indexing(items: Listed<T>, idAt: (i: number) => string, capacity: number): this {
    if (this.count !== 0 || !this.own) throw new Error('IdMap.indexing: the map is not new');
    this.base = new ListIndex(items, idAt, capacity);
    return this;
  }

  /** Item `i` of the list this map indexes (see indexing), added under its id. */
  addAt(i: number): void {
    const base = this.base;
    if (!(base instanceof ListIndex) || !this.own || this.delta.size !== 0) throw new Error('IdMap.addAt: the map does not index a list being built');
    if (base.add(i)) this.count++;
  }

  /** The number of ids; for a map of references bound to clauses, counted (its implicit entries change with them). */
  get size(): number {
    if (!this.clauses) return this.count;
    let n = 0;
    for (const entry of this.entries()) if (entry) n++;
    return n;
  }

  /** The entries this map stores itself (its base and delta; not the implicit ones): what it costs. */
  get storedSize(): number {
    return this.base.size + this.delta.size;
  }

  private raw(id: string): T | T[] | undefined {
    const d = this.delta.get(id);
    if (d !== undefined) return d ?? undefined;
    return this.base.get(id) ?? this.implicitOf(id);
  }

  /** Whether an id has an entry below the delta: in the base or implicit. */
  private below(id: string): boolean {
    return this.base.has(id) || this.implicitOf(id) !== undefined;
  }

  has(id: string): boolean {
    return this.raw(id) !== undefined;
  }

  get(id: string): T[] | undefined {
    const v = this.raw(id);
    return v === undefined ? undefined : this.presented(v);
  }

  /** The objects of an id as stored (the same objects from one call to the next): for the model's patches. */
  storedList(id: string): T[] | undefined {
    const v = this.raw(id);
    return v === undefined ? undefined : Array.isArray(v) ? v : [v];
  }

  /** This map's stored objects as a ListMap (get returns them as stored, not presented). */
  stored(): ListMap<T> {
    return { get: (id) => this.storedList(id), set: (id, list) => this.set(id, list), delete: (id) => this.delete(id) };
  }

  private presented(v: T | T[]): T[] {
    const present = this.present;
    if (!present) return Array.isArray(v) ? v : [v];
    return Array.isArray(v) ? v.map(present) : [present(v)];
  }

  /** Whether some object of this id passes `test` (without the array `get` makes for an id of one object). */
  some(id: string, test: (x: T) => boolean): boolean {
    const v = this.raw(id);
    if (v === undefined) return false;
    const present = this.present;
    if (present) return Array.isArray(v) ? v.some((x) => test(present(x))) : test(present(v));
    return Array.isArray(v) ? v.some(test) : test(v);
  }

  /** Whether more than one object has this id. */
  isList(id: string): boolean {
    return Array.isArray(this.raw(id));
  }

  /** The first object of an id, without an array. */
  first(id: string): T | undefined {
    const v = this.raw(id);
    const x = Array.isArray(v) ? v[0] : v;
    return x !== undefined && this.present ? this.present(x) : x;
  }

  set(id: string, list: T[]): void {
    this.put(id, list.length === 1 ? list[0]! : list);
  }

  private put(id: string, value: T | T[]): void {
    const d = this.delta.get(id);
    if (d === null) {
      // A base id deleted before: listed again at the end.
      this.delta.delete(id);
      this.moved.add(id);
      this.count++;
    } else if (d === undefined && !this.below(id)) this.count++;
    this.delta.set(id, value);
  }

  add(id: string, value: T): void {
    if (this.clauses && value instanceof FootnoteClause && sameClause(this.clauses.raw(id), value) && this.delta.get(id) === undefined && !this.base.has(id)) {
      // The clause's own reference, the first of its id: the entry stays implicit (read from the clauses).
      this.count++;
      return;
    }
    const v = this.raw(id);
    if (v === undefined) this.put(id, value);
    else if (Array.isArray(v) && this.own && this.delta.get(id) === v) v.push(value);
    else this.put(id, Array.isArray(v) ? [...v, value] : [v, value]);
  }

  delete(id: string): boolean {
    const d = this.delta.get(id);
    if (d === null) return false;
    if (this.below(id)) this.delta.set(id, null);
    else if (d === undefined) return false;
    else this.delta.delete(id);
    this.count--;
    return true;
  }

  /** A new map with the same entries (lists shared: replace them with set, never change them in place). */
  copy(clauses?: IdMap<Clause>): IdMap<T> {
    if (this.delta.size > 0 && (this.base.size === 0 || this.delta.size > Math.max(64, this.base.size >> 3))) this.fold();
    this.own = false;
    const out = new IdMap<T>(this.present);
    out.clauses = clauses ?? this.clauses;
    out.base = this.base;
    out.delta = new Map(this.delta);
    out.moved = new Set(this.moved);
    out.count = this.count;
    out.own = false;
    return out;
  }

  /** The delta folded into a new base (the old base may be shared: it is not changed). */
  private fold(): void {
    // An implicit entry deleted stays deleted: its null stays in the delta (the base holds no implicit entry).
    const deleted = new Map<string, null>();
    for (const [id, v] of this.delta) if (v === null && !this.base.has(id)) deleted.set(id, null);
    if (this.base.size === 0 && this.moved.size === 0) {
      const base = new Map<string, T | T[]>();
      for (const [id, v] of this.delta) if (v !== null) base.set(id, v);
      this.base = base;
    } else {
      const base = new Map<string, T | T[]>();
      for (const [id, v] of this.entries(false)) base.set(id, v);
      this.base = base;
    }
    this.delta = deleted;
    this.moved = new Set();
  }

  /** The entries, the implicit ones (see implicitOf) after the base's unless `implicit` is false. */
  private *entries(implicit = true): IterableIterator<[string, T | T[]]> {
    if (implicit && this.clauses) {
      yield* this.entries(false);
      for (const [id] of this.clauses.entries(false)) {
        if (this.base.has(id) || this.delta.has(id)) continue;
        const v = this.implicitOf(id);
        if (v !== undefined) yield [id, v];
      }
      return;
    }
    if (this.delta.size === 0) {
      yield* this.base;
      return;
    }
    for (const [id, v] of this.base) {
      if (this.moved.has(id)) continue;
      const d = this.delta.get(id);
      if (d === null) continue;
      yield [id, d ?? v];
    }
    for (const [id, d] of this.delta) {
      if (d === null || (this.base.has(id) && !this.moved.has(id))) continue;
      yield [id, d];
    }
  }

  *keys(): IterableIterator<string> {
    for (const [id] of this.entries()) yield id;
  }

  *values(): IterableIterator<T[]> {
    for (const [, v] of this.entries()) yield this.presented(v);
  }

  *[Symbol.iterator](): IterableIterator<[string, T[]]> {
    for (const [id, v] of this.entries()) yield [id, this.presented(v)];
  }
}

/**
 * A model's clauses as readers read them: an array (an editing index's model), or BatchClauses (a batch index's,
 * whose footnote clauses are made when read) [^big_documents].
 */
export type Clauses = ReadList<Clause>;

/**
 * The clauses of a batch index's model (`clarify check`, `clarify report`): its heading clauses and the clauses of
 * definitions as objects, its footnote clauses as places of the specs' FootnoteRefColumns (4 bytes a clause, an
 * Int32Array per spec), each made when read (a ColumnFootnoteClause: equal, not the same object, from one read to the
 * next; sameClause compares them). The 200,000-reference spec: 200,000 clause objects of 40 bytes and the list's
 * slots, 9.6 MB from the model to the output, are 0.8 MB [^big_documents]. A batch model is never patched, and nothing
 * of it keys a memo by clause object for another model (the editing index's models hold arrays of objects).
 */
class BatchClauses extends ReadListView<Clause> {
  /** Runs in order: objects, or places of one spec's columns. */
  private readonly runs: ({ start: number; objects: Clause[] } | { start: number; refs: FootnoteRefColumns; places: Int32Array; count: number })[] = [];
  length = 0;

  add(clause: Clause): void {
    const last = this.runs[this.runs.length - 1];
    if (last && 'objects' in last) last.objects.push(clause);
    else this.runs.push({ start: this.length, objects: [clause] });
    this.length++;
  }

  /** Adds the footnote clause of reference `index` of `refs` (places added in increasing order per spec). */
  addColumn(refs: FootnoteRefColumns, index: number): void {
    let last = this.runs[this.runs.length - 1];
    if (!last || 'objects' in last || last.refs !== refs) {
      last = { start: this.length, refs, places: new Int32Array(refs.length), count: 0 };
      this.runs.push(last);
    }
    last.places[last.count++] = index;
    this.length++;
  }

  /** The run holding place `i` (0 <= i < length). */
  private runAt(i: number): BatchClauses['runs'][number] {
    const runs = this.runs;
    let lo = 0;
    let hi = runs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (runs[mid]!.start <= i) lo = mid;
      else hi = mid - 1;
    }
    return runs[lo]!;
  }

  /** The id of the clause at `i`, without making the clause. */
  idAt(i: number): string {
    const run = this.runAt(i);
    return 'objects' in run ? run.objects[i - run.start]!.id : run.refs.idAt(run.places[i - run.start]!);
  }

  at(i: number): Clause | undefined {
    if (i < 0) i += this.length;
    if (!(i >= 0 && i < this.length)) return undefined;
    const run = this.runAt(i);
    return 'objects' in run ? run.objects[i - run.start] : new ColumnFootnoteClause(run.refs, run.places[i - run.start]!);
  }

  /** The clauses as the array this list replaces is written. */
  toJSON(): Clause[] {
    return this.map((c) => c);
  }
}

/**
 * The examples of a model's footnote clauses by clause: a clause object, or for a footnote clause a batch model makes
 * when read (see BatchClauses), its columns and place.
 */
class ExampleCache {
  private readonly byClause = new Map<Clause, ExampleInfo>();
  private readonly byPlace = new Map<FootnoteRefColumns, Map<number, ExampleInfo>>();

  get(clause: Clause): ExampleInfo | undefined {
    return clause instanceof ColumnFootnoteClause ? this.byPlace.get(clause.refs)?.get(clause.index) : this.byClause.get(clause);
  }

  set(clause: Clause, info: ExampleInfo): void {
    if (!(clause instanceof ColumnFootnoteClause)) this.byClause.set(clause, info);
    else {
      let places = this.byPlace.get(clause.refs);
      if (!places) this.byPlace.set(clause.refs, (places = new Map()));
      places.set(clause.index, info);
    }
  }
}

/**
 * Whether two clauses (or stored values of an id map) are the same clause: the same object, or two reads of one
 * footnote clause of a batch model (BatchClauses makes one on each read).
 */
function sameClause(a: unknown, b: unknown): boolean {
  return a === b || (a instanceof ColumnFootnoteClause && b instanceof ColumnFootnoteClause && a.refs === b.refs && a.index === b.index);
}

/** A list read at places: an array, or a spec's footnote references (FootnoteRefs). */
interface Listed<T> {
  readonly length: number;
  at(index: number): T | undefined;
}

/** A base model and the objects of one file to swap in it (see IndexModel.patched). */
interface Patch {
  base: IndexModel;
  swap: Map<unknown, unknown>;
  contributions: Map<string, Contribution>;
  /** The file patched: a spec's patch swaps only its clauses, definitions and references; a code file's only citations. */
  file?: { path: string; role: 'spec' | 'code' };
  /** The new lists and maps of a model built from its base (IndexModel.withSpec): ids, coverage and targets change. */
  rebuilt?: {
    clauses: Clause[];
    clausesById: IdMap<Clause>;
    definitionsById: IdMap<FootnoteDefinitionAt>;
    specReferencesById: IdMap<SpecReference>;
    /** The base's listedIdsOf by file, when every file's ids declared more than once are the base's (see withSpec). */
    listedIds?: Map<string, readonly string[]>;
  };
}

/** An immutable view of the index at one moment. */
export class IndexModel {
  /** An array, or a BatchClauses in a batch index's model (its footnote clauses made when read). */
  readonly clauses: Clauses = [];
  readonly clausesById = new IdMap<Clause>();
  /** The clauses in `clauses` while the model is built (its list is sized once, then cut to them). */
  private clauseCount = 0;
  readonly citations: Citation[] = [];
  readonly citationsById = new Map<string, Citation[]>();
  readonly definitionsById = new IdMap<FootnoteDefinitionAt>();
  readonly specReferencesById = new IdMap<SpecReference>(presentReference).bindClauses(this.clausesById);
  readonly specFiles: string[];
  readonly codeFiles: string[];
  readonly exampleFiles: string[];
  private readonly folders: Set<string> = new Set<string>();
  private readonly exampleCache: ExampleCache = new ExampleCache();
  /** Whether a folder holds an examples folder, by folder (exampleOf asks it for every footnote clause). */
  private readonly exampleFolders: Map<string, boolean> = new Map<string, boolean>();
  /** Test targets of footnote definitions, resolved, by definition (lazily, like examples) [^tt3v]. */
  private readonly testStatusCache: Map<FootnoteDefinitionAt, TestTargetStatus[]> = new Map();
  /** Every workspace path a test target may name. */
  private readonly testTargetFiles: Set<string> = new Set();
  private readonly contributions: Map<string, Contribution> = new Map<string, Contribution>();
  /** The scope of each spec file that is not in the workspace scope [^sc5p]. */
  private readonly scopes: Map<string, Scope> = new Map<string, Scope>();
  /** Scopes by key (path), for names and descriptions. */
  private readonly scopesByKey: Map<string, Scope> = new Map<string, Scope>();
  /**
   * A feature folder's spec written beside the folder, `specs/003-x.md` next to `specs/003-x/` (a document scope of
   * its own): an id the folder's files mention that the folder does not declare resolves there [^sk2m].
   */
  private readonly siblingSpecs: Map<string, string> = new Map<string, string>();
  /** Each draft that includes specs: the draft and the specs it includes, one document [^kr7i]. */
  private readonly includeGroups: Map<string, string[]> = new Map<string, string[]>();
  /** Each spec of a bound document: the document's specs in binding order, one page for `#anchor` links [^ln8b]. */
  private readonly bindings: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>();
  /**
   * Each page of an mdBook book that includes Markdown files (`{{#include file.md}}`): the page and the files pasted
   * into it, one page for every link to it, `page.md#anchor` too [^ln8b].
   */
  private readonly includePages: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>();
  /** The ids a bound document's build gives its definition-list terms (termIds), per binding, made on first use. */
  private readonly bindingTermIds = new WeakMap<readonly string[], Set<string>>();
  /** Whether any spec is in a scope other than the workspace (else every lookup is by id alone, as it always was). */
  readonly hasScopes: boolean = false;
  /** What a cited id names (see citationTarget), memoized by id. */
  private readonly targets: Map<string, { id: string; scope: string } | null> = new Map<string, { id: string; scope: string } | null>();
  /** Whether withSpec made this model from its base by splicing the edited file's last contribution (tests). */
  spliced = false;
  /**
   * A model of a batch index (`clarify check`, `clarify report`: no file is edited): it keeps no per-file lists of the
   * clauses and references each spec made, which only patching a model after an edit reads (two lists of 200,000
   * entries for the 200,000-reference spec, 3.2 MB at the peak) [^big_documents]. A file's clauses are read from its
   * places in `clauses` (clauseSpansOf); an edit of a batch index builds its model again (patchedSpec and withSpec give
   * up), as a patch of a code file shares its base's lists.
   */
  private readonly batch: boolean;
  /** The nearest known id of each unknown cited id asked (diagnostics' suggestions), memoized; see nearestAfter for a model built from another. */
  readonly nearest: Map<string, Nearest | null> = new Map<string, Nearest | null>();

  constructor(
    readonly classifier: PathClassifier,
    readonly specs: ReadonlyMap<string, SpecFacts>,
    readonly code: ReadonlyMap<string, CodeFacts>,
    readonly examples: ReadonlyMap<string, ExampleFacts>,
    readonly files: ReadonlySet<string>,
    readonly configProblems: readonly string[],
    private readonly ambiguity: ReadonlyMap<string, AmbiguityHit[]> = new Map(),
    private readonly llmHits: ReadonlyMap<string, AmbiguityHit[]> = new Map(),
    patch?: Patch,
    batch = false,
  ) {
    this.batch = patch ? patch.base.batch : batch;
    if (patch) {
      const { base, swap } = patch;
      this.specFiles = base.specFiles;
      this.codeFiles = base.codeFiles;
      this.exampleFiles = base.exampleFiles;
      this.folders = base.folders;
      // Same formats, ids and scopes (the spec's signature holds its format): the same scopes and citation targets.
      this.scopes = base.scopes;
      this.scopesByKey = base.scopesByKey;
      this.includeGroups = base.includeGroups;
      this.bindings = base.bindings;
      this.includePages = base.includePages;
      this.siblingSpecs = base.siblingSpecs;
      this.hasScopes = base.hasScopes;
      this.targets = base.targets;
      // Lazily derived and keyed by clause object: stale keys of swapped clauses are never asked again.
      this.exampleCache = base.exampleCache;
      this.exampleFolders = base.exampleFolders;
      // Same definitions with the same targets; a test file they name was not changed (else no patch).
      this.testStatusCache = base.testStatusCache;
      this.testTargetFiles = base.testTargetFiles;
      this.contributions = patch.contributions;
      this.owners = base.owners;
      this.order = base.order;
      // Ids with citations are never added or removed by a patch: the same unknown citations.
      this.unknownCitationFilesCache = base.unknownCitationFilesCache;
      if (patch.rebuilt) {
        // Other ids: what citations name and which clauses are covered is computed again when asked.
        this.targets = new Map();
        this.clauses = patch.rebuilt.clauses;
        this.clausesById = patch.rebuilt.clausesById;
        this.citations = base.citations;
        this.citationsById = base.citationsById;
        this.definitionsById = patch.rebuilt.definitionsById;
        this.specReferencesById = patch.rebuilt.specReferencesById;
        if (patch.rebuilt.listedIds) this.listedIds = patch.rebuilt.listedIds;
        return;
      }
      // Same ids, parents and citations: the same coverage, the same nearest ids, the same ids declared more than once.
      this.listedIds = base.listedIds;
      this.nearest = base.nearest;
      this.knownCache = base.knownCache;
      this.coveredIds = base.coveredIds;
      this.coveredParentIds = base.coveredParentIds;
      this.coveredCount = base.coveredCount;
      // A patch keeps every clause at its place in the flat list: the places of a file's clauses stay valid.
      this.clauseSpans = base.clauseSpans;
      const remap = <T>(list: T[], spans: readonly (readonly [number, number])[] = [[0, list.length]]): T[] => {
        let out: T[] | undefined;
        for (const [from, to_] of spans) {
          for (let i = from; i < to_; i++) {
            const to = swap.get(list[i]) as T | undefined;
            if (to === undefined) continue;
            out ??= [...list];
            out[i] = to;
          }
        }
        return out ?? list;
      };
      const ids = new Set<string>();
      for (const old of swap.keys()) ids.add((old as { id: string }).id);
      // Copy on write: the base model stays as it was (an answer computed from it never sees a torn state); the new
      // maps share every list of an id this edit did not touch.
      const remapMap = <T, M extends ListMap<T>>(from: M, copy: (m: M) => M): M => {
        let out: M | undefined;
        for (const id of ids) {
          // The objects as stored (a map of references hands out made ones: see referenceOf).
          const list = from instanceof IdMap ? (from.storedList(id) as T[] | undefined) : from.get(id);
          if (!list) continue;
          const to = remap(list);
          if (to !== list) (out ??= copy(from)).set(id, to);
        }
        return out ?? from;
      };
      // Only the patched file's own objects are swapped: the clauses of a spec (at their places), the citations of code.
      const role = patch.file?.role;
      this.clauses = role === 'code' ? base.clauses : remap(base.clauseArray(), role === 'spec' ? base.clauseSpansOf(patch.file!.path) : undefined);
      const copyIds = <T extends object>(m: IdMap<T>): IdMap<T> => m.copy();
      const copyMap = <T>(m: Map<string, T[]>): Map<string, T[]> => new Map(m);
      this.clausesById = remapMap(base.clausesById, copyIds);
      this.citations = role === 'spec' ? base.citations : remap(base.citations);
      this.citationsById = remapMap(base.citationsById, copyMap);
      this.definitionsById = remapMap(base.definitionsById, copyIds);
      this.specReferencesById = remapMap(base.specReferencesById, (m) => m.copy(this.clausesById));
      return;
    }
    this.specFiles = [...specs.keys()].sort(byPath);
    this.codeFiles = [...code.keys()].sort(byPath);
    this.exampleFiles = [...examples.keys()].sort(byPath);
    for (const f of files) {
      for (let d = dirname(f); d && !this.folders.has(d); d = dirname(d)) this.folders.add(d);
    }
    for (const file of this.specFiles) {
      const scope = scopeOf(file, specs.get(file)!.format, classifier.config);
      if (scope.kind === 'workspace') continue;
      this.scopes.set(file, scope);
      this.scopesByKey.set(scope.path, scope);
    }
    // A file a draft includes is part of that draft: its scope, its anchors; a piece of a draft that no draft includes
    // is a document of its own [^kr7i].
    const included = includedBy(this.specFiles, specs, classifier.config);
    for (const [file, draft] of included) {
      this.scopes.set(file, this.scopes.get(draft)!);
      let group = this.includeGroups.get(draft);
      if (!group) this.includeGroups.set(draft, (group = [draft]));
      group.push(file);
    }
    // Fragments a build binds into one page: one page for their `#anchor` links [^ln8b].
    const bindings = bindingGroups(classifier.config, this.specFiles, (f) => specs.has(f));
    // A page of an mdBook book and the files it includes are one page too; a fragment's same-page links are read on the
    // first page that includes it, unless a binder binds it [^ln8b].
    const books = [...files].filter((f) => f === 'book.toml' || f.endsWith('/book.toml')).map(dirname);
    if (books.length) {
      this.includePages = mdbookIncludePages(this.specFiles, specs, (f) => books.some((b) => b === '' || f.startsWith(`${b}/`)));
      for (const group of this.includePages.values()) for (const f of group) if (!bindings.has(f)) bindings.set(f, group);
    }
    // A page of a DocFX project and the files its block inclusions paste in are one page too, as an mdBook page and its
    // includes are [^tr36d].
    const docfx = classifier.config.docfx;
    if (docfx?.length) {
      const pages = docfxIncludePages(this.specFiles, specs, (f) => this.docfxProjectOf(f));
      if (pages.size) {
        const all = new Map(this.includePages);
        for (const [page, group] of pages) if (!all.has(page)) all.set(page, group);
        this.includePages = all;
        for (const group of pages.values()) for (const f of group) if (!bindings.has(f)) bindings.set(f, group);
      }
    }
    // A page of a Docusaurus site and the Markdown partials it imports and renders are one page too, as an mdBook page
    // and its includes are [^ln9x].
    const sites = classifier.config.docusaurus;
    if (sites?.length) {
      const pages = docusaurusImportPages(sites, this.specFiles, specs);
      if (pages.size) {
        const all = new Map(this.includePages);
        for (const [page, group] of pages) if (!all.has(page)) all.set(page, group);
        this.includePages = all;
        for (const group of pages.values()) for (const f of group) if (!bindings.has(f)) bindings.set(f, group);
      }
    }
    this.bindings = bindings;
    for (const [file, scope] of orphanFragmentScopes(this.specFiles, specs, classifier.config, included)) {
      this.scopes.set(file, scope);
      this.scopesByKey.set(scope.path, scope);
    }
    // A feature's spec written beside its folder (`specs/003-x.md` next to `specs/003-x/`) [^sk2m].
    for (const file of this.specFiles) {
      const folder = SIBLING_FEATURE_SPEC_RE.test(file) ? file.slice(0, -3) : undefined;
      if (folder !== undefined && this.scopes.get(file)?.kind === 'document' && this.scopesByKey.get(folder)?.kind === 'folder') this.siblingSpecs.set(folder, file);
    }
    this.hasScopes = this.scopes.size > 0;
    // The clause list sized once for the most clauses the specs may declare (every heading clause, footnote reference
    // and definition), and the id map an index over it (see ListIndex): no growth copies of a list or a hash table of
    // 200,000 entries while the model is built, the peak of a big check [^big_documents].
    let capacity = 0;
    for (const file of this.specFiles) {
      const facts = specs.get(file)!;
      capacity += facts.headingClauses.length + facts.footnoteRefs.length + facts.footnoteDefs.length;
    }
    if (this.batch) {
      const list = new BatchClauses();
      this.clauses = list;
      this.clausesById.indexing(list, (i) => list.idAt(i), capacity);
    } else {
      const list = new Array<Clause>(capacity);
      this.clauses = list;
      this.clausesById.indexing(list, (i) => list[i]!.id, capacity);
    }
    this.buildClauses();
    if (Array.isArray(this.clauses)) (this.clauses as Clause[]).length = this.clauseCount;
    for (const file of this.codeFiles) {
      for (const c of code.get(file)!.citations) {
        this.citations.push(c);
        // A scope-qualified citation `[^name:id]` is a citation of `id` (in that scope) [^sc5p].
        push(this.citationsById, this.hasScopes ? (this.citationTarget(c.id)?.id ?? c.id) : c.id, c);
      }
    }
    this.buildTestCitations();
    this.buildSpecReferences();
    this.footnotePlaces = undefined;
    for (const c of this.contributions.values()) {
      c.clauses.trim();
      c.references.trim();
    }
  }

  /** The tests footnote definitions name, as test citations of their clauses [^tt3v]. */
  private buildTestCitations(): void {
    for (const file of this.specFiles) {
      for (const made of this.contributions.get(file)?.definitions ?? []) {
        const def = made.def;
        if (!def.tests) continue;
        for (const t of def.tests) for (const c of testTargetCandidates(def.file, t)) this.testTargetFiles.add(c);
        for (const status of this.testTargetsOfDefinition(def)) {
          const citation = testTargetCitation(status, (p) => this.code.has(p), (p) => (this.classifier.isTestPath(p) ? 'test' : 'code'));
          if (!citation) continue;
          this.citations.push(citation);
          push(this.citationsById, citation.id, citation);
        }
      }
    }
  }

  /** The resolved test targets of one footnote definition. */
  testTargetsOfDefinition(def: FootnoteDefinitionAt): TestTargetStatus[] {
    if (!def.tests) return [];
    let statuses = this.testStatusCache.get(def);
    if (!statuses) {
      statuses = def.tests.map((t) => resolveTestTarget(def.id, def.file, t, { files: this.files, code: this.code }));
      this.testStatusCache.set(def, statuses);
    }
    return statuses;
  }

  /** The resolved test targets of the definitions of one spec file, or of all (`test.missing` reads them). */
  testTargets(file?: string): TestTargetStatus[] {
    const out: TestTargetStatus[] = [];
    for (const f of file === undefined ? this.specFiles : [file]) {
      for (const made of this.contributions.get(f)?.definitions ?? []) out.push(...this.testTargetsOfDefinition(made.def));
    }
    return out;
  }

  /** Whether some test target may name this path (an edit of that file changes citations). */
  isTestTargetFile(path: string): boolean {
    return this.testTargetFiles.has(path);
  }

  private contribution(file: string): Contribution {
    let c = this.contributions.get(file);
    if (!c) this.contributions.set(file, (c = newContribution()));
    return c;
  }

  /** The scope of a file: its spec's scope; code, examples and every other file are in the workspace scope. */
  scopeOf(file: string): Scope {
    return this.scopes.get(file) ?? WORKSPACE_SCOPE;
  }

  private scopeKeyOf(file: string): string {
    return this.scopes.get(file)?.path ?? '';
  }

  /** The clause with this id in this scope. */
  clauseIn(id: string, scope: string): Clause | undefined {
    const list = this.clausesById.get(id);
    if (!list) return undefined;
    if (!this.hasScopes) return list[0];
    return list.find((c) => this.scopeKeyOf(c.file) === scope);
  }

  /** The distinct scopes that declare an id. */
  scopesOf(id: string): Scope[] {
    const out = new Map<string, Scope>();
    for (const c of this.clausesById.get(id) ?? []) out.set(this.scopeKeyOf(c.file), this.scopeOf(c.file));
    return [...out.values()];
  }

  /**
   * What a citation's id names [^sc5p]: an id declared in the workspace scope, or in exactly one scope, is that
   * clause; `name:id` is `id` in the scope called `name`. Undefined when the id is unknown or ambiguous (several scopes
   * declare it and none is the workspace).
   */
  citationTarget(raw: string): { id: string; scope: string } | undefined {
    let t = this.targets.get(raw);
    if (t === undefined) {
      t = this.computeTarget(raw);
      this.targets.set(raw, t);
    }
    return t ?? undefined;
  }

  private computeTarget(raw: string): { id: string; scope: string } | null {
    const list = this.clausesById.get(raw);
    if (list?.length) {
      if (!this.hasScopes) return { id: raw, scope: '' };
      const keys = new Set(list.map((c) => this.scopeKeyOf(c.file)));
      if (keys.has('')) return { id: raw, scope: '' };
      return keys.size === 1 ? { id: raw, scope: [...keys][0]! } : null;
    }
    const q = this.hasScopes ? splitQualified(raw) : undefined;
    if (!q) return null;
    const keys = new Set((this.clausesById.get(q.id) ?? []).map((c) => this.scopeKeyOf(c.file)).filter((k) => this.scopesByKey.get(k)?.name === q.name));
    return keys.size === 1 ? { id: q.id, scope: [...keys][0]! } : null;
  }

  /** Code and test citations of one clause (of its id, in its scope). */
  citationsOf(clause: Clause): Citation[] {
    const list = this.citationsById.get(clause.id) ?? [];
    if (!this.hasScopes) return list;
    const key = this.scopeKeyOf(clause.file);
    return list.filter((c) => this.citationTarget(c.id)?.scope === key);
  }

  /** Requirement ids mentioned in specs (of all specs, or of one) that the mentioning file's scope does not declare [^sk2m]. */
  unknownMentions(only?: string): UnknownMention[] {
    const out: UnknownMention[] = [];
    let restated: Map<string, Set<string>> | undefined;
    for (const file of only === undefined ? this.specFiles : this.specs.has(only) ? [only] : []) {
      const facts = this.specs.get(file)!;
      if (facts.mentions.length === 0) continue;
      const key = this.scopeKeyOf(file);
      const sibling = this.siblingSpecs.get(key);
      for (const m of facts.mentions) {
        // A mention whose sentence names another feature, of an id this feature does not declare: that feature's.
        if (m.otherFeatureNamed || this.clauseIn(m.id, key) || (sibling !== undefined && this.clauseIn(m.id, sibling))) continue;
        // An id that an item of another spec file of the feature declares (`spec-v2.md`'s `**FR-101**: …`).
        if ((restated ??= this.restatedIds()).get(key)?.has(m.id)) continue;
        out.push({ ...m, file, scope: this.scopeOf(file) });
      }
    }
    return out;
  }

  /**
   * By scope key: the ids that items of a feature's other spec files open with (IdMention.declares), of the files with
   * at least one item that states a requirement (a version of the spec, not a review of it) [^sk2m].
   */
  private restatedIds(): Map<string, Set<string>> {
    const out = new Map<string, Set<string>>();
    for (const file of this.specFiles) {
      const mentions = this.specs.get(file)!.mentions;
      if (!mentions.some((m) => m.declares === 'requirement')) continue;
      const key = this.scopeKeyOf(file);
      let ids = out.get(key);
      if (!ids) out.set(key, (ids = new Set()));
      for (const m of mentions) if (m.declares) ids.add(m.id);
    }
    return out;
  }

  /** The footnote definitions of a spec file, in the file's order. */
  definitionsOfFile(file: string): FootnoteDefinitionAt[] {
    return (this.contributions.get(file)?.definitions ?? []).map((d) => d.def);
  }

  /** Where each file's clauses are in `clauses` (runs of places), computed once and shared by the models patched from this one. */
  private readonly clauseSpans: { byFile?: Map<string, [number, number][]> } = {};

  /**
   * The runs of places of a file's clauses in `clauses` (heading, footnote and definition clauses each come by file):
   * its part of each phase found by binary search (filePartsOf) where the list is in a rebuild's order there, else every
   * file's runs from a walk of the list (the typed word after a new footnote walked every clause of the workspace).
   */
  private clauseSpansOf(file: string): readonly (readonly [number, number])[] {
    if (!this.clauseSpans.byFile) {
      const parts = this.filePartsOf(file, this.contributions.get(file)?.clauses.made.length ?? 0);
      if (parts) return parts.filter(([lo, hi]) => hi > lo);
      const byFile = new Map<string, [number, number][]>();
      let last: [number, number] | undefined;
      this.clauses.forEach((c, i) => {
        if (last && last[1] === i && this.clauses.at(i - 1)!.file === c.file) last[1] = i + 1;
        else {
          last = [i, i + 1];
          const runs = byFile.get(c.file);
          if (runs) runs.push(last);
          else byFile.set(c.file, [last]);
        }
      });
      this.clauseSpans.byFile = byFile;
    }
    return this.clauseSpans.byFile.get(file) ?? [];
  }

  /**
   * The clauses a spec file declares (headings, first footnote references, definitions), read only: an editing model's
   * own list (no copy per keystroke: one file's diagnostics ask for it after every edit), a batch model's a new one.
   */
  clausesOfFile(file: string): readonly Clause[] {
    if (!this.batch) return this.contributions.get(file)?.clauses.made ?? [];
    return [...this.madeClausesOf(file)];
  }

  /** The clauses a spec file declares, as the model holds them (read only): what it made, or its places in `clauses` (batch). */
  private *madeClausesOf(file: string): Iterable<Clause> {
    if (!this.batch) {
      yield* this.contributions.get(file)?.clauses.made ?? [];
      return;
    }
    for (const [from, to] of this.clauseSpansOf(file)) for (let i = from; i < to; i++) yield this.clauses.at(i)!;
  }

  /** listedIdsOf by file; shared by the models patched from this one (same ids in every file). */
  private listedIds: Map<string, readonly string[]> = new Map();

  /**
   * The ids of a file's clauses that more than one clause of the workspace has (duplicates, in this file or with
   * another), in the order of the file's clauses: what the duplicate checks look at, instead of every id of the file.
   */
  listedIdsOf(file: string): readonly string[] {
    let ids = this.listedIds.get(file);
    if (!ids) {
      const set = new Set<string>();
      for (const c of this.madeClausesOf(file)) if (this.clausesById.isList(c.id)) set.add(c.id);
      this.listedIds.set(file, (ids = [...set]));
    }
    return ids;
  }

  /** Whether an id the file declares is also declared in another file of its scope (patchedSpec then gives up). */
  sharesIds(file: string): boolean {
    const key = this.scopeKeyOf(file);
    // An id of one clause (almost all) is this file's own: only a list can hold another file's clause.
    for (const id of this.listedIdsOf(file)) if (this.clausesById.get(id)!.some((c) => c.file !== file && this.scopeKeyOf(c.file) === key)) return true;
    return false;
  }

  /**
   * This model with one spec's facts replaced by new facts that declare the same things (see chunkSignature): same ids,
   * parents, definitions, anchors and links, only positions and texts differ. Shares everything else with this model,
   * so an edit in a big spec of a big workspace costs the size of the id maps, not a rebuild. Undefined when an id of
   * the file is also declared in another file (duplicate diagnostics there name this file's lines). This model is not
   * changed: the new one copies the id maps it changes, sharing every unchanged list.
   */
  patchedSpec(file: string, facts: SpecFacts, maps: { specs: ReadonlyMap<string, SpecFacts>; ambiguity: ReadonlyMap<string, AmbiguityHit[]>; llmHits: ReadonlyMap<string, AmbiguityHit[]> }): IndexModel | undefined {
    if (this.batch) return undefined;
    const old = this.contributions.get(file) ?? newContribution();
    const swap = new Map<unknown, unknown>();
    // The last contribution copied, its entries made from new facts objects replaced: most are the same objects.
    const next: Contribution = { clauses: old.clauses.copy(), definitions: [], references: old.references.copy() };
    // Chunks an edit did not touch (or shift) keep their facts objects: their model objects stay as they are.
    if (this.sharesIds(file)) return undefined;
    for (let i = 0; i < old.clauses.length; i++) {
      const from = old.clauses.fromAt(i);
      const index = old.clauses.indexAt(i);
      const source = from === 'heading' ? facts.headingClauses[index] : from === 'footnote' ? facts.footnoteRefs.at(index)! : facts.footnoteDefs[index];
      // The same facts object: the same model object (made from it, with its id).
      if (source === old.clauses.sourceAt(i)) continue;
      const made = old.clauses.made[i]!;
      if (!source || source.id !== made.id) return undefined;
      const clause = from === 'heading' ? (source as Clause) : from === 'footnote' ? footnoteClause(file, source as FootnoteRef)! : definitionClause(definitionAt(file, source as FootnoteDef));
      swap.set(made, clause);
      next.clauses.replace(i, clause, source);
    }
    for (const made of old.definitions) {
      const source = facts.footnoteDefs[made.index]!;
      if (source === made.source) {
        next.definitions.push(made);
        continue;
      }
      const def = definitionAt(file, source);
      swap.set(made.def, def);
      next.definitions.push({ index: made.index, def, source });
    }
    for (let i = 0; i < old.references.length; i++) {
      const from = old.references.fromAt(i);
      const index = old.references.indexAt(i);
      const source = from === 'footnote' ? facts.footnoteRefs.at(index)! : from === 'definition' ? facts.footnoteDefs[index] : from === 'mention' ? facts.mentions[index] : facts.links[index];
      if (source === old.references.sourceAt(i)) continue;
      if (!source) return undefined;
      const ref = old.references.made[i]!;
      const replaced: SpecReference =
        from === 'footnote' ? referenceOf(file, source as FootnoteRef) : 'anchorRange' in source ? { ...ref, range: source.range, idRange: source.anchorRange } : { ...ref, range: source.range, idRange: source.idRange };
      swap.set(ref, replaced);
      next.references.replace(i, replaced, source);
    }
    const contributions = new Map(this.contributions);
    contributions.set(file, next);
    return new IndexModel(this.classifier, maps.specs, this.code, this.examples, this.files, this.configProblems, maps.ambiguity, maps.llmHits, { base: this, swap, contributions, file: { path: file, role: 'spec' } });
  }

  /**
   * This model with one spec's facts replaced by facts that declare other ids (a footnote, heading or definition added or
   * removed), built from this one instead of from the whole workspace: each id the edit adds or removes must be the
   * file's own (no other file declares, defines, cites, links or backs it, no example file or test names it), and each
   * id the file shares with other files must keep the file's part in it (as many headings, references and definitions).
   * Returns the new model and the other files whose diagnostics may differ (unknown citations, whose suggestions
   * depend on the id list; mentions of the ids; clauses whose coverage changed), or undefined when the edit needs a
   * rebuild. This model is not changed: the new one has its own maps, sharing the unchanged lists.
   */
  withSpec(
    file: string,
    before: SpecFacts,
    facts: SpecFacts,
    maps: { specs: ReadonlyMap<string, SpecFacts>; ambiguity: ReadonlyMap<string, AmbiguityHit[]>; llmHits: ReadonlyMap<string, AmbiguityHit[]> },
  ): { model: IndexModel; affected: Set<string> } | undefined {
    const old = this.contributions.get(file);
    if (!old || this.batch || this.hasScopes || scopeOf(file, facts.format, this.classifier.config).kind !== 'workspace') return undefined;
    if (before.anchors.size !== facts.anchors.size) return undefined;
    if (before.anchors !== facts.anchors) for (const a of facts.anchors) if (!before.anchors.has(a)) return undefined;
    // mdbook-spec's rules and productions: link labels and anchors of every page of the book [^ln6s].
    if (!sameMdbookSpecTargets(before.mdbookSpec, facts.mdbookSpec)) return undefined;
    // A bound document's term ids: every fragment's same-page links may read them [^ln8b].
    if ((before.listTerms ?? []).join('\n') !== (facts.listTerms ?? []).join('\n')) return undefined;
    // A Hugo page's term ids: links of other pages may read them [^ln9h].
    if (!sameDefinitionTerms(before.definitionTerms, facts.definitionTerms)) return undefined;
    // Span ids are anchors of the page, MyST labels targets of every page of the project [^ln9m].
    if (!sameExplicitTargets(before.targets, facts.targets)) return undefined;
    // The files an mdBook page includes are part of its page [^ln8b] (and a draft's, of its document [^kr7i]).
    if (!sameList(before.includes, facts.includes)) return undefined;
    // The fragments a Hugo page includes are part of its page [^ln9i]; a marked build's bold-text ids are its anchors [^ln7g].
    if (!sameList(before.hugoIncludes, facts.hugoIncludes) || !sameList(before.strongIds, facts.strongIds)) return undefined;
    // The files a DocFX page includes are part of its page [^tr36d].
    if (!sameList(before.docfxIncludes, facts.docfxIncludes)) return undefined;
    // The partials an MDX page renders are part of its page, and the headings MDX reads are its anchors [^ln9x].
    if (!sameList(before.mdxImports, facts.mdxImports) || !sameList(before.mdxAnchors, facts.mdxAnchors)) return undefined;
    if (before.footnoteDefs.some((d) => d.tests) || facts.footnoteDefs.some((d) => d.tests)) return undefined;
    // The ids the edit may have changed: those of the objects in the part of each list of facts that differs by
    // identity (the chunks an edit did not touch keep their facts objects, in the same order). Every other id has the
    // same objects in the file before and after: its part, clauses, definitions and references come out as they are in
    // this model, so only the changed ids are looked at below (test/unit/incrementalIds.test.ts: equal to a fresh index).
    const changed = new Set<string>();
    /** The differing part of a list: all but the first `p` and the last `q` objects, of `before` and `after` in all. */
    interface Window { p: number; q: number; before: number; after: number }
    const differing = <T>(a: Listed<T>, b: Listed<T>, idOf: (x: T) => string | undefined): Window => {
      const n = Math.min(a.length, b.length);
      let p = 0;
      while (p < n && a.at(p) === b.at(p)) p++;
      let q = 0;
      while (q < n - p && a.at(a.length - 1 - q) === b.at(b.length - 1 - q)) q++;
      for (const list of [a, b]) {
        for (let i = p; i < list.length - q; i++) {
          const id = idOf(list.at(i)!);
          if (id) changed.add(id);
        }
      }
      return { p, q, before: a.length, after: b.length };
    };
    const headingWindow = differing(before.headingClauses, facts.headingClauses, (c) => c.id);
    const footnoteWindow = differing(before.footnoteRefs, facts.footnoteRefs, (r) => r.id);
    const definitionWindow = differing(before.footnoteDefs, facts.footnoteDefs, (d) => d.id);
    // The ids of the headings, footnote references and definitions in the differing parts: the only ids whose clauses
    // and definitions the edit may change. An id that only a mention or a link there names (a link to another section)
    // keeps its clauses and definitions, the same objects of the file outside the differing parts (a rebuild decides the
    // same from them); its references are replaced, as every changed id's are.
    const declared = new Set(changed);
    const windows = {
      footnote: footnoteWindow,
      definition: definitionWindow,
      mention: differing(before.mentions, facts.mentions, (m) => m.id),
      link: differing(before.links, facts.links, (l) => l.anchor),
    };
    /** Where an object of the new list outside its differing part was in the last one (-1: in the differing part). */
    const lastIndex = (w: Window, n: number): number => (n < w.p ? n : n >= w.after - w.q ? n - w.after + w.before : -1);
    // What the file has per changed id: headings, footnote references, definitions (with their targets), before and after.
    interface Part { headings: number; refs: number; defs: string[] }
    const partsOf = (f: SpecFacts): Map<string, Part> => {
      const parts = new Map<string, Part>();
      const part = (id: string): Part => {
        let p = parts.get(id);
        if (!p) parts.set(id, (p = { headings: 0, refs: 0, defs: [] }));
        return p;
      };
      for (const c of f.headingClauses) if (changed.has(c.id)) part(c.id).headings++;
      for (const r of f.footnoteRefs) if (changed.has(r.id)) part(r.id).refs++;
      for (const d of f.footnoteDefs) if (changed.has(d.id)) part(d.id).defs.push(d.target ?? '');
      return parts;
    };
    const was = partsOf(before);
    const now = partsOf(facts);
    const elsewhere = <T extends { file: string }>(map: IdMap<T>, id: string): boolean => map.some(id, (x) => x.file !== file);
    const folder = dirname(file);
    const exampleFileOf = (id: string): boolean => this.files.has(this.classifier.examplePathIn(folder, id)) || this.files.has(this.classifier.examplePathIn('', id));
    const added = new Set<string>();
    const removed = new Set<string>();
    const fileIds = new Set<string>([...was.keys(), ...now.keys()]);
    for (const id of fileIds) {
      const a = was.get(id);
      const b = now.get(id);
      const shared = elsewhere(this.clausesById, id) || elsewhere(this.definitionsById, id) || this.citationsById.has(id);
      if (shared) {
        // The file's part in a shared id stays: the same clauses come out of it, the others' are untouched.
        if (!a || !b || a.headings !== b.headings || (a.refs > 0) !== (b.refs > 0) || a.defs.join('\u0000') !== b.defs.join('\u0000')) return undefined;
        continue;
      }
      if (a && b && a.defs.join('\u0000') !== b.defs.join('\u0000')) return undefined;
      // An example file named after the id: which clause uses it may change (unused examples, owners).
      if ((!a || !b || a.headings !== b.headings || a.refs !== b.refs) && exampleFileOf(id)) return undefined;
      const declaredBefore = !!a && (a.headings > 0 || a.refs > 0 || a.defs.length > 0);
      const declaredNow = !!b && (b.headings > 0 || b.refs > 0 || b.defs.length > 0);
      if (declaredBefore === declaredNow) continue;
      // An id that comes or goes: nothing outside the file may know it.
      if (elsewhere(this.specReferencesById, id) || (a ?? b)!.defs.some((t) => t !== '')) return undefined;
      (declaredNow ? added : removed).add(id);
    }
    const footnotes = (f: SpecFacts): boolean => f.footnoteRefs.length > 0 || f.footnoteDefs.length > 0;
    if (footnotes(before) !== footnotes(facts)) return undefined; // the examples folders of specs with footnotes

    // Spliced: when the file's headings, footnote references and definitions of each declared id all lie in the
    // differing parts, and no mention or link outside them names an id whose answer changes (a mention: an id that came
    // or went; a link: an id whose heading in the file came or went), every object outside keeps its last decision and
    // its model objects (lastClause, lastReference), so the new contribution is the last one with the entries of the
    // differing parts made again and the later ones' indexes moved (Made.spliced): the objects of the differing parts
    // are looked at, not every object of the file. Otherwise each object is walked. `namedOutside`: some object
    // outside names a changed id (its references are then collected from the whole new list, see below).
    let namedOutside = false;
    const spliced = ((): boolean => {
      if (!old.clauses.inBlocks(CLAUSE_SOURCES) || !old.references.inBlocks(REFERENCE_ORDER) || old.definitions.length !== before.footnoteDefs.length) return false;
      const inside = new Map<string, Part>();
      const part = (id: string): Part => {
        let p = inside.get(id);
        if (!p) inside.set(id, (p = { headings: 0, refs: 0, defs: [] }));
        return p;
      };
      const end = (w: Window): number => w.before - w.q;
      for (let i = headingWindow.p; i < end(headingWindow); i++) part(before.headingClauses[i]!.id).headings++;
      for (let i = windows.footnote.p; i < end(windows.footnote); i++) part(before.footnoteRefs.at(i)!.id).refs++;
      for (let i = windows.definition.p; i < end(windows.definition); i++) part(before.footnoteDefs[i]!.id).defs.push('');
      for (const [id, all] of was) {
        const mine = inside.get(id);
        if (!declared.has(id)) {
          // Only a mention or a link in the differing parts names it: its headings, references or definitions are outside.
          if (all.headings > 0 || all.refs > 0 || all.defs.length > 0) namedOutside = true;
          continue;
        }
        if (!mine || mine.headings !== all.headings || mine.refs !== all.refs || mine.defs.length !== all.defs.length) return false;
      }
      const headed = (m: Map<string, Part>, id: string): boolean => (m.get(id)?.headings ?? 0) > 0;
      /** Whether an object outside names a changed id whose answer changes (false), after noting any that names one. */
      const outside = <T>(list: readonly T[], w: Window, idOf: (x: T) => string | undefined, changes: (id: string) => boolean): boolean => {
        for (let i = 0; i < list.length; i++) {
          if (i === w.p) i = end(w);
          if (i >= list.length) break;
          const id = idOf(list[i]!);
          if (id === undefined || !changed.has(id)) continue;
          if (changes(id)) return true;
          namedOutside = true;
        }
        return false;
      };
      return (
        !outside(before.mentions, windows.mention, (m) => m.id, (id) => added.has(id) || removed.has(id)) &&
        !outside(before.links, windows.link, (l) => l.anchor, (id) => headed(was, id) !== headed(now, id))
      );
    })();
    /** The indexes of a differing part in the new list. */
    const indexes = (w: Window): number[] => Array.from({ length: w.after - w.q - w.p }, (_, k) => w.p + k);
    /** A differing part of the last list for Made.spliced: its indexes there, the move of the later ones, the new entries. */
    interface Added { index: number; made: never; source: object }
    const sliceOf = <T>(w: Window, add: { index: number; made: T; source: object }[]) => ({ lo: w.p, hi: w.before - w.q, shift: w.after - w.before, add: add as unknown as Added[] });

    // The file's clauses, definitions and references, as a rebuild makes them (ids of other files as they are).
    const next = newContribution();
    /** Spliced: the new entries of the differing parts, by kind, in order. */
    const addedClauses = new Map<ClauseSource, { index: number; made: Clause; source: object }[]>(CLAUSE_SOURCES.map((k) => [k, []]));
    // The file's clauses of the changed ids, by id: every other id keeps its last decision (lastClause), so `own` is asked
    // about changed ids only (ownHas answers any other id from the clauses declared so far).
    const own = new Map<string, Clause[]>();
    const declare = (from: ClauseSource, index: number, clause: Clause, source: object): void => {
      if (spliced) addedClauses.get(from)!.push({ index, made: clause, source });
      else next.clauses.push(from, index, clause, source);
      if (changed.has(clause.id)) push(own, clause.id, clause);
    };
    const ownHas = (id: string): boolean => (changed.has(id) ? own.has(id) : next.clauses.made.some((c) => c.id === id));
    const otherHeading = (id: string): boolean => this.clausesById.some(id, (c) => c.file !== file && c.kind === 'heading');
    // Made when first needed (ids shared with other files, duplicate ids): most edits need neither.
    let oldClauseIds: Set<string> | undefined;
    const hadClause = (from: ClauseSource, id: string): boolean =>
      (oldClauseIds ??= new Set(old.clauses.made.flatMap((c, i) => (old.clauses.fromAt(i) !== 'heading' ? [`${old.clauses.fromAt(i)}\u0000${c.id}`] : [])))).has(`${from}\u0000${id}`);
    let oldClauseIdSet: Set<string> | undefined;
    const sharedClause = (id: string): boolean => elsewhere(this.clausesById, id) || elsewhere(this.definitionsById, id);
    // The last contribution's entries by the index of their facts object, per kind (-1: none made from it).
    const entriesAt = <F extends string, T extends object>(made: Made<F, T>, lengths: Partial<Record<F, number>>): Partial<Record<F, Int32Array>> => {
      const at: Partial<Record<F, Int32Array>> = {};
      for (const kind in lengths) at[kind] = new Int32Array(lengths[kind]!).fill(-1);
      for (let i = 0; i < made.length; i++) {
        const list = at[made.fromAt(i)];
        if (list) list[made.indexAt(i)] = i;
      }
      return at;
    };
    let clauseAt: Partial<Record<ClauseSource, Int32Array>> | undefined;
    /**
     * The last decision for a facts object outside the differing part of its list whose id did not change: its clause,
     * null when it made none, undefined when it is decided again (a rebuild decides the same from the same objects).
     */
    const lastClause = (kind: 'footnote' | 'definition', index: number, source: object, id: string): Clause | null | undefined => {
      const o = changed.has(id) ? -1 : lastIndex(windows[kind], index);
      if (o < 0) return undefined;
      clauseAt ??= entriesAt(old.clauses, { footnote: before.footnoteRefs.length, definition: before.footnoteDefs.length });
      const c = clauseAt[kind]![o]!;
      if (c < 0) return null;
      return old.clauses.sourceAt(c) === source ? old.clauses.made[c]! : undefined;
    };
    const footnoteDecision = (ref: FootnoteRef, index: number): void => {
      const last = lastClause('footnote', index, ref, ref.id);
      if (last !== undefined) {
        if (last) declare('footnote', index, last, ref);
        return;
      }
      // A shared id keeps the decision of the model it came from (the other files' clauses are the same).
      if (ownHas(ref.id) || (sharedClause(ref.id) ? !hadClause('footnote', ref.id) : otherHeading(ref.id))) return;
      declare('footnote', index, footnoteClause(file, ref)!, ref);
    };
    const definitionDecision = (made: Contribution['definitions'][number]): void => {
      const id = made.def.id;
      const last = lastClause('definition', made.index, made.source, id);
      if (last !== undefined) {
        if (last) declare('definition', made.index, last, made.source);
        return;
      }
      if (ownHas(id) || (sharedClause(id) ? !hadClause('definition', id) : false)) return;
      declare('definition', made.index, definitionClause(made.def), made.source);
    };
    if (spliced) {
      // The differing parts only, in the order a walk of every object takes them (headings, footnotes, definitions).
      const w = windows.definition;
      const made = indexes(w).map((index) => ({ index, def: definitionAt(file, facts.footnoteDefs[index]!), source: facts.footnoteDefs[index]! as object }));
      next.definitions = [...old.definitions.slice(0, w.p), ...made, ...old.definitions.slice(w.before - w.q).map((d) => (w.after === w.before ? d : { ...d, index: d.index + w.after - w.before }))];
      for (const index of indexes(headingWindow)) declare('heading', index, facts.headingClauses[index]!, facts.headingClauses[index]!);
      for (const index of indexes(windows.footnote)) footnoteDecision(facts.footnoteRefs.at(index)!, index);
      for (const m of made) definitionDecision(m);
      next.clauses = old.clauses.spliced(CLAUSE_SOURCES, new Map([
        ['heading', sliceOf(headingWindow, addedClauses.get('heading')!)],
        ['footnote', sliceOf(windows.footnote, addedClauses.get('footnote')!)],
        ['definition', sliceOf(windows.definition, addedClauses.get('definition')!)],
      ]))!;
    } else {
      facts.headingClauses.forEach((clause, index) => declare('heading', index, clause, clause));
      facts.footnoteDefs.forEach((d, index) => next.definitions.push({ index, def: definitionAt(file, d), source: d }));
      facts.footnoteRefs.forEach(footnoteDecision);
      for (const made of next.definitions) definitionDecision(made);
    }

    // New maps: a copy of each, the lists of this file's ids replaced.
    const clausesById = this.clausesById.copy();
    // The definitions are copied when a list of them changes: an edit that adds or removes no definition keeps this
    // model's map, and what is derived from it stays valid (diagnostics' clause blocks: see clauseFindingsState).
    let definitionsCopy: IdMap<FootnoteDefinitionAt> | undefined;
    const definitionsById: ListMap<FootnoteDefinitionAt> = {
      get: (id) => (definitionsCopy ?? this.definitionsById).get(id),
      set: (id, list) => (definitionsCopy ??= this.definitionsById.copy()).set(id, list),
      delete: (id) => (definitionsCopy ??= this.definitionsById.copy()).delete(id),
    };
    const specReferencesById = this.specReferencesById.copy(clausesById);
    // The changed ids hold every id a list of this file may change in: the file's own ids in the differing parts, and
    // the ids of the mentions, links and references made from them (a reference of an unchanged id is the same object).
    const ids = changed;
    const ownDefs = new Map<string, FootnoteDefinitionAt[]>();
    for (const made of next.definitions) push(ownDefs, made.def.id, made.def);
    // An id whose list comes out as it was (the same objects) is left alone: the new map's delta holds what changed.
    const same = <T>(a: readonly T[], b: readonly T[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);
    const replace = <T extends { file: string }>(map: ListMap<T>, id: string, mine: T[], keepOrder: boolean): boolean => {
      const list = map.get(id) ?? [];
      const others = list.filter((x) => x.file !== file);
      if (others.length === 0) {
        if (same(list, mine)) return true;
        if (mine.length) map.set(id, mine);
        else map.delete(id);
        return true;
      }
      const at = list.findIndex((x) => x.file === file);
      if (keepOrder && list.length - others.length !== mine.length) return false;
      // The file's items where they were (by the order of spec files when it had none).
      const order = this.specOrder();
      const pos = at >= 0 ? at : (() => {
        const i = list.findIndex((x) => (x as { kind?: string }).kind === 'example-backref' || (order.get(x.file) ?? Infinity) > order.get(file)!);
        return i < 0 ? list.length : i;
      })();
      const kept = list.slice(0, pos).filter((x) => x.file !== file);
      const next = [...kept, ...mine, ...list.slice(pos).filter((x) => x.file !== file)];
      if (!same(list, next)) map.set(id, next);
      return true;
    };
    for (const id of declared) {
      if (!replace(clausesById, id, own.get(id) ?? [], true)) return undefined;
      if (!replace(definitionsById, id, ownDefs.get(id) ?? [], true)) return undefined;
    }
    // References: footnotes, definitions, mentions and links of the file to clauses (as known now).
    const has = (id: string): boolean => clausesById.has(id);
    // The references of the changed ids (the only lists replaced below).
    const refs = new Map<string, SpecReference[]>();
    const addedReferences = new Map<ReferenceSource, { index: number; made: SpecReference; source: object }[]>(REFERENCE_ORDER.map((k) => [k, []]));
    const keep = (from: ReferenceSource, index: number, value: SpecReference, source: object): void => {
      if (changed.has(value.id)) push(refs, value.id, value);
      if (spliced) addedReferences.get(from)!.push({ index, made: value, source });
      else next.references.push(from, index, value, source);
    };
    type FileReferenceSource = keyof typeof windows;
    let referenceAt: Partial<Record<ReferenceSource, Int32Array>> | undefined;
    // The last references made from the objects in the differing parts (an object outside them is in neither list's).
    let priorBySource: Map<object, number> | undefined;
    const priorOf = (source: object): number | undefined => {
      if (!priorBySource && spliced) {
        // Spliced: the entries made from the differing parts only (each kind's entries are one block, by index).
        priorBySource = new Map();
        for (const kind of REFERENCE_ORDER) {
          const w = windows[kind as FileReferenceSource];
          const [from, to] = old.references.within(REFERENCE_ORDER, kind, w.p, w.before - w.q)!;
          for (let i = from; i < to; i++) priorBySource.set(old.references.sourceAt(i), i);
        }
      }
      if (!priorBySource) {
        priorBySource = new Map();
        for (let i = 0; i < old.references.length; i++) {
          const w = windows[old.references.fromAt(i) as FileReferenceSource] as Window | undefined;
          const j = old.references.indexAt(i);
          if (w && j >= w.p && j < w.before - w.q) priorBySource.set(old.references.sourceAt(i), i);
        }
      }
      return priorBySource.get(source);
    };
    const addRef = (from: ReferenceSource, index: number, ref: SpecReference, source: object): void => {
      const i = priorOf(source);
      const prior = i !== undefined && old.references.fromAt(i) === from ? old.references.made[i]! : undefined;
      keep(from, index, prior && prior.id === ref.id && prior.kind === ref.kind ? prior : ref, source);
    };
    /**
     * The last reference made from a facts object outside the differing part of its list: the same object again; null
     * when none was made from it and its condition reads an id that did not change (`id`: mentions and links);
     * undefined when it is made again.
     */
    const lastReference = (kind: FileReferenceSource, index: number, source: object, id?: string): SpecReference | null | undefined => {
      const o = id !== undefined && changed.has(id) ? -1 : lastIndex(windows[kind], index);
      if (o < 0) return undefined;
      referenceAt ??= entriesAt(old.references, { footnote: before.footnoteRefs.length, definition: before.footnoteDefs.length, mention: before.mentions.length, link: before.links.length });
      const i = referenceAt[kind]![o]!;
      if (i < 0) return id === undefined ? undefined : null;
      return old.references.sourceAt(i) === source ? old.references.made[i]! : undefined;
    };
    const footnoteReference = (ref: FootnoteRef, index: number): void => {
      const last = lastReference('footnote', index, ref);
      if (last) keep('footnote', index, last, ref);
      else addRef('footnote', index, referenceOf(file, ref), ref);
    };
    const definitionReference = (def: FootnoteDef, index: number): void => {
      const last = lastReference('definition', index, def);
      if (last) keep('definition', index, last, def);
      else addRef('definition', index, { id: def.id, file, kind: 'definition', range: def.range, idRange: def.idRange }, def);
    };
    const mentionReference = (m: SpecFacts['mentions'][number], index: number): void => {
      const last = lastReference('mention', index, m, m.id);
      if (last !== undefined) {
        if (last) keep('mention', index, last, m);
        return;
      }
      if (has(m.id)) addRef('mention', index, { id: m.id, file, kind: 'mention', range: m.range, idRange: m.idRange }, m);
    };
    const linkReference = (link: SpecFacts['links'][number], index: number): void => {
      if (!link.anchor) return;
      const last = lastReference('link', index, link, link.anchor);
      if (last !== undefined) {
        if (last) keep('link', index, last, link);
        return;
      }
      const clause = this.linkedHeading(file, link, clausesById);
      if (clause) addRef('link', index, { id: clause.id, file, kind: 'link', range: link.range, idRange: link.anchorRange }, link);
    };
    if (spliced) {
      for (const index of indexes(windows.footnote)) footnoteReference(facts.footnoteRefs.at(index)!, index);
      for (const index of indexes(windows.definition)) definitionReference(facts.footnoteDefs[index]!, index);
      for (const index of indexes(windows.mention)) mentionReference(facts.mentions[index]!, index);
      for (const index of indexes(windows.link)) linkReference(facts.links[index]!, index);
      next.references = old.references.spliced(REFERENCE_ORDER, new Map(REFERENCE_ORDER.map((kind) => [kind, sliceOf(windows[kind as FileReferenceSource], addedReferences.get(kind)!)] as const)))!;
      // A changed id some object outside the differing parts names: its references are those of the whole new list, in
      // order (the kept ones outside and the new ones inside), as a walk collects them.
      if (namedOutside) {
        refs.clear();
        for (const ref of next.references.made) if (changed.has(ref.id)) push(refs, ref.id, ref);
      }
    } else {
      facts.footnoteRefs.forEach(footnoteReference);
      facts.footnoteDefs.forEach(definitionReference);
      facts.mentions.forEach(mentionReference);
      facts.links.forEach(linkReference);
    }
    for (const id of ids) replace(specReferencesById.stored(), id, refs.get(id) ?? [], false);

    const contributions = new Map(this.contributions);
    contributions.set(file, next);
    // No id a citation names came or went (see above): the new model keeps the code files with unknown citations.
    this.unknownCitationFiles();
    // The flat list in a rebuild's order: heading clauses by file, then footnote clauses by file, then the clauses of
    // definitions by file; the file's own in each part where a rebuild puts them.
    // The file's clauses in the flat list are the ones its contribution made (no other file's clause names it).
    const order = this.specOrder();
    const mine = order.get(file)!;
    const phase = clausePhase;
    const blocks = CLAUSE_SOURCES.map((kind) => next.clauses.blockOf(kind, CLAUSE_SOURCES));
    const newByPhase: Clause[][] = blocks.every((b) => b !== undefined) ? (blocks as Clause[][]) : [[], [], []];
    if (newByPhase !== blocks) for (let k = 0; k < next.clauses.length; k++) {
      const from = next.clauses.fromAt(k);
      newByPhase[from === 'heading' ? 0 : from === 'footnote' ? 1 : 2]!.push(next.clauses.made[k]!);
    }
    const clauses = this.withFileClauses(file, newByPhase, phase, order, mine, old.clauses.made.length);
    // Which ids more than one clause declares changes only for the declared ids (no other id's list was replaced above),
    // and the file's other clauses keep their ids and their order: when no declared id is such an id, before or now
    // (a new footnote id almost always), every file's listedIdsOf is this model's (the file's declared ids are in none).
    let listedSame = true;
    for (const id of declared) {
      if (this.clausesById.isList(id) || clausesById.isList(id)) {
        listedSame = false;
        break;
      }
    }
    const model = new IndexModel(this.classifier, maps.specs, this.code, this.examples, this.files, this.configProblems, maps.ambiguity, maps.llmHits, {
      base: this,
      swap: new Map(),
      contributions,
      rebuilt: { clauses, clausesById, definitionsById: definitionsCopy ?? this.definitionsById, specReferencesById, ...(listedSame ? { listedIds: this.listedIds } : {}) },
    });
    model.spliced = spliced;

    // The nearest known ids of unknown cited ids that the ids which came or went cannot change (nearestAfter).
    if (this.nearest.size > 0) {
      const gained: string[] = [];
      const lost = new Set<string>();
      for (const id of declared) {
        const a = this.clausesById.has(id);
        const b = clausesById.has(id);
        if (a && !b) lost.add(id);
        else if (b && !a) gained.push(id);
      }
      for (const [id, near] of this.nearest) {
        if (clausesById.has(id)) continue;
        const after = nearestAfter(id, near, gained, lost);
        if (after !== undefined) model.nearest.set(id, after);
      }
    }

    // Other files whose diagnostics may change: unknown citations (their suggestions), mentions of the ids that came
    // or went, clauses whose coverage changed.
    const affected = new Set<string>(added.size || removed.size ? this.unknownCitationFiles() : []);
    const mentions = this.mentionFiles();
    for (const id of [...added, ...removed]) for (const f of mentions.get(id) ?? []) if (f !== file) affected.add(f);
    // A duplicate id's diagnostics in other files name this file's lines.
    for (const id of declared) {
      const list = clausesById.get(id);
      if (list && list.length > 1 && (own.has(id) || (oldClauseIdSet ??= new Set(old.clauses.made.map((c) => c.id))).has(id))) for (const c of list) affected.add(c.file);
    }
    // Coverage walks up from each cited id through the first clause of each id (isCovered, no scopes here). Only an id
    // whose first clause came, went or has another parent can change a walk, and only if a walk reaches it: a covered
    // id, a cited id, or the parent of a covered clause. When none does, the coverage is this model's.
    const covered = this.coveredIdSet();
    const parents = this.coveredParents();
    let sameCoverage = true;
    for (const id of declared) {
      const a = this.clausesById.first(id);
      const b = clausesById.first(id);
      if (a === b || (a !== undefined && b !== undefined && a.parent === b.parent)) continue;
      if (covered.has(id) || this.citationsById.has(id) || parents.has(id)) {
        sameCoverage = false;
        break;
      }
    }
    if (sameCoverage) {
      model.coveredIds = covered;
      model.coveredParentIds = parents;
      // The status bar's count: this model's, less the file's old clauses, plus its new ones (the flat list is the rest
      // and the new ones: see above), instead of a look at every clause of the workspace.
      // An id not declared in the differing parts has the same clauses of the file before and after: only the declared
      // ids' clauses are counted.
      if (this.coveredCount !== undefined && clauses.length - this.clauses.length === next.clauses.length - old.clauses.made.length) {
        let count = this.coveredCount;
        for (const id of declared) {
          if (!covered.has(id)) continue;
          count += own.get(id)?.length ?? 0;
          this.clausesById.some(id, (c) => {
            if (c.file === file) count--;
            return false;
          });
        }
        model.coveredCount = count;
      }
    } else {
      for (const id of covered) if (!model.coveredIdSet().has(id)) for (const c of this.clausesById.get(id) ?? []) affected.add(c.file);
      for (const id of model.coveredIdSet()) if (!covered.has(id)) for (const c of clausesById.get(id) ?? []) affected.add(c.file);
    }
    affected.delete(file);
    return { model, affected };
  }

  private order?: Map<string, number>;

  /** Spec files by their place in specFiles. */
  private specOrder(): Map<string, number> {
    if (!this.order) {
      this.order = new Map();
      this.specFiles.forEach((f, i) => this.order!.set(f, i));
    }
    return this.order;
  }

  /**
   * A spec file's part of each phase of the flat clause list (heading clauses, footnote clauses, clauses made of
   * definitions: [start, end) each), found by binary search in the order a rebuild makes (each phase's clauses by the
   * order of spec files): a few comparisons, not a look at every clause of the workspace. Only when the parts hold
   * exactly the file's `count` clauses and no other file's (then none of its clauses is elsewhere); else undefined.
   */
  private filePartsOf(file: string, count: number): (readonly [number, number])[] | undefined {
    const list = this.clauses;
    const order = this.specOrder();
    const at = order.get(file);
    if (at === undefined) return undefined;
    // The first clause at or after (phase p, the file's place), or after it when `after`.
    const search = (p: number, after: boolean): number => {
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        const c = list.at(mid)!;
        const q = clausePhase(c);
        const o = order.get(c.file) ?? -1;
        if (q > p || (q === p && (after ? o > at : o >= at))) hi = mid;
        else lo = mid + 1;
      }
      return lo;
    };
    const parts = [0, 1, 2].map((p) => [search(p, false), search(p, true)] as const);
    let found = 0;
    for (const [lo, hi] of parts) {
      for (let i = lo; i < hi; i++) if (list.at(i)!.file !== file) return undefined;
      found += hi - lo;
    }
    return found === count ? parts : undefined;
  }

  /**
   * This model's flat clause list with one spec's clauses replaced by `mine` (its new clauses by phase: headings,
   * footnotes, definitions), as a rebuild orders them: each phase's clauses by the order of spec files. The list is in
   * that order, so the file's part of each phase is found by binary search (a few comparisons, not a look at every
   * clause of the workspace); when the parts found are not exactly the file's `count` old clauses, the list is merged
   * clause by clause instead.
   */
  private withFileClauses(file: string, mine: Clause[][], phase: (c: Clause) => number, order: Map<string, number>, at: number, count: number): Clause[] {
    const list = this.clauseArray();
    const parts = this.filePartsOf(file, count);
    if (parts) {
      // Copies of the runs between the file's parts (slices: no step per clause of the workspace).
      const pieces: Clause[][] = [];
      let i = 0;
      parts.forEach(([lo, hi], p) => {
        pieces.push(list.slice(i, lo), mine[p]!);
        i = hi;
      });
      pieces.push(list.slice(i));
      return flatten(pieces);
    }
    const clauses: Clause[] = [];
    const rest = list.filter((c) => c.file !== file);
    let i = 0;
    for (const p of [0, 1, 2]) {
      while (i < rest.length && phase(rest[i]!) === p && order.get(rest[i]!.file)! < at) clauses.push(rest[i++]!);
      for (const c of mine[p]!) clauses.push(c);
      while (i < rest.length && phase(rest[i]!) === p) clauses.push(rest[i++]!);
    }
    while (i < rest.length) clauses.push(rest[i++]!);
    return clauses;
  }

  private unknownCitationFilesCache?: Set<string>;

  /** Code files with a citation of an unknown id (their diagnostics suggest ids: any id added or removed may change them). */
  private unknownCitationFiles(): Set<string> {
    if (!this.unknownCitationFilesCache) {
      this.unknownCitationFilesCache = new Set();
      for (const c of this.citations) if (!this.clausesById.has(c.id)) this.unknownCitationFilesCache.add(c.file);
    }
    return this.unknownCitationFilesCache;
  }

  private mentionsCache?: Map<string, Set<string>>;

  /** The spec files that mention each id. */
  private mentionFiles(): Map<string, Set<string>> {
    if (!this.mentionsCache) {
      this.mentionsCache = new Map();
      for (const file of this.specFiles) {
        for (const m of this.specs.get(file)!.mentions) {
          let set = this.mentionsCache.get(m.id);
          if (!set) this.mentionsCache.set(m.id, (set = new Set()));
          set.add(file);
        }
      }
    }
    return this.mentionsCache;
  }

  /** The covered ids (see isCovered). */
  private coveredIdSet(): Set<string> {
    this.isCovered('');
    return this.coveredIds!;
  }

  /** The parents of the covered ids' first clauses: where coverage walks went on from a covered id (without scopes). */
  private coveredParents(): Set<string> {
    if (!this.coveredParentIds) {
      const parents = new Set<string>();
      for (const id of this.coveredIdSet()) {
        const parent = this.clausesById.first(id)?.parent;
        if (parent !== undefined) parents.add(parent);
      }
      this.coveredParentIds = parents;
    }
    return this.coveredParentIds;
  }

  /** This model with one code file's citations replaced by citations of the same ids in the same order (moved, not changed). */
  patchedCode(before: CodeFacts, after: CodeFacts, code: ReadonlyMap<string, CodeFacts>): IndexModel {
    const swap = new Map<unknown, unknown>();
    before.citations.forEach((c, i) => swap.set(c, after.citations[i]));
    return new IndexModel(this.classifier, this.specs, code, this.examples, this.files, this.configProblems, this.ambiguity, this.llmHits, { base: this, swap, contributions: this.contributions, file: { path: after.file, role: 'code' } });
  }

  /** Heading clauses, then one footnote clause per id, with or without a definition [^footnote_clauses]. */
  private buildClauses(): void {
    for (const file of this.specFiles) {
      const facts = this.specs.get(file)!;
      const made = this.contribution(file);
      if (!this.batch) {
        made.clauses.reserve(facts.headingClauses.length + facts.footnoteRefs.length + facts.footnoteDefs.length);
        made.references.reserve(facts.footnoteRefs.length + facts.footnoteDefs.length + facts.mentions.length + facts.links.length);
      }
      facts.headingClauses.forEach((clause, index) => {
        this.addClause(clause);
        if (!this.batch) made.clauses.push('heading', index, clause, clause);
      });
    }
    // Footnote clauses: one per id (first reference wins) in each scope, unless the id names a heading clause of the
    // scope, in which case `[^heading_id]` in prose is a reference to that heading.
    for (const file of this.specFiles) {
      const facts = this.specs.get(file)!;
      const key = this.scopeKeyOf(file);
      facts.footnoteDefs.forEach((d, index) => {
        const def = definitionAt(file, d);
        this.definitionsById.add(def.id, def);
        this.contribution(file).definitions.push({ index, def, source: d });
      });
      const first = this.clauseCount;
      const refs = facts.footnoteRefs;
      for (let index = 0; index < refs.length; index++) {
        if (this.clauseIn(footnoteIdAt(refs, index), key)) continue;
        // A batch model's list makes the clause of a column when read (BatchClauses).
        if (this.clauses instanceof BatchClauses && refs instanceof FootnoteRefColumns && refs.file === file) {
          this.clauses.addColumn(refs, index);
          this.clausesById.addAt(this.clauseCount++);
          continue;
        }
        const clause = footnoteClauseAt(file, refs, index);
        this.addClause(clause);
        if (!this.batch) this.contribution(file).clauses.push('footnote', index, clause, refs.at(index)!);
      }
      if (this.clauseCount > first) (this.footnotePlaces ??= new Map()).set(file, first);
    }
    // A definition without any reference still declares the clause (in its scope).
    for (const defs of this.definitionsById.values()) {
      for (const def of defs) {
        if (this.clauseIn(def.id, this.scopeKeyOf(def.file))) continue;
        const clause = definitionClause(def);
        this.addClause(clause);
        if (this.batch) continue;
        const made = this.contribution(def.file).definitions.find((d) => d.def === def)!;
        this.contribution(def.file).clauses.push('definition', made.index, clause, made.source);
      }
    }
  }

  /** The clause list of a model that is not a batch index's (only those are patched: patchedSpec and withSpec give up on a batch model). */
  private clauseArray(): Clause[] {
    if (!Array.isArray(this.clauses)) throw new Error('IndexModel: a batch model is never patched');
    return this.clauses as Clause[];
  }

  /** Where each spec's footnote clauses start in `clauses` while the model is built (buildClauses, buildSpecReferences). */
  private footnotePlaces: Map<string, number> | undefined;

  private addClause(clause: Clause): void {
    if (this.clauses instanceof BatchClauses) this.clauses.add(clause);
    else (this.clauses as Clause[])[this.clauseCount] = clause;
    this.clausesById.addAt(this.clauseCount++);
  }

  private buildSpecReferences(): void {
    const order = this.specOrder();
    for (const file of this.specFiles) {
      // A footnote clause's own reference is added with its file's footnote references: in once its file is reached.
      const at = order.get(file)!;
      this.specReferencesById.adding((clause) => order.get(clause.file)! <= at);
      const facts = this.specs.get(file)!;
      const made = this.batch ? undefined : this.contribution(file).references;
      const add = (from: ReferenceSource, index: number, ref: SpecReference, source: object): void => {
        this.specReferencesById.add(ref.id, ref);
        made?.push(from, index, ref, source);
      };
      // A reference that made its file's next footnote clause is that clause (see referenceOf), found at its place.
      let place = this.footnotePlaces?.get(file) ?? this.clauseCount;
      const refs = facts.footnoteRefs;
      for (let index = 0; index < refs.length; index++) {
        const clause = place < this.clauseCount ? this.clauses.at(place) : undefined;
        // (A batch index's references are columns: the source object is asked for by `made` alone, not kept.)
        if (clause instanceof FootnoteClause && clause.madeOf(refs, index)) {
          place++;
          add('footnote', index, clause, made ? refs.at(index)! : clause);
        } else {
          const reference = footnoteClauseAt(file, refs, index) as FootnoteClause;
          add('footnote', index, reference, made ? refs.at(index)! : reference);
        }
      }
      facts.footnoteDefs.forEach((def, index) => add('definition', index, { id: def.id, file, kind: 'definition', range: def.range, idRange: def.idRange }, def));
      const key = this.scopeKeyOf(file);
      facts.mentions.forEach((m, index) => {
        if (this.clauseIn(m.id, key)) add('mention', index, { id: m.id, file, kind: 'mention', range: m.range, idRange: m.idRange }, m);
      });
      facts.links.forEach((link, index) => {
        if (!link.anchor) return;
        const clause = this.linkedHeading(file, link, this.clausesById);
        if (clause) add('link', index, { id: clause.id, file, kind: 'link', range: link.range, idRange: link.anchorRange }, link);
      });
    }
    this.specReferencesById.adding(undefined);
    for (const file of this.exampleFiles) {
      for (const ref of this.examples.get(file)!.backRefs) {
        this.specReferencesById.add(ref.id, { id: ref.id, file, kind: 'example-backref', range: ref.range, idRange: ref.idRange });
      }
    }
  }

  /**
   * The heading clause an anchor link of `file` names: of the file it names (`other.md#id`), or, a same-page link
   * (`#id`) of a bound document's fragment, of its own file, else of the first fragment of the binding that has it
   * [^ln8b]. The one rule for references, hover, definition and broken links.
   */
  private linkedHeading(file: string, link: { path?: string; anchor: string }, clausesById: IdMap<Clause>): Clause | undefined {
    const target = link.path ? this.linkTarget(file, link.path) : file;
    if (!target) return undefined;
    // Run for every anchor link of the model: a search in the id's clauses, no list made per link.
    const clauses = clausesById.get(link.anchor);
    if (!clauses) return undefined;
    const own = clauses.find((c) => c.kind === 'heading' && c.file === target);
    if (own) return own;
    const group = link.path ? this.includePages.get(target) : this.bindings.get(file);
    if (!group) return undefined;
    for (const f of group) {
      const c = clauses.find((h) => h.kind === 'heading' && h.file === f);
      if (c) return c;
    }
    return undefined;
  }

  /** The bound document `file` is a fragment of: its files in binding order [^ln8b]. */
  bindingOf(file: string): readonly string[] | undefined {
    return this.bindings.get(file);
  }

  /** Whether a same-page anchor of a bound fragment names an id of another fragment or one its build gives a term [^ln8b]. */
  private boundAnchor(group: readonly string[], file: string, anchor: string): boolean {
    if (group.some((f) => f !== file && offersAnchor(this.specs.get(f)!, anchor))) return true;
    return this.termIdsOf(group).has(anchor);
  }

  private termIdsOf(group: readonly string[]): Set<string> {
    let ids = this.bindingTermIds.get(group);
    if (!ids) {
      ids = new Set<string>();
      // (A binder's build names its terms; mdBook's include names none.)
      const included = this.includePages.get(group[0]!) === group;
      if (!included) for (const f of group) for (const t of this.specs.get(f)?.listTerms ?? []) for (const id of termIds(t)) ids.add(id);
      this.bindingTermIds.set(group, ids);
    }
    return ids;
  }

  hasFolder(path: string): boolean {
    return path === '' || this.folders.has(path);
  }

  /** The example file of a footnote clause (undefined for heading clauses). */
  exampleOf(clause: Clause): ExampleInfo | undefined {
    if (clause.kind !== 'footnote') return undefined;
    let info = this.exampleCache.get(clause);
    if (!info) {
      // A clause with no example and none expected (200,000 uncited footnotes of one spec) is not kept: its answer is
      // computed again (a few lookups) when asked, not held as an entry per clause [^big_documents].
      info = this.computeExample(clause);
      if (info.exists || info.expected) this.exampleCache.set(clause, info);
    }
    return info;
  }

  /**
   * The example of a footnote clause when it is expected and missing (`example.missing`), else undefined; equal to
   * exampleOf, without making an answer for a clause that has no definition, no file named like its example and no
   * examples folder beside its spec or at the root (most footnotes of a big spec: asked again on every keystroke).
   */
  missingExampleOf(clause: Clause): ExampleInfo | undefined {
    if (clause.kind !== 'footnote') return undefined;
    const known = this.exampleCache.get(clause);
    if (!known && !this.definitionsById.has(clause.id) && !this.mayNameExample(clause.id)) {
      let folder = this.specFolders.get(clause.file);
      if (folder === undefined) this.specFolders.set(clause.file, (folder = dirname(clause.file)));
      if (!this.hasExampleFolder(folder) && !this.hasExampleFolder('')) return undefined;
    }
    const info = known ?? this.exampleOf(clause);
    return info && !info.exists && info.expected ? info : undefined;
  }

  /**
   * The path of a footnote clause's existing example file, else undefined: `exampleOf(clause)` when it exists, without
   * making an answer for a clause with no definition and no file named like its example, which cannot have one (the
   * JSON output and unusedExamples ask of every clause: 44,000 footnotes on the 40k bench workspace, most without).
   */
  existingExampleOf(clause: Clause): string | undefined {
    if (clause.kind !== 'footnote') return undefined;
    if (this.exampleCache.get(clause) === undefined && !this.definitionsById.has(clause.id) && !this.mayNameExample(clause.id)) return undefined;
    const info = this.exampleOf(clause);
    return info?.exists ? info.path : undefined;
  }

  private readonly specFolders = new Map<string, string>();

  private hasExampleFolder(place: string): boolean {
    let has = this.exampleFolders.get(place);
    if (has === undefined) this.exampleFolders.set(place, (has = this.hasFolder(this.classifier.exampleFolderIn(place))));
    return has;
  }

  /** Whether some file of the workspace may be the example of this id in some folder (its name fits the pattern). */
  private mayNameExample(id: string): boolean {
    const { examplePrefix: prefix, exampleSuffix: suffix } = this.classifier;
    // The name of `<folder>/<prefix><id><suffix>` is `<id><suffix>` when the prefix is a folder (`examples/`) or empty:
    // then the names of the workspace's files tell. Any other pattern: every id may.
    if (id.includes('/') || suffix.includes('/') || prefix.slice(prefix.lastIndexOf('/') + 1) !== '') return true;
    let names = exampleNames.get(this.files);
    if (!names) {
      names = new Set();
      for (const f of this.files) if (f.endsWith(suffix)) names.add(f.slice(f.lastIndexOf('/') + 1, f.length - suffix.length));
      exampleNames.set(this.files, names);
    }
    return names.has(id);
  }

  /**
   * The definition's target, else `examples/<id>.md` beside the spec, then at the root [^example_files] [^ex5p]. The
   * definition is the clause's own document's when it has one (the note rendered under it), and a numbered note's
   * (`[^1]`) is only ever its own document's: another document's `[^1]:` is another note, not this one's example.
   */
  private computeExample(clause: Clause): ExampleInfo {
    const folder = dirname(clause.file);
    const def = this.definitionOf(clause);
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
      let has = this.exampleFolders.get(place);
      if (has === undefined) this.exampleFolders.set(place, (has = this.hasFolder(this.classifier.exampleFolderIn(place))));
      if (has) {
        return { path: this.classifier.examplePathIn(place, clause.id), exists: false, expected: true };
      }
    }
    return { path: this.classifier.examplePathIn(folder, clause.id), exists: false, expected: false };
  }

  /** The definition with a target that gives a footnote clause its example (see computeExample), else undefined. */
  private definitionOf(clause: Clause): FootnoteDefinitionAt | undefined {
    let own = false;
    let elsewhere: FootnoteDefinitionAt | undefined;
    for (const d of this.definitionsById.get(clause.id) ?? []) {
      if (d.file === clause.file) {
        if (d.target !== undefined) return d;
        own = true;
      } else if (elsewhere === undefined && d.target !== undefined) elsewhere = d;
    }
    return own || NUMBERED_NOTE.test(clause.id) ? undefined : elsewhere;
  }

  /** Example files that no footnote clause uses, in the examples folders that belong to specs [^ex6u]. */
  unusedExamples(): { file: string; id?: string }[] {
    const used = new Set<string>();
    const exampleFolders = new Set<string>();
    let lastFile: string | undefined;
    for (const clause of this.clauses) {
      if (clause.kind !== 'footnote') continue;
      const path = this.existingExampleOf(clause);
      if (path) used.add(path);
      // A file's clauses come one after another: its folders are added once per run of them.
      if (clause.file === lastFile) continue;
      lastFile = clause.file;
      exampleFolders.add(this.classifier.exampleFolderIn(dirname(clause.file)));
      exampleFolders.add(this.classifier.exampleFolderIn(''));
    }
    const unused: { file: string; id?: string }[] = [];
    for (const file of this.exampleFiles) {
      if (used.has(file) || !exampleFolders.has(dirname(file))) continue;
      // A page of a MyST project (a Sphinx or mystmd source folder) in a folder named `examples/` is a page of the
      // site, not a clause's example [^ln9m].
      if (this.mystProjectOf(file) !== undefined) continue;
      const id = this.classifier.exampleIdOf(file);
      if (id !== undefined && README_LIKE.test(id)) continue;
      unused.push(id !== undefined ? { file, id } : { file });
    }
    return unused;
  }

  /** The MyST projects' folders (config `myst`), deepest first, and each one's explicit targets (made on first use) [^ln9m]. */
  private mystMemo: { roots: string[]; targets: Map<string, Set<string>> } | undefined;

  /** The folder of the MyST project a file is a page of (the deepest that holds it), or undefined [^ln9m]. */
  mystProjectOf(file: string): string | undefined {
    const roots = (this.mystMemo ??= this.mystProjects()).roots;
    return roots.find((r) => r === '' || file.startsWith(`${r}/`));
  }

  /**
   * Every explicit target of the pages of the file's MyST project, lower case (MyST-Parser keys labels as docutils
   * normalizes names, mystmd lower-cases them): `(label)=`, `{#id}`, a directive's `:name:` or `:label:`, a span's id.
   */
  private mystTargetsOf(file: string): Set<string> | undefined {
    const root = this.mystProjectOf(file);
    return root === undefined ? undefined : this.mystMemo!.targets.get(root);
  }

  private mystProjects(): { roots: string[]; targets: Map<string, Set<string>> } {
    const roots = [...new Set(this.classifier.config.myst ?? [])].sort((a, b) => b.length - a.length);
    const targets = new Map<string, Set<string>>(roots.map((r) => [r, new Set<string>()]));
    if (roots.length) {
      for (const file of this.specFiles) {
        const found = this.specs.get(file)!.targets;
        const root = found && roots.find((r) => r === '' || file.startsWith(`${r}/`));
        if (root === undefined || !found) continue;
        const set = targets.get(root)!;
        for (const t of found.labels ?? []) set.add(t.toLowerCase());
        for (const t of found.spans ?? []) set.add(t.toLowerCase());
      }
    }
    return { roots, targets };
  }

  /** The books that use mdbook-spec, with their pages' rules and productions (made on first use) [^ln6s]. */
  private mdbookSpecBooksMemo: MdbookSpecBook[] | undefined;

  private mdbookSpecBooks(): MdbookSpecBook[] {
    if (this.mdbookSpecBooksMemo) return this.mdbookSpecBooksMemo;
    const books = (this.classifier.config.mdbookSpec ?? []).map((src) => ({ src, rules: new Set<string>(), productions: new Set<string>() }));
    if (books.length) {
      for (const file of this.specFiles) {
        const targets = this.specs.get(file)!.mdbookSpec;
        const book = targets && mdbookSpecBookOf(books, file);
        if (!book) continue;
        for (const r of targets.rules ?? []) book.rules.add(normalLabel(r));
        for (const p of targets.productions ?? []) book.productions.add(normalLabel(p));
      }
    }
    return (this.mdbookSpecBooksMemo = books);
  }

  /**
   * The file a link of `file` to `path` names, the one rule for broken links, references (hover, definition, rename)
   * and their quick fixes: relative to `file`'s folder; in a Docsify sidebar or navbar (`_sidebar.md`, `_navbar.md`),
   * whose links Docsify resolves from the site's folder, not the page's, the nearest folder above it where that file
   * exists when it does not exist beside it [^ln4f]; on a docs page of a Docusaurus site, a `.md`/`.mdx` link not
   * starting with `./` or `../` is the first that exists of the version's content folders, the site folder and the
   * page's own folder, as Docusaurus tries them (docusaurus.ts) [^ln9d]; on a page of a Zola site, an internal link
   * `@/path.md` names the file at that path of the site's content folder [^tr34z]; on a page of a DocFX project,
   * `~/path.md` names the file at that path of the project's folder, the one of its `docfx.json` [^tr36d].
   */
  linkTarget(file: string, path: string): string | undefined {
    if (path.startsWith('@/')) {
      const zola = this.zolaSiteOf(file);
      if (zola) return resolveRelative(zola.content, path.slice(2));
    }
    if (path.startsWith('~/')) {
      const docfx = this.docfxProjectOf(file);
      if (docfx !== undefined) return resolveRelative(docfx, path.slice(2));
    }
    const known = (p: string): boolean => this.files.has(p) || this.specs.has(p);
    const sites = this.classifier.config.docusaurus;
    const tries = sites?.length ? docusaurusLinkCandidates(sites, file, path) : undefined;
    if (tries) {
      const hit = tries.find(known);
      // Found nowhere: the page's own folder is named, as for any link (a `/` link is not judged, as elsewhere).
      if (hit !== undefined || path.startsWith('/')) return hit;
    }
    const target = resolveRelative(dirname(file), path);
    // A page of an Obsidian vault: a path Obsidian finds from the vault's folder or as the shortest path [^tr35o].
    if (target !== undefined && !known(target)) {
      const vault = this.obsidianVaultOf(file);
      const found = vault === undefined ? undefined : this.obsidianLinkTarget(vault, path, known);
      if (found !== undefined) return found;
    }
    if (target === undefined || !DOCSIFY_NAVIGATION.test(file) || known(target)) return target;
    for (let dir = dirname(file); dir; ) {
      dir = dirname(dir);
      const above = resolveRelative(dir, path);
      if (above !== undefined && known(above)) return above;
      if (!dir) break;
    }
    return target;
  }

  /** The Obsidian vault (its folder) that holds `file` (the innermost), or undefined [^tr35o]. */
  private obsidianVaultOf(file: string): string | undefined {
    return innermostFolder(this.classifier.config.obsidian, file);
  }

  /** The workspace's files by file name, for Obsidian's shortest paths (built once per model, when asked). */
  private filesByNameMemo: Map<string, string[]> | undefined;

  /**
   * The file of vault `vault` a link `path` of one of its pages names where it is not beside the page, as Obsidian's
   * "New link format" options write links: the path from the vault's folder ("Absolute path in vault"), else, for a
   * path that does not start with `./` or `../`, a file of the vault whose path ends with it ("Shortest path when
   * possible": `Note.md`, `Folder/Note.md`) [^tr35o].
   */
  private obsidianLinkTarget(vault: string, path: string, known: (p: string) => boolean): string | undefined {
    const fromVault = resolveRelative(vault, path);
    if (fromVault !== undefined && known(fromVault)) return fromVault;
    if (/^\.{1,2}[\\/]/.test(path.trim())) return undefined;
    const tail = resolveRelative('', path);
    if (!tail) return undefined;
    if (!this.filesByNameMemo) {
      const byName = new Map<string, string[]>();
      for (const f of new Set([...this.files, ...this.specs.keys()])) {
        const name = f.slice(f.lastIndexOf('/') + 1);
        const list = byName.get(name);
        if (list) list.push(f);
        else byName.set(name, [f]);
      }
      this.filesByNameMemo = byName;
    }
    const name = tail.slice(tail.lastIndexOf('/') + 1);
    return this.filesByNameMemo.get(name)?.find((f) => (vault === '' || f.startsWith(`${vault}/`)) && (f === (vault ? `${vault}/${tail}` : tail) || f.endsWith(`/${tail}`)));
  }

  /** The folder of the DocFX project that holds `file` (the innermost), or undefined [^tr36d]. */
  private docfxProjectOf(file: string): string | undefined {
    return innermostFolder(this.classifier.config.docfx, file);
  }

  /** The Zola site whose content folder holds `file` (the innermost), or undefined [^tr34z]. */
  private zolaSiteOf(file: string): ZolaSite | undefined {
    let best: ZolaSite | undefined;
    for (const site of this.classifier.config.zola ?? []) {
      if (file.startsWith(`${site.content}/`) && (!best || site.content.length > best.content.length)) best = site;
    }
    return best;
  }

  /** The source folder of the VuePress site whose pages hold `file` (the innermost), or undefined [^sw31v]. */
  private vuepressSiteOf(file: string): string | undefined {
    return innermostFolder(this.classifier.config.vuepress, file);
  }

  /** The MkDocs site whose pages folder holds `file` (the innermost), or undefined [^sc5p]. */
  private mkdocsSiteOf(file: string): MkdocsSite | undefined {
    let best: MkdocsSite | undefined;
    for (const site of this.classifier.config.mkdocs ?? []) {
      if ((site.docs === '' || file.startsWith(`${site.docs}/`)) && (!best || site.docs.length > best.docs.length)) best = site;
    }
    return best;
  }

  /**
   * The chapter an mdBook page's link to `index.md` reaches when the folder has no such file: mdBook's `index`
   * preprocessor (one of its defaults) makes a chapter `README.md` (any case) its folder's `index.md`, and the HTML
   * renderer turns the link into `index.html`, that chapter's page [^ln8b]. Only for a link of a page of a book's
   * `src/` (a `book.toml` beside it) into that folder; a link from outside the book (a README on GitHub) keeps
   * GitHub's rules.
   */
  private mdbookSourcesMemo: string[] | undefined;
  private mdbookIndexPage(file: string, target: string): string | undefined {
    const slash = target.lastIndexOf('/');
    if (target.slice(slash + 1) !== 'index.md') return undefined;
    this.mdbookSourcesMemo ??= [...this.files].filter((f) => f === 'book.toml' || f.endsWith('/book.toml')).map((f) => `${f.slice(0, -'book.toml'.length)}src/`);
    const src = this.mdbookSourcesMemo.find((s) => file.startsWith(s) && target.startsWith(s));
    if (src === undefined) return undefined;
    const dir = target.slice(0, slash + 1);
    return ['README.md', 'readme.md', 'Readme.md'].map((n) => `${dir}${n}`).find((f) => this.specs.has(f) || this.files.has(f));
  }

  /**
   * The default language's copy of a missing page of a translated MkDocs site (`docs/de/docs/newsletter.md` ->
   * `docs/en/docs/newsletter.md`), when the site falls back to it, it exists and the link is one of the site's pages
   * (`file`) [^sc5p].
   */
  private mkdocsFallback(file: string, target: string): string | undefined {
    const site = this.mkdocsSiteOf(target);
    if (site?.fallback === undefined || site.docs === '' || this.mkdocsSiteOf(file) !== site) return undefined;
    const copy = `${site.fallback}${target.slice(site.docs.length)}`;
    return this.specs.has(copy) || this.files.has(copy) ? copy : undefined;
  }

  /**
   * The ids a Hugo page gets from the fragments its site's `include` shortcode renders into it (nested includes
   * followed), for a link from a page of the site; none for a link from elsewhere (a README read on GitHub) [^ln9i].
   */
  private hugoIncludeMemo: { site: HugoIncludeSite; byPage: Map<string, readonly string[]> } | undefined;
  private hugoIncludedIds(site: HugoIncludeSite, file: string, target: string): ReadonlySet<string> {
    const inSite = (f: string): boolean => site.roots.some((r) => r === '' || f.startsWith(`${r}/`));
    if (!inSite(file) || !inSite(target)) return EMPTY_IDS;
    let byPage = this.hugoIncludeMemo?.site === site ? this.hugoIncludeMemo.byPage : undefined;
    if (!byPage) this.hugoIncludeMemo = { site, byPage: (byPage = new Map()) };
    // The files a page's calls name (its parse read them: SpecFacts.hugoIncludes), looked up among the workspace's files.
    const includesOf = (page: string): readonly string[] => {
      let found = byPage!.get(page);
      if (found === undefined) {
        const calls = this.specs.get(page)?.hugoIncludes;
        const root = calls ? hugoIncludeRootOf(site, page) : undefined;
        byPage!.set(page, (found = calls && root !== undefined ? hugoIncludeTargets(root, page, calls, (f) => this.files.has(f)) : []));
      }
      return found;
    };
    if (!includesOf(target).length) return EMPTY_IDS;
    const ids = new Set<string>();
    const seen = new Set<string>([target]);
    const visit = (page: string): void => {
      for (const fragment of includesOf(page)) {
        if (seen.has(fragment)) continue;
        seen.add(fragment);
        const facts = this.specs.get(fragment);
        if (facts) for (const id of hugoFragmentIds(facts, site.idType, site.terms)) ids.add(id);
        visit(fragment);
      }
    };
    visit(target);
    return ids;
  }

  /**
   * pymdownx.snippets on the MkDocs sites that enable it [^ln9n]: the Markdown files each page pastes in (its facts'
   * `targets.snippets`, looked for in the site's base paths, then beside the page), and for each such file the pages
   * that paste it. Made on first use.
   */
  private snippetMemo: { byPage: Map<string, string[]>; byFile: Map<string, string[]>; anchors: Map<string, ReadonlySet<string>> } | undefined;
  private snippetsOf(): NonNullable<IndexModel['snippetMemo']> {
    if (this.snippetMemo) return this.snippetMemo;
    const byPage = new Map<string, string[]>();
    const byFile = new Map<string, string[]>();
    if ((this.classifier.config.mkdocs ?? []).some((s) => s.snippets)) {
      for (const file of this.specFiles) {
        const given = this.specs.get(file)!.targets?.snippets;
        const site = given ? this.mkdocsSiteOf(file) : undefined;
        if (!given || !site?.snippets) continue;
        const found: string[] = [];
        for (const name of given) {
          for (const base of [...site.snippets, dirname(file)]) {
            const t = resolveRelative(base, name);
            if (t === undefined || !this.specs.has(t)) continue;
            if (t !== file && !found.includes(t)) found.push(t);
            break;
          }
        }
        if (!found.length) continue;
        byPage.set(file, found);
        for (const f of found) {
          const pages = byFile.get(f);
          if (pages) pages.push(file);
          else byFile.set(f, [file]);
        }
      }
    }
    return (this.snippetMemo = { byPage, byFile, anchors: new Map() });
  }

  /**
   * The ids a site generator gives a page's headings, made once per page, generator and model: the key names the
   * generator's slugify (a snippet's headings take the slugs of the MkDocs site that pastes it in).
   */
  private readonly siteIds = new Map<string, Set<string>>();
  private siteIdsOf(slugify: string, page: string, make: (headings: SpecFacts['headings']) => Set<string>): Set<string> {
    const key = `${slugify}\n${page}`;
    let ids = this.siteIds.get(key);
    if (!ids) this.siteIds.set(key, (ids = make(this.specs.get(page)!.headings)));
    return ids;
  }

  /** The ids an MkDocs site's `toc` gives a page's headings (mkdocsTocIds) [^sc5p]. */
  private mkdocsIdsOf(page: string, site: MkdocsSite): Set<string> {
    return this.siteIdsOf(site.slugify, page, (headings) => mkdocsTocIds(headings, site.slugify));
  }

  /** The anchors a page of an MkDocs site gets from the snippets it pastes in, nested ones followed [^ln9n]. */
  private snippetAnchors(page: string, site: MkdocsSite): ReadonlySet<string> {
    const memo = this.snippetsOf();
    if (!memo.byPage.has(page)) return EMPTY_IDS;
    let ids = memo.anchors.get(page);
    if (ids) return ids;
    const out = new Set<string>();
    const seen = new Set<string>([page]);
    const visit = (from: string): void => {
      for (const f of memo.byPage.get(from) ?? []) {
        if (seen.has(f)) continue;
        seen.add(f);
        const facts = this.specs.get(f)!;
        for (const a of facts.anchors) out.add(a);
        for (const a of this.mkdocsIdsOf(f, site)) out.add(a);
        if (site.attrList) for (const a of facts.targets?.attrIds ?? []) out.add(a);
        visit(f);
      }
    };
    visit(page);
    memo.anchors.set(page, (ids = out));
    return ids;
  }

  /**
   * Whether a link of a snippet works where it is pasted [^ln9n]: pymdownx.snippets pastes the file's text into each
   * page that names it, so its links are read from those pages. True when one of them reaches a file that exists and,
   * with an anchor, one that the file (or the page, for `#anchor`) offers.
   */
  private worksWherePasted(file: string, link: SpecLink): boolean {
    const pages = this.snippetsOf().byFile.get(file);
    if (!pages) return false;
    for (const page of pages) {
      const site = this.mkdocsSiteOf(page);
      const target = link.path ? this.linkTarget(page, link.path) : page;
      if (target === undefined || !site) continue;
      const facts = this.specs.get(target);
      if (!facts) {
        if (this.files.has(target)) return true;
        continue;
      }
      if (!link.anchor || offersAnchor(facts, link.anchor) || this.mkdocsIdsOf(target, site).has(link.anchor) || this.snippetAnchors(target, site).has(link.anchor)) return true;
    }
    return false;
  }

  /** Links whose anchor matches no `{#id}`, heading slug or HTML anchor of the target spec (of all specs, or of one). */
  brokenLinks(only?: string): BrokenLink[] {
    const broken: BrokenLink[] = [];
    const anchorLists = new Map<string, string[]>();
    const generated = new Map<string, boolean>();
    const books = this.mdbookSpecBooks();
    const specMd = (this.classifier.config.specMd ?? []).map((d) => ({ files: new Set(d.files), ids: new Set(d.ids) }));
    const generatorInputs = this.classifier.config.specGenerator ?? [];
    const strongPages = new Set(this.classifier.config.markedStrongPages ?? []);
    const generatorIds = new Map<string, Set<string>>();
    const hugoSites = this.classifier.config.hugoTermIds ?? [];
    const hugoIncludes = this.classifier.config.hugoIncludes;
    const docusaurus = this.classifier.config.docusaurus;
    for (const file of only === undefined ? this.specFiles : this.specs.has(only) ? [only] : []) {
      const book = books.length ? mdbookSpecBookOf(books, file) : undefined;
      for (const link of this.specs.get(file)!.links) {
        const base = { file, range: link.range, anchorRange: link.anchorRange, url: link.url, anchor: link.anchor };
        if (link.undefinedReference !== undefined) {
          // A page of an mdbook-spec book: the preprocessor defines rule, production and rustdoc labels [^ln6s].
          if (book && mdbookSpecDefines(book, link.undefinedReference)) continue;
          // A page of an MkDocs site with autorefs (mkdocstrings turns it on): `[title][identifier]` names a heading of
          // any page, an object the site renders or one of the inventories it imports, which are not known here [^ln9n].
          const mkdocs = this.mkdocsSiteOf(file);
          if (mkdocs?.autorefs) continue;
          // A definition pymdownx.snippets appends to every page of the site (`auto_append`) [^ln9n].
          if (mkdocs?.appendedLabels?.includes(normalLinkLabel(link.undefinedReference))) continue;
          // A page of a Hugo site: its shortcodes are replaced before Goldmark reads the page, so a block of
          // `[label]: https://…/{{< param tag >}}/…` lines is a block of definitions there [^ln9h].
          if (link.shortcodeDefinition && this.classifier.config.hugoPages?.some((d) => file.startsWith(`${d}/`))) continue;
          broken.push({ ...base, reason: 'no-definition', candidates: [], ...(link.lookalikeLine !== undefined ? { lookalikeLine: link.lookalikeLine } : {}) }); // [^ln4f]
          continue;
        }
        if (link.unusedDefinition) continue; // [^ln5u]
        if (TEMPLATE_VARIABLE.test(link.path) || TEMPLATE_VARIABLE.test(link.anchor)) continue;
        let target = link.path ? this.linkTarget(file, link.path) : file;
        if (target === undefined) continue;
        let facts = this.specs.get(target);
        // A translation's page that only the default language has: the site's build copies it in [^sc5p].
        if (!facts && !this.files.has(target)) {
          const fallback = this.mkdocsFallback(file, target) ?? this.mdbookIndexPage(file, target);
          if (fallback !== undefined) {
            target = fallback;
            facts = this.specs.get(fallback);
            if (!facts) continue;
          }
        }
        if (!facts) {
          // A template's placeholder (`[SE-NNNN](NNNN-filename.md)`, `[ADR-0005](0005-example.md)` in a template
          // folder, in any language): filled in by whoever copies the template, so not broken yet.
          if (TEMPLATE_SEGMENT.test(file) && PLACEHOLDER_FILE.test(link.path ?? '')) continue;
          // A Markdown file we do not index (excluded by the config, ignored by the workspace's rules: generated docs
          // under an ignored folder, say) may exist or be made by a build: only a file that is nowhere is broken.
          if (!this.files.has(target) && !this.classifier.leftOut(target) && !this.worksWherePasted(file, link)) broken.push({ ...base, targetFile: target, reason: 'no-file', candidates: [] });
          continue;
        }
        if (!link.anchor) continue;
        if (offersAnchor(facts, link.anchor)) continue;
        // A heading of a DocFX project's page that is only a link to `#tab/<id>` (`# [Windows](#tab/windows)`): DocFX
        // makes it a tab of a tab group, not a link [^tr36d].
        if (!link.path && DOCFX_TAB.test(link.anchor) && this.docfxProjectOf(file) !== undefined && isWholeHeadingLink(facts.headings, link)) continue;
        // A page of an Obsidian vault linked from a page of the vault: `#Heading text` (`#Heading%20text`), and
        // `#Heading#Subheading` for a subheading, reach the heading of that text; `#^id` the block whose line ends with
        // `^id` [^tr35o].
        const vault = this.obsidianVaultOf(file);
        if (vault !== undefined && vault === this.obsidianVaultOf(target) && (link.anchor.startsWith('^') ? facts.targets?.blocks?.includes(link.anchor.slice(1)) : obsidianHeadingLink(facts.headings, link.anchor))) continue;
        // `#user-content-preliminaries`: the id GitHub gives the heading's anchor on the rendered page (it prefixes every
        // id it renders with `user-content-`), so the link works there [^ln2a].
        const bare = link.anchor.startsWith('user-content-') ? link.anchor.slice('user-content-'.length) : undefined;
        if (bare && offersAnchor(facts, bare)) continue;
        // `[text]{#id}`, `[text](url){#id}`: an element of the page with that id (pandoc, Quarto, MyST) [^ln9m].
        if (facts.targets?.spans?.includes(link.anchor)) continue;
        // `[](#label)` in a MyST project: an explicit target of any of its pages; `[](page.md#label)`: of that page [^ln9m].
        if (!link.path && this.mystTargetsOf(file)?.has(link.anchor.toLowerCase())) continue;
        if (link.path && facts.targets?.labels && this.mystProjectOf(target) !== undefined) {
          const anchor = link.anchor.toLowerCase();
          if (facts.targets.labels.some((l) => l.toLowerCase() === anchor)) continue;
        }
        // `#r-<rule id>`, `#grammar-<Production>` on the page of an mdbook-spec book that declares them [^ln6s].
        if (books.length && mdbookSpecBookOf(books, target) && mdbookSpecAnchor(facts, link.anchor)) continue;
        // A section id of the page a spec generator builds: spec-md's `#sec-…` of the document both files are part of,
        // ipfs/spec-generator's ReSpec-style id of a page of its input folder, linked from a page of it [^ln7g].
        if (specMd.some((d) => d.ids.has(link.anchor) && d.files.has(target) && d.files.has(file))) continue;
        if (generatorInputs.some((dir) => dir === '' || (target.startsWith(`${dir}/`) && file.startsWith(`${dir}/`)))) {
          let ids = generatorIds.get(target);
          if (!ids) generatorIds.set(target, (ids = specGeneratorSectionIds(facts.headings.map((h) => h.title))));
          if (ids.has(link.anchor)) continue;
        }
        // A heading's bold text, which a marked build script of tc39/proposal-temporal's kind makes its id, on a page of
        // the build linked from one (`./zoneddatetime.md#from`); the page is also read on GitHub, whose slugs still count [^ln7g].
        if (strongPages.has(target) && strongPages.has(file) && facts.strongIds?.includes(link.anchor)) continue;
        // A page of an MkDocs site linked from one: the ids its `toc` gives the headings (Python-Markdown's slugs by
        // default, `sql-the-language` for `SQL - The Language`); GitHub's slugs are still anchors too [^sc5p].
        const site = this.mkdocsSiteOf(target);
        let siteIds: Set<string> | undefined;
        if (site && this.mkdocsSiteOf(file)) {
          siteIds = this.mkdocsIdsOf(target, site);
          if (siteIds.has(link.anchor)) continue;
          // attr_list's `{: #id }` on the last line of a paragraph or list item or after an inline element, and the ids mkdocstrings gives the
          // objects the page renders (`::: pkg.Name`: `#pkg.Name`, its members `#pkg.Name.member`, the headings of a
          // docstring `#pkg.Name--usage`, its IdPrependingTreeprocessor's prefix) [^ln9n].
          if (site.attrList && facts.targets?.attrIds?.includes(link.anchor)) continue;
          if (site.autorefs && facts.targets?.objects?.some((o) => link.anchor === o || link.anchor.startsWith(`${o}.`) || link.anchor.startsWith(`${o}--`))) continue;
          // The headings and ids of the snippets the page pastes in (pymdownx.snippets) [^ln9n].
          if (site.snippets && this.snippetAnchors(target, site).has(link.anchor)) continue;
          // A page whose `::: mkdocs-click` block an enabled extension renders: its generated headings' ids are not known.
          if (site.generators && facts.targets?.objects?.some((o) => site.generators!.includes(o))) continue;
        }
        // A page of a VuePress site linked from one of its pages: the ids VuePress's slugify gives the headings
        // (`#markdown-anchor` for `### markdown.anchor`); GitHub's slugs are still anchors too [^sw31v].
        const vuepress = this.vuepressSiteOf(target);
        if (vuepress !== undefined && vuepress === this.vuepressSiteOf(file) && this.siteIdsOf('vuepress', target, vuepressHeadingIds).has(link.anchor)) continue;
        // A page of a Zola site linked from one of its pages: the ids Zola gives the headings by the config's
        // `[slugify] anchors` (`#get-url` for `### get_url`); GitHub's slugs are still anchors too [^tr34z].
        const zola = this.zolaSiteOf(target);
        if (zola && zola === this.zolaSiteOf(file) && this.siteIdsOf(`zola-${zola.anchors}`, target, (headings) => zolaHeadingIds(headings, zola.anchors)).has(link.anchor)) continue;
        // A link of a snippet that works in the pages that paste it in [^ln9n].
        if (this.worksWherePasted(file, link)) continue;
        // A page of a Hugo site whose Goldmark parser gives definition-list terms ids, linked from a page of the site:
        // the ids Hugo gives its headings and terms together, in page order [^ln9h].
        const hugo = hugoSites.length ? hugoTermIdSiteOf(hugoSites, target) : undefined;
        if (hugo && hugoTermIdSiteOf(hugoSites, file) === hugo && facts.definitionTerms && hugoIdsOf(facts, hugo).has(link.anchor)) continue;
        // A page of a Hugo site that includes a fragment with the site's `include` shortcode, linked from itself or from
        // another page of the site: the fragment's headings and terms have their ids on the page [^ln9i].
        if (hugoIncludes && this.hugoIncludedIds(hugoIncludes, file, target).has(link.anchor)) continue;
        // A heading with something but no text to slug (`#### <!-- md:setting config.blog_dir -->`, which a site's hook
        // fills in): its file has an id no one can know here, so an anchor into it is not judged [^ln2a]. Not an empty
        // heading (`### ` and nothing): that one has no id.
        let filled = generated.get(target);
        if (filled === undefined) generated.set(target, (filled = facts.anchors.has('') && facts.headings.some(filledIn)));
        if (filled) continue;
        // A footnote's own anchors: `#fn-1`/`#fnref-1` (GitHub), `#fn:1`/`#fnref:1` (Python-Markdown, kramdown).
        const note = FOOTNOTE_ANCHOR.exec(link.anchor)?.[1];
        if (note !== undefined && [note, note.replace(/-\d+$/, '')].some((id) => facts.footnoteDefs.some((d) => d.id === id) || facts.footnoteRefs.some((r) => r.id === id))) continue;
        // `other.md#L70`, `#L70-L75`: a line of the file, as GitHub links lines (the file exists, so the link does).
        if (LINE_ANCHOR.test(link.anchor) && link.path) continue;
        // `#top`, `other.md#top` (any case): the top of the page, by the HTML standard's rule for a fragment `top` that
        // names no element [^ln2a].
        if (TOP_FRAGMENT.test(link.anchor)) continue;
        // A draft and the files it includes are one document: an anchor of any of them [^kr7i].
        const group = this.includeGroups.get(this.scopes.get(target)?.path ?? '');
        if (group?.some((f) => f !== target && offersAnchor(this.specs.get(f)!, link.anchor))) continue;
        // A same-page link of a fragment a build binds into one page: an id of any fragment of it; a link to a page of an
        // mdBook book: an id of a file the page includes [^ln8b].
        const bound = link.path ? this.includePages.get(target) : this.bindings.get(file);
        if (bound && this.boundAnchor(bound, target, link.anchor)) continue;
        // An MDX page of a Docusaurus site: a heading MDX reads that CommonMark hides in an HTML block, of the page or a
        // partial it imports [^ln9x].
        if (docusaurus?.length && mdxPageSite(docusaurus, target) && (bound ?? [target]).some((f) => this.specs.get(f)!.mdxAnchors?.includes(link.anchor))) continue;
        // `[](#RFC7285)` outside a draft: which references the draft declares is not known here.
        if (link.bibliographic && !group && !isDraftFormat(this.specs.get(file)!.format)) continue;
        // One candidate list per target file, shared by its broken links (not a copy per link).
        let candidates = anchorLists.get(target);
        const pool = group ?? bound;
        if (!candidates) anchorLists.set(target, (candidates = pool ? [...new Set([...pool.flatMap((f) => [...this.specs.get(f)!.anchors]), ...(bound ? this.termIdsOf(bound) : [])])] : siteIds || (hugo && facts.definitionTerms) ? [...new Set([...(siteIds ?? []), ...facts.anchors, ...(hugo && facts.definitionTerms ? hugoIdsOf(facts, hugo) : [])])] : [...facts.anchors]));
        broken.push({ ...base, ...(link.path ? { targetFile: target } : {}), reason: 'no-anchor', candidates });
      }
    }
    return broken;
  }

  /**
   * Everything about an id [^sc5p]: asked from a file (`from`), an id its scope declares is that scope's clause;
   * otherwise the id resolves as a citation does (the workspace scope, the only scope that declares it, or `name:id`).
   * Several scopes and no choice: every clause, with `ambiguousScopes`.
   */
  resolve(id: string, from?: string): Resolution {
    if (this.hasScopes) return this.resolveScoped(id, from);
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

  private resolveScoped(id: string, from: string | undefined): Resolution {
    const all = this.clausesById.get(id) ?? [];
    const fromKey = from !== undefined ? this.scopeKeyOf(from) : '';
    const sibling = fromKey ? this.siblingSpecs.get(fromKey) : undefined;
    const target =
      fromKey && all.some((c) => this.scopeKeyOf(c.file) === fromKey)
        ? { id, scope: fromKey }
        : sibling !== undefined && all.some((c) => this.scopeKeyOf(c.file) === sibling)
          ? { id, scope: sibling }
          : this.citationTarget(id);
    if (!target) {
      const resolution: Resolution = {
        id,
        clauses: all,
        definitions: this.definitionsById.get(id) ?? [],
        citations: this.citationsById.get(id) ?? [],
        specReferences: this.specReferencesById.get(id) ?? [],
      };
      if (all.length) {
        resolution.clause = all[0]!;
        resolution.ambiguousScopes = this.scopesOf(id);
      }
      return resolution;
    }
    const key = target.scope;
    const inScope = (file: string): boolean => this.scopeKeyOf(file) === key;
    const clauses = (this.clausesById.get(target.id) ?? []).filter((c) => inScope(c.file));
    const resolution: Resolution = {
      id: target.id,
      clauses,
      definitions: (this.definitionsById.get(target.id) ?? []).filter((d) => inScope(d.file)),
      citations: (this.citationsById.get(target.id) ?? []).filter((c) => this.citationTarget(c.id)?.scope === key),
      specReferences: (this.specReferencesById.get(target.id) ?? []).filter((r) => r.kind === 'link' || r.kind === 'example-backref' || inScope(r.file)),
      scope: this.scopesByKey.get(key) ?? WORKSPACE_SCOPE,
    };
    const clause = clauses[0];
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
        const path = this.existingExampleOf(clause);
        if (path && !this.owners.has(path)) this.owners.set(path, clause.id);
      }
    }
    return this.owners.get(path);
  }

  private coveredIds?: Set<string>;
  private coveredParentIds?: Set<string>;
  private coveredCount?: number;

  /**
   * What the findings of a file's own clauses (an unknown authority, a missing example, no citation: see
   * computeDiagnostics) read of this model besides the clauses: the definitions (example targets), the workspace's files
   * (example files and folders), the file's scope and, when uncited clauses are reported, the covered ids. A model
   * patched from another shares these objects while they hold the same; a model that changes one has a new object, and
   * none of them is changed once a model holds it.
   */
  clauseFindingsState(file: string, uncited: boolean): readonly unknown[] {
    return [this.definitionsById, this.files, this.hasScopes, this.scopeOf(file).path, uncited ? this.coveredIdSet() : undefined];
  }

  /** How many clauses are covered (isCovered), for the status bar. */
  coveredClauseCount(): number {
    this.coveredCount ??= this.clauses.filter((c) => this.isCovered(c.id, this.scopeKeyOf(c.file))).length;
    return this.coveredCount;
  }

  /**
   * Is a clause implemented at all: cited itself, or a clause inside it is (a heading whose footnotes or subsections
   * are cited is covered). `clause.uncited` reports the clauses that are not.
   */
  isCovered(id: string, scope = ''): boolean {
    if (!this.coveredIds) {
      const covered = new Set<string>();
      if (!this.hasScopes) {
        for (const id of this.citationsById.keys()) {
          // Walk up the parent chain; stop at an already covered ancestor (or a cycle from duplicate ids).
          let current: string | undefined = id;
          while (current !== undefined && this.clausesById.has(current) && !covered.has(current)) {
            covered.add(current);
            current = this.clausesById.first(current)!.parent;
          }
        }
      } else {
        // Keyed by scope and id: citing FR-001 of one feature folder covers no other folder's FR-001 [^sc5p].
        for (const raw of new Set(this.citations.map((c) => c.id))) {
          const t = this.citationTarget(raw);
          if (!t) continue;
          let current: string | undefined = t.id;
          for (let clause = this.clauseIn(current, t.scope); clause && !covered.has(`${t.scope}\u0000${current}`); clause = current === undefined ? undefined : this.clauseIn(current, t.scope)) {
            covered.add(`${t.scope}\u0000${current}`);
            current = clause.parent;
          }
        }
      }
      this.coveredIds = covered;
    }
    return this.coveredIds.has(this.hasScopes ? `${scope}\u0000${id}` : id);
  }

  /** Vague wording in a spec file: the lexicon pass, then the LLM pass (where it ran). */
  ambiguitiesOf(file: string): AmbiguityHit[] {
    const lexicon = this.ambiguity.get(file) ?? [];
    const llm = this.llmHits.get(file);
    if (!llm?.length) return lexicon;
    // Merged without duplicates: an LLM finding on a phrase the offline pass already flags adds nothing [^am6c].
    const overlaps = (a: Range, b: Range): boolean => comparePositions(a.start, b.end) < 0 && comparePositions(b.start, a.end) < 0;
    return [...lexicon, ...llm.filter((h) => !lexicon.some((l) => overlaps(l.range, h.range)))];
  }

  /** Every id known as a clause. */
  ids(): string[] {
    return [...this.clausesById.keys()];
  }

  private knownCache?: readonly string[];

  /** Every id known as a clause, one list per model (read only). */
  knownIds(): readonly string[] {
    return (this.knownCache ??= this.ids());
  }
}

/*
 * Model objects made from facts objects, kept per facts object: the facts of an unchanged file (or of the unchanged
 * sections of an edited spec) are the same objects across rebuilds, so a rebuilt model holds the same clause and
 * definition objects for them, and what is memoized by clause (diagnostics, their LSP forms, the publish diff) stays
 * valid. Each depends only on its facts object and file.
 */
const footnoteClauses = new WeakMap<FootnoteRef, Clause>();
/** The names example files could have (IndexModel.mayNameExample), per set of workspace paths. */
const exampleNames = new WeakMap<ReadonlySet<string>, Set<string>>();
const definitionsAt = new WeakMap<FootnoteDef, FootnoteDefinitionAt>();
const definitionClauses = new WeakMap<FootnoteDefinitionAt, Clause>();

function definitionAt(file: string, d: FootnoteDef): FootnoteDefinitionAt {
  let def = definitionsAt.get(d);
  if (def?.file !== file) definitionsAt.set(d, (def = { ...d, file }));
  return def;
}

function footnoteClause(file: string, ref: FootnoteRef | undefined): Clause | undefined {
  if (!ref) return undefined;
  // A one-line reference (every reference both parse paths make) holds its clause in a field; others in a WeakMap.
  if (ref instanceof KeptFootnoteRef) {
    let clause = ref.madeClause as Clause | undefined;
    if (clause?.file !== file) ref.madeClause = clause = makeFootnoteClause(file, ref);
    return clause;
  }
  // One a batch index's parse made keeps none: its one model asks once per reference (see IndexModel.buildSpecReferences).
  if (ref instanceof OneLineFootnoteRef) return makeFootnoteClause(file, ref);
  let clause = footnoteClauses.get(ref);
  if (clause?.file !== file) footnoteClauses.set(ref, (clause = makeFootnoteClause(file, ref)));
  return clause;
}

/** The attributes of every footnote clause (footnotes have none): one frozen object, not one per clause. */
const NO_ATTRIBUTES: Record<string, string> = Object.freeze({});

/**
 * What the model's reference of a footnote reference `[^id]` and its footnote clause read: the file and the reference,
 * and every other field read through the reference (a reference holds its place as three numbers, see
 * OneLineFootnoteRef in parseSpec.ts) [^big_documents]. JSON.stringify writes the SpecReference literal it replaces.
 */
abstract class FootnoteView implements SpecReference {
  abstract readonly file: string;
  /** The reference read through. */
  abstract readonly ref: FootnoteRef;

  get id(): string {
    return this.ref.id;
  }

  get kind(): 'footnote' {
    return 'footnote';
  }

  get range(): Range {
    return this.ref.range;
  }

  get idRange(): Range {
    return this.ref.idRange;
  }

  toJSON(): SpecReference {
    const { id, file, kind, range, idRange } = this;
    return { id, file, kind, range, idRange };
  }
}

/** The model's reference of a footnote reference as readers get it: two fields, the file and the reference. */
class FootnoteReference extends FootnoteView {
  readonly file: string;
  readonly ref: FootnoteRef;

  constructor(file: string, ref: FootnoteRef) {
    super();
    this.file = file;
    this.ref = ref;
  }
}

/**
 * The clause of a footnote reference, read through the reference like FootnoteReference: no copies of its strings and
 * no range objects per clause (104 bytes a clause less; a spec with 200,000 references has 200,000 of them).
 * JSON.stringify writes the Clause literal it replaces. Two kinds: RefFootnoteClause (a reference object) and
 * ColumnFootnoteClause (a place in a batch index's FootnoteRefColumns).
 */
abstract class FootnoteClause extends FootnoteView implements Clause {
  get title(): string {
    return this.ref.sectionTitle;
  }

  get text(): string {
    return this.ref.blockText;
  }

  get section(): string[] {
    return this.ref.section;
  }

  get attributes(): Record<string, string> {
    return NO_ATTRIBUTES;
  }

  get parent(): string | undefined {
    return this.ref.parent;
  }

  get authority(): string | undefined {
    return this.ref.authority;
  }

  /** Whether this is the clause made of reference `index` of `refs`. */
  abstract madeOf(refs: FootnoteRefs, index: number): boolean;

  override toJSON(): Clause & SpecReference {
    const { id, kind, title, text, file, range, idRange, section, attributes, parent, authority } = this;
    return { id, kind, title, text, file, range, idRange, section, attributes, parent, authority } as Clause & SpecReference;
  }
}

/** The clause of a reference object: two fields, the file and the reference. */
class RefFootnoteClause extends FootnoteClause {
  readonly file: string;
  readonly ref: FootnoteRef;

  constructor(file: string, ref: FootnoteRef) {
    super();
    this.file = file;
    this.ref = ref;
  }

  madeOf(refs: FootnoteRefs, index: number): boolean {
    return !(refs instanceof FootnoteRefColumns) && this.ref === refs.at(index);
  }
}

/**
 * The clause of reference `index` of a batch index's FootnoteRefColumns: two fields, the columns (which know their
 * file) and the place; every field read from the columns, no reference object kept (the 200,000-reference spec: its
 * 200,000 reference objects, 11.2 MB, are not made) [^big_documents]. `ref` is made on each read (equal, not the same).
 */
class ColumnFootnoteClause extends FootnoteClause {
  /**
   * The id, read once per clause object: the model's maps hash it, and a string keeps its hash (a clause stored by the
   * model is one of the few ids given more than once, see BatchClauses: the clauses read are short-lived).
   */
  readonly #id: string;

  constructor(
    readonly refs: FootnoteRefColumns,
    readonly index: number,
    id = refs.idAt(index),
  ) {
    super();
    this.#id = id;
  }

  get file(): string {
    return this.refs.file;
  }

  get ref(): FootnoteRef {
    return this.refs.at(this.index)!;
  }

  override get id(): string {
    return this.#id;
  }

  override get range(): Range {
    return this.refs.rangeAt(this.index);
  }

  override get idRange(): Range {
    return this.refs.idRangeAt(this.index);
  }

  override get title(): string {
    return this.refs.blockAt(this.index).sectionTitle;
  }

  override get text(): string {
    return this.refs.blockAt(this.index).blockText;
  }

  override get section(): string[] {
    return this.refs.blockAt(this.index).section;
  }

  override get parent(): string | undefined {
    return this.refs.blockAt(this.index).parent;
  }

  override get authority(): string | undefined {
    return this.refs.blockAt(this.index).authority;
  }

  madeOf(refs: FootnoteRefs, index: number): boolean {
    return this.refs === refs && this.index === index;
  }
}

/** The id of reference `index` of a spec's references (columns: without a reference object). */
function footnoteIdAt(refs: FootnoteRefs, index: number): string {
  return refs instanceof FootnoteRefColumns ? refs.idAt(index) : refs.at(index)!.id;
}

/** The footnote clause of reference `index` of `file`'s references (see footnoteClause; columns: ColumnFootnoteClause). */
function footnoteClauseAt(file: string, refs: FootnoteRefs, index: number): Clause {
  return refs instanceof FootnoteRefColumns && refs.file === file ? new ColumnFootnoteClause(refs, index) : footnoteClause(file, refs.at(index))!;
}

function makeFootnoteClause(file: string, ref: FootnoteRef): Clause {
  return new RefFootnoteClause(file, ref);
}

/**
 * The model's reference of a footnote reference, as stored: the footnote clause of the reference (made if the model did
 * not need it as a clause: a later reference of an id, or of a heading's id), one object per reference where a clause
 * and a reference of its own were two (40 bytes a reference; 8 MB for the 200,000-reference spec) [^big_documents].
 * Readers never see it as stored: the id map of references hands out a FootnoteReference of it (presentReference), so
 * a reference reads and writes as before (its JSON is the SpecReference literal).
 */
function referenceOf(file: string, ref: FootnoteRef): SpecReference {
  return footnoteClause(file, ref) as FootnoteClause;
}

/** A stored reference as readers get it: a footnote clause stored as a reference is given as its FootnoteReference. */
function presentReference(stored: SpecReference): SpecReference {
  return stored instanceof FootnoteClause ? new FootnoteReference(stored.file, stored.ref) : stored;
}

/**
 * The clauses made of definitions (the last part of IndexModel.clauses); the other clauses of kind `footnote` are made
 * of footnote references (the second part), the rest are heading clauses.
 */
const madeFromDefinition = new WeakSet<Clause>();

/** The part of a model's flat clause list a clause is in: 0 heading clauses, 1 footnote clauses, 2 clauses of definitions. */
const clausePhase = (c: Clause): number => (madeFromDefinition.has(c) ? 2 : c.kind === 'footnote' ? 1 : 0);

function definitionClause(def: FootnoteDefinitionAt): Clause {
  let clause = definitionClauses.get(def);
  if (!clause) {
    clause = { id: def.id, kind: 'footnote', title: def.id, text: def.text, file: def.file, range: def.range, idRange: def.idRange, section: [], attributes: NO_ATTRIBUTES };
    definitionClauses.set(def, clause);
    madeFromDefinition.add(clause);
  }
  return clause;
}


/** The same tests at the same places (a file named by a test target). */
function sameTests(a: CodeFacts, b: CodeFacts): boolean {
  return JSON.stringify(a.tests) === JSON.stringify(b.tests);
}

/** The same ids cited in the same order, as code or test alike: only positions moved. */
function sameCitedIds(a: CodeFacts, b: CodeFacts): boolean {
  return a.citations.length === b.citations.length && a.citations.every((c, i) => c.id === b.citations[i]!.id && c.kind === b.citations[i]!.kind);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
