import { enclosingSections, findAmbiguities, suppressionChecker, type AmbiguityCategory, type AmbiguityFinding, type Section } from '../analysis/ambiguity/analyze';
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
  /** The document's own terms and its feature's name terms (one array per set of terms: its phrase map is kept). */
  terms: string[];
  /** The chunks' cache key: format, domain and terms (passKey). A chunk's findings are kept while it is the same. */
  key: string;
  /** The spec is read piece by piece (cut at line starts, not a draft): suppression comments are looked for per chunk. */
  pieces: boolean;
}

/** A chunk's findings are kept (in its entry) for this key: what they depend on beyond the chunk's own text. */
export function passKey(review: Review, domain: Domain, joinedTerms: string): string {
  return `${review.format}${review.capitalsOnly ? '+caps' : ''}\u0000${domain}\u0000${joinedTerms}`;
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
            sections: enclosing,
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
 * What the pass reads of one spec, as plain data (a structured clone from an index worker to the main thread): the
 * spec's pass input without its key, each chunk's place, text and prose blocks, and the spec's text when the pass may
 * read it (textNeeded). The hits of `runAmbiguityJob` are those the worker's index would have made.
 */
export interface AmbiguityJob {
  path: string;
  review: Review;
  domain: Domain;
  terms: string[];
  pieces: boolean;
  chunks: { start: number; line: number; text: string; prose: ProseBlock[] }[];
  text?: string;
}

/** The job of a spec whose chunks and pass input are those given (made where the spec is parsed). */
export function ambiguityJob(path: string, text: string, chunks: readonly PassChunk[], input: SpecPassInput): AmbiguityJob {
  const job: AmbiguityJob = {
    path,
    review: input.review,
    domain: input.domain,
    terms: input.terms,
    pieces: input.pieces,
    chunks: chunks.map((c) => ({ start: c.start, line: c.line, text: c.text, prose: c.entry.facts.prose })),
  };
  if (textNeeded(input.pieces, chunks)) job.text = text;
  return job;
}

/**
 * A job's pass, a chunk at a time (the main thread of a batch run runs it between the messages of the index workers):
 * `step` analyses the next chunk and says whether one is left; `hits` once none is.
 */
export class AmbiguityJobRun {
  private readonly pass: SpecPass;
  private next = 0;

  constructor(
    readonly job: AmbiguityJob,
    config: ClarifierConfig,
  ) {
    this.pass = new SpecPass(config, { review: job.review, domain: job.domain, terms: job.terms, key: passKey(job.review, job.domain, job.terms.join('\u0000')), pieces: job.pieces });
  }

  /** Analyses the next chunk; false once every chunk is. */
  step(): boolean {
    const c = this.job.chunks[this.next++];
    if (c) this.pass.add({ entry: { facts: { prose: c.prose } }, start: c.start, line: c.line, text: c.text });
    return this.next < this.job.chunks.length;
  }

  /** Characters of prose in the job's chunks (what a job costs, roughly). */
  static weight(job: AmbiguityJob): number {
    let n = 0;
    for (const c of job.chunks) for (const b of c.prose) n += b.end - b.start;
    return n;
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
