import { enclosingSections, findAmbiguities, headingStem, isSummaryHeading, suppressionChecker, type AmbiguityCategory, type AmbiguityFinding, type Section } from '../analysis/ambiguity/analyze';
import type { Domain, Review } from '../analysis/ambiguity/formats';
import { CLARIFICATIONS_ID } from '../features/clarify';
import { isDraftFormat } from '../markdown/formats';
import type { ProseBlock } from '../markdown/parseSpec';
import { LineIndex } from '../text/lineIndex';
import type { ClarifierConfig } from './config';
import type { AmbiguityHit } from './workspaceIndex';

/**
 * The lexicon pass over one spec's prose [^ambiguity_lexicon], chunk by chunk (SpecPass), as the index runs it when it
 * parses a spec, and the same pass over a spec parsed in another thread (AmbiguityJob): the index worker threads of a
 * batch run send what the pass reads of each spec they parse, and the main thread runs it (io/workspace.ts), so the
 * English model is loaded and the pass's code warmed up once per run, not once per worker. One pass, two callers.
 */

/** What the pass reads of a chunk: its prose blocks (offsets from the chunk's start), its text and where it is. */
export interface PassChunk {
  /** The chunk's parse: the pass keeps its results in `derived` (an edit re-analyses the chunks it changed only). */
  entry: { facts: { prose: ProseBlock[] }; derived?: unknown };
  /** Offset and line of the chunk in the document. */
  start: number;
  line: number;
  text: string;
}

/** What the pass reads of the whole spec besides its chunks (made once per parse of the spec). */
export interface SpecPassInput {
  review: Review;
  /** The spec's domain (domainOf, or domainOfPieces of its chunks). */
  domain: Domain;
  /** The spec is a standard (documentKindOf): only calls for care keep their severity, the other findings are hints. */
  standard: boolean;
  /** The document's own terms and its feature's name terms (one array per set of terms: its phrase map is kept). */
  terms: string[];
  /** The stems of the spec's one-word section titles (`sectionStemsOf` of its chunks' headings): a summary's item naming one is answered there. */
  sectionStems: string[];
  /** The chunks' cache key: format, domain, standard, terms and section stems (passKey). A chunk's findings are kept while it is the same. */
  key: string;
  /** The spec is read piece by piece (cut at line starts, not a draft): suppression comments are looked for per chunk. */
  pieces: boolean;
}

/** A chunk's findings are kept (in its entry) for this key: what they depend on beyond the chunk's own text. */
export function passKey(review: Review, domain: Domain, standard: boolean, joinedTerms: string, sectionStems: readonly string[] = []): string {
  return `${review.format}${review.capitalsOnly ? '+caps' : ''}\u0000${domain}${standard ? '+standard' : ''}\u0000${joinedTerms}${sectionStems.length ? `\u0001${sectionStems.join(' ')}` : ''}`;
}

/** Per chunk parse: the stems of its one-word heading titles (`headingStem`), and whether it has a summary heading. */
const chunkStems = new WeakMap<object, { stems: string[]; summary: boolean }>();

/**
 * The stems of a spec's one-word section titles, from its chunks' heading blocks (each chunk's kept with its parse, so
 * a keystroke reads the headings of the chunk it changed only), sorted and without repeats: equal to a read of the
 * whole text's headings. None when the spec has no summary section, the only place they are read: they are part of
 * every chunk's cache key, and typing a one-word heading would otherwise send every chunk of the spec to the pass again.
 */
export function sectionStemsOf(chunks: readonly { entry: { facts: { prose: ProseBlock[] } } }[]): string[] {
  const all = new Set<string>();
  let summary = false;
  for (const c of chunks) {
    let read = chunkStems.get(c.entry.facts);
    if (!read) {
      read = { stems: [], summary: false };
      for (const b of c.entry.facts.prose) {
        if (b.kind !== 'heading') continue;
        if (isSummaryHeading(b.text)) read.summary = true;
        const st = headingStem(b.text);
        if (st) read.stems.push(st);
      }
      chunkStems.set(c.entry.facts, read);
    }
    summary ||= read.summary;
    for (const st of read.stems) all.add(st);
  }
  return summary ? [...all].sort() : [];
}

/** A suppression comment's words (within a line): a chunk without them holds no suppression comment. */
export const SUPPRESSION_WORDS = 'clarifier-disable-next-line';

/** The sections a chunk's headings leave open, after those enclosing it, with the titles of those (see sectionsAfter). */
interface SectionsMemo {
  before: readonly Section[];
  sections: Section[];
  titles: string;
}
const sectionsMemos = new WeakMap<object, SectionsMemo>();

/**
 * `enclosingSections(before, prose, text)` of a chunk, and the titles of `before` joined (part of the chunk's cache key),
 * kept per chunk entry while `before` holds the same sections: the same arrays come back, so the next chunk finds its
 * `before` the same by identity.
 */
function sectionsAfter(chunk: PassChunk, before: Section[]): SectionsMemo {
  const memo = sectionsMemos.get(chunk.entry);
  if (memo && (memo.before === before || (memo.before.length === before.length && memo.before.every((s, i) => s.depth === before[i]!.depth && s.title === before[i]!.title)))) {
    return memo;
  }
  const made = { before, sections: enclosingSections(before, chunk.entry.facts.prose, chunk.text), titles: before.map((s) => `${s.depth} ${s.title}`).join('\u0000') };
  sectionsMemos.set(chunk.entry, made);
  return made;
}

type ChunkDerived = { key: string; titles: string; local: { finding: AmbiguityFinding; hit: AmbiguityHit }[]; placed?: { line: number; hits: AmbiguityHit[] }; suppresses?: boolean };

/**
 * The pass over one spec, its chunks given in order (`add`), then `finish`. Each chunk starts with its heading, which no
 * list continues, so a chunk's findings depend on its own text, the headings enclosing it and the spec's key only, and
 * are kept with its parse (an edit re-analyses one section). Suppression comments may sit in the chunk before the line
 * they silence: they are applied to the whole file. The Clarifications section is the answers, not prose to review [^cq2r].
 */
export class SpecPass {
  /** The headings enclosing the next chunk. */
  private sections: Section[] = [];
  private suppressible = false;
  private readonly hits: AmbiguityHit[] = [];
  private readonly offsets: number[] = [];

  constructor(
    private readonly config: ClarifierConfig,
    private readonly spec: SpecPassInput,
  ) {}

  /** The spec's next chunk. */
  add(chunk: PassChunk): void {
    const { review, key, pieces } = this.spec;
    const a = this.config.ambiguity;
    const cached = chunk.entry.derived as ChunkDerived | undefined;
    // The headings enclosing each chunk (a chunk starts at its own heading): its list items may be criteria of a
    // section an earlier chunk opened. Part of the cache key. Kept with the chunk's parse while the headings before it
    // are the same (sectionsAfter), so a keystroke joins no titles for the chunks it did not change.
    const enclosing = this.sections;
    const after = sectionsAfter(chunk, enclosing);
    this.sections = after.sections;
    let local = cached?.key === key && cached.titles === after.titles ? cached.local : undefined;
    // Equal strings kept as the objects compared next time (a worker's structured clone, titles joined again): the
    // next keystroke compares them by identity, not character by character for every chunk.
    if (local) [cached!.key, cached!.titles] = [key, after.titles];
    if (!local) {
      const prose = chunk.entry.facts.prose.filter((b) => b.clauseId !== CLARIFICATIONS_ID && !b.record);
      const findings = prose.length
        ? findAmbiguities(prose, {
            addTerms: a.addTerms,
            ignoreTerms: a.ignoreTerms,
            glossary: a.glossary,
            categorySeverity: a.categories,
            termSeverity: a.terms,
            normativeAuthorities: a.normativeAuthorities,
            specText: chunk.text,
            documentTerms: this.spec.terms,
            domain: this.spec.domain,
            standard: this.spec.standard,
            sections: enclosing,
            sectionStems: this.spec.sectionStems,
            capitalKeywordsOnly: isDraftFormat(review.format) || review.capitalsOnly === true,
          })
        : [];
      // Chunk-local hits (ranges from the chunk's first line): placed by shifting, as the chunk's facts are.
      const lines = findings.length ? new LineIndex(chunk.text) : undefined;
      local = findings.map((f) => ({
        finding: f,
        hit: {
          category: f.category,
          term: f.term,
          phrase: chunk.text.slice(f.start, f.end),
          range: lines!.rangeOf(f.start, f.end),
          question: f.question,
          reason: f.reason,
          severity: f.severity,
          ...(f.clauseId !== undefined ? { clauseId: f.clauseId } : {}),
        },
      }));
      chunk.entry.derived = { key, titles: after.titles, local };
    }
    // The hits placed at the chunk's line, kept while the chunk stays on it: a keystroke elsewhere makes no new hit
    // objects (and what is memoized by hit, the diagnostics, stays).
    const derived = chunk.entry.derived as ChunkDerived;
    // Whether the chunk's text holds a suppression comment's words (they lie within a line), looked for once per chunk.
    if (pieces && !this.suppressible && (derived.suppresses ??= chunk.text.includes(SUPPRESSION_WORDS))) this.suppressible = true;
    const dl = chunk.line;
    if (derived.placed?.line !== dl) {
      derived.placed = {
        line: dl,
        hits: local.map(({ hit }) => (dl === 0 ? hit : { ...hit, range: { start: { line: hit.range.start.line + dl, character: hit.range.start.character }, end: { line: hit.range.end.line + dl, character: hit.range.end.character } } })),
      };
    }
    const placed = derived.placed.hits;
    local.forEach(({ finding }, i) => {
      if (finding.start + chunk.start < review.from) return;
      this.offsets.push(finding.start + chunk.start);
      this.hits.push(placed[i]!);
    });
  }

  /**
   * The spec's hits, those on a line a suppression comment silences left out. `text` (the spec's text) is read only when
   * a chunk may hold a suppression comment (any chunk of a spec not read in pieces): see textNeeded.
   */
  finish(text: string): AmbiguityHit[] {
    const { hits, offsets } = this;
    if (hits.length === 0) return [];
    // Suppression comments may sit in the chunk before the line they silence: applied to the whole file. None in any
    // chunk of a spec cut at line starts: no pass over the whole text (~0.4 ms per keystroke in a 0.8 MB spec).
    if (this.spec.pieces && !this.suppressible) return hits;
    const isSuppressed = suppressionChecker(text);
    return hits.filter((h, i) => !isSuppressed(offsets[i]!, h.category as AmbiguityCategory));
  }
}

/** Whether SpecPass.finish may read the spec's text: a chunk may hold a suppression comment (exactly when it does). */
export function textNeeded(pieces: boolean, chunks: readonly { text: string }[]): boolean {
  return !pieces || chunks.some((c) => c.text.includes(SUPPRESSION_WORDS));
}

/**
 * What the pass reads of one spec, packed (a structured clone from an index worker to the main thread): the spec's pass
 * input without its key, and its chunks in three flat parts: `texts`, one string holding each chunk's text and, after
 * it, the texts of its blocks that are not the chunk's own slice (a block's text is masked where code or a link was);
 * `names`, the blocks' clause ids and authorities, each once; `layout`, numbers only (CHUNK_FIELDS per chunk, then
 * BLOCK_FIELDS per block of it). A clone of these is a few copies of memory, not some 40,000 objects and strings to
 * serialize in the worker and make again on the main thread, where a queued job's objects survived young collections
 * (docs/performance.md, pass17); the blocks are made again, as they were, when the job is run (AmbiguityJobRun.step).
 * `text` is the spec's text when the pass may read it (textNeeded). The hits of `runAmbiguityJob` are those the
 * worker's index would have made.
 */
export interface AmbiguityJob {
  path: string;
  review: Review;
  domain: Domain;
  standard: boolean;
  terms: string[];
  sectionStems: string[];
  pieces: boolean;
  /** Characters of prose in the job's blocks (what a job costs, roughly). */
  weight: number;
  texts: string;
  names: string[];
  layout: Int32Array;
  text?: string;
}

/** A chunk in a job's layout: start, line, length of its text in `texts`, number of blocks. */
const CHUNK_FIELDS = 4;
/**
 * A block in a job's layout: kind (BLOCK_KINDS), start, end, where its text starts in `texts` (-1: the chunk's slice
 * from start to end), its length, clause id and authority (indexes in `names`, -1: none), record (1: yes).
 */
const BLOCK_FIELDS = 8;
const BLOCK_KINDS: readonly ProseBlock['kind'][] = ['paragraph', 'heading', 'tableCell'];

/** The job of a spec whose chunks and pass input are those given (made where the spec is parsed). */
export function ambiguityJob(path: string, text: string, chunks: readonly PassChunk[], input: SpecPassInput): AmbiguityJob {
  let fields = 0;
  for (const c of chunks) fields += CHUNK_FIELDS + c.entry.facts.prose.length * BLOCK_FIELDS;
  const layout = new Int32Array(fields);
  const parts: string[] = [];
  const names: string[] = [];
  const nameAt = new Map<string, number>();
  const name = (s: string | undefined): number => {
    if (s === undefined) return -1;
    let i = nameAt.get(s);
    if (i === undefined) {
      nameAt.set(s, (i = names.length));
      names.push(s);
    }
    return i;
  };
  let at = 0;
  let k = 0;
  let weight = 0;
  for (const c of chunks) {
    const prose = c.entry.facts.prose;
    layout[k++] = c.start;
    layout[k++] = c.line;
    layout[k++] = c.text.length;
    layout[k++] = prose.length;
    parts.push(c.text);
    at += c.text.length;
    for (const b of prose) {
      weight += b.end - b.start;
      layout[k++] = BLOCK_KINDS.indexOf(b.kind);
      layout[k++] = b.start;
      layout[k++] = b.end;
      // Most blocks are masked (their text differs from the chunk's slice): only those are sent.
      const own = b.end - b.start === b.text.length && c.text.startsWith(b.text, b.start);
      layout[k++] = own ? -1 : at;
      layout[k++] = b.text.length;
      if (!own) {
        parts.push(b.text);
        at += b.text.length;
      }
      layout[k++] = name(b.clauseId);
      layout[k++] = name(b.authority);
      layout[k++] = b.record ? 1 : 0;
    }
  }
  const job: AmbiguityJob = { path, review: input.review, domain: input.domain, standard: input.standard, terms: input.terms, sectionStems: input.sectionStems, pieces: input.pieces, weight, texts: parts.join(''), names, layout };
  if (textNeeded(input.pieces, chunks)) job.text = text;
  return job;
}

/** A job's next chunk as the worker's index had it (`place` moves past it); none after the last. */
function readChunk(job: AmbiguityJob, place: { k: number; textAt: number }): { start: number; line: number; text: string; prose: ProseBlock[] } | undefined {
  const { layout, texts, names } = job;
  let k = place.k;
  if (k >= layout.length) return undefined;
  const start = layout[k++]!;
  const line = layout[k++]!;
  const length = layout[k++]!;
  const count = layout[k++]!;
  const text = texts.slice(place.textAt, place.textAt + length);
  place.textAt += length;
  const prose: ProseBlock[] = new Array(count);
  for (let i = 0; i < count; i++, k += BLOCK_FIELDS) {
    const from = layout[k + 3]!;
    const block: ProseBlock = { kind: BLOCK_KINDS[layout[k]!]!, start: layout[k + 1]!, end: layout[k + 2]!, text: '' };
    if (from < 0) block.text = text.slice(block.start, block.end);
    else {
      block.text = texts.slice(from, from + layout[k + 4]!);
      place.textAt += layout[k + 4]!;
    }
    if (layout[k + 5]! >= 0) block.clauseId = names[layout[k + 5]!]!;
    if (layout[k + 6]! >= 0) block.authority = names[layout[k + 6]!]!;
    if (layout[k + 7] === 1) block.record = true;
    prose[i] = block;
  }
  place.k = k;
  return { start, line, text, prose };
}

/** A job's chunks, each with its place, text and prose blocks, as the worker's index had them. */
export function jobChunks(job: AmbiguityJob): { start: number; line: number; text: string; prose: ProseBlock[] }[] {
  const place = { k: 0, textAt: 0 };
  const out = [];
  for (let c = readChunk(job, place); c; c = readChunk(job, place)) out.push(c);
  return out;
}

/**
 * A job's pass, a chunk at a time (the main thread of a batch run runs it between the messages of the index workers):
 * `step` analyses the next chunk and says whether one is left; `hits` once none is.
 */
export class AmbiguityJobRun {
  private readonly pass: SpecPass;
  /** The next chunk's place in the layout, and its text's in `texts`. */
  private readonly place = { k: 0, textAt: 0 };

  constructor(
    readonly job: AmbiguityJob,
    config: ClarifierConfig,
  ) {
    this.pass = new SpecPass(config, { review: job.review, domain: job.domain, standard: job.standard, terms: job.terms, sectionStems: job.sectionStems, key: passKey(job.review, job.domain, job.standard, job.terms.join('\u0000'), job.sectionStems), pieces: job.pieces });
  }

  /** Analyses the next chunk; false once every chunk is. */
  step(): boolean {
    const chunk = readChunk(this.job, this.place);
    if (chunk) this.pass.add({ entry: { facts: { prose: chunk.prose } }, start: chunk.start, line: chunk.line, text: chunk.text });
    return this.place.k < this.job.layout.length;
  }

  /** Characters of prose in the job's blocks (what a job costs, roughly). */
  static weight(job: AmbiguityJob): number {
    return job.weight;
  }

  /** The spec's hits (every chunk analysed). Without the spec's text a suppression comment cannot be in it (textNeeded). */
  hits(): AmbiguityHit[] {
    return this.pass.finish(this.job.text ?? '');
  }
}

/** A job's hits, all at once. */
export function runAmbiguityJob(job: AmbiguityJob, config: ClarifierConfig): AmbiguityHit[] {
  const run = new AmbiguityJobRun(job, config);
  while (run.step());
  return run.hits();
}
