import { z } from 'zod';
import { AMBIGUITY_CATEGORIES } from '../analysis/ambiguity/lexicon';
import type { FileRole } from './config';
import type { AmbiguityHit, CodeFacts, ExampleFacts, FileFacts } from './workspaceIndex';
import type { ClarificationEntry, IdMention, OpenQuestion, SpecFormat, FootnoteDef, FootnoteRef, HeadingInfo, MalformedBlock, ProseBlock, SpecFacts, SpecLink } from '../markdown/parseSpec';
import type { TestDefinitions } from '../comments/testNames';
import type { TestTarget } from '../markdown/testTargets';
import { isValidId } from '../text/lineIndex';
import type { NormativeStatement, StatementQuantity, TermDefinition, TypecheckFacts } from '../analysis/typecheck/normative';
import type { Citation, Clause, Range } from '../types';

/**
 * The facts of one file as read back from the on-disk index cache: untrusted input [^ca7s]. A cache file may be
 * corrupt, from another tool, or planted: valid JSON with wrong types (`spec: {}`, `citations: "x"`, `null`) must never
 * reach the index, where it would throw in every later query. `factsFromCache` accepts an entry only when it has
 * exactly the shape of `FileFacts` (every id a valid id, every position a non-negative integer), names the file it is
 * stored under (`path` and every nested `file`), and holds only the facts of that file's role; otherwise the caller
 * parses the file cold. The type checks at the end keep these schemas in step with the types they mirror.
 */

const count = z.number().int().nonnegative();
const position = z.object({ line: count, character: count });
const range = z.object({ start: position, end: position });
const id = z.string().refine(isValidId);

const clause = z.object({
  id,
  kind: z.enum(['heading', 'footnote', 'item']),
  title: z.string(),
  text: z.string(),
  file: z.string(),
  range,
  idRange: range,
  section: z.array(z.string()),
  authority: z.string().optional(),
  attributes: z.record(z.string(), z.string()),
  parent: id.optional(),
  level: z.number().int().min(1).max(6).optional(),
  row: z.literal(true).optional(),
});

const heading = z.object({ title: z.string(), level: z.number().int().min(1).max(6), range, id: id.optional(), slug: z.string() });

const footnoteRef = z.object({
  id,
  range,
  idRange: range,
  blockText: z.string(),
  parent: id.optional(),
  authority: z.string().optional(),
  section: z.array(z.string()),
  sectionTitle: z.string(),
});

const testTarget = z.object({ raw: z.string(), path: z.string(), names: z.array(z.string()), line: count.optional(), range });

const footnoteDef = z.object({
  id,
  range,
  idRange: range,
  target: z.string().optional(),
  targetRange: range.optional(),
  text: z.string(),
  tests: z.array(testTarget).optional(),
});

const link = z.object({ url: z.string(), path: z.string(), anchor: z.string(), undefinedReference: z.string().optional(), unusedDefinition: z.literal(true).optional(), lookalikeLine: z.number().int().nonnegative().optional(), shortcodeDefinition: z.literal(true).optional(), range, anchorRange: range, bibliographic: z.literal(true).optional() });

const malformed = z.object({ range, message: z.string(), raw: z.string() });

const prose = z.object({
  kind: z.enum(['paragraph', 'heading', 'tableCell']),
  start: count,
  end: count,
  text: z.string(),
  clauseId: id.optional(),
  authority: z.string().optional(),
  record: z.literal(true).optional(),
});

const clarification = z.object({ clauseId: id, range, date: z.string().optional() });

const mention = z.object({ id, range, idRange: range, otherFeatureNamed: z.literal(true).optional(), declares: z.enum(['item', 'requirement']).optional() });

const openQuestion = z.object({ range, question: z.string(), clauseId: id.optional() });

const quantity = z.object({ kind: z.string(), value: z.number().finite(), bound: z.enum(['max', 'min', 'exact']), raw: z.string() });

const statement = z.object({
  clauseId: id.optional(),
  authority: z.string().optional(),
  range,
  text: z.string(),
  modality: z.enum(['must', 'must-not', 'should', 'should-not', 'may']),
  subject: z.string(),
  action: z.string(),
  condition: z.string(),
  quantities: z.array(quantity),
});

const definition = z.object({
  term: z.string(),
  text: z.string(),
  meaning: z.array(z.string()),
  quantities: z.array(quantity),
  range,
  clauseId: id.optional(),
  authority: z.string().optional(),
});

const typecheck = z.object({ statements: z.array(statement), definitions: z.array(definition) });

const spec = z.object({
  file: z.string(),
  format: z.enum(['model-spec', 'kramdown-rfc', 'mmark', 'spec-kit', 'kiro', 'markdown']),
  title: z.string().optional(),
  includes: z.array(z.string()).optional(),
  hugoIncludes: z.array(z.string()).optional(),
  docfxIncludes: z.array(z.string()).optional(),
  strongIds: z.array(z.string()).optional(),
  mdxImports: z.array(z.string()).optional(),
  mdxAnchors: z.array(z.string()).optional(),
  xrefs: z.literal(true).optional(),
  mdbookSpec: z.object({ rules: z.array(z.string()).optional(), productions: z.array(z.string()).optional() }).optional(),
  listTerms: z.array(z.string()).optional(),
  definitionTerms: z.array(z.object({ text: z.string(), heading: count })).optional(),
  targets: z.object({ spans: z.array(z.string()).optional(), labels: z.array(z.string()).optional(), attrIds: z.array(z.string()).optional(), objects: z.array(z.string()).optional(), snippets: z.array(z.string()).optional(), blocks: z.array(z.string()).optional() }).optional(),
  references: z.array(z.string()),
  mentions: z.array(mention),
  openQuestions: z.array(openQuestion),
  headings: z.array(heading),
  headingClauses: z.array(clause),
  footnoteRefs: z.array(footnoteRef),
  footnoteDefs: z.array(footnoteDef),
  links: z.array(link),
  /** A set in memory, an array on disk. */
  anchors: z.array(z.string()).transform((a) => new Set(a)),
  malformed: z.array(malformed),
  prose: z.array(prose),
  clarifications: z.array(clarification),
  terms: z.array(z.string()).optional(),
  typecheck: typecheck.optional(),
  end: position,
  problems: z.array(z.string()),
});

const ambiguityHit = z.object({
  category: z.enum([...AMBIGUITY_CATEGORIES, 'llm', 'open-question']),
  term: z.string(),
  phrase: z.string(),
  range,
  question: z.string(),
  severity: z.enum(['error', 'warning', 'info', 'hint']),
  clauseId: id.optional(),
  suggestion: z.string().optional(),
  reason: z.string().optional(),
});

const citation = z.object({ id, file: z.string(), range, idRange: range, kind: z.enum(['code', 'test']), target: z.string().optional(), footnote: z.literal(true).optional() });

const testDefinitions = z.object({ names: z.array(z.object({ name: z.string(), range })), openClasses: z.array(z.string()).optional(), open: z.boolean().optional() });

const code = z.object({ file: z.string(), language: z.string().optional(), citations: z.array(citation), tests: testDefinitions.optional() });

const example = z.object({ file: z.string(), backRefs: z.array(z.object({ id, range, idRange: range })), head: z.string() });

/** Chunk facts are never stored (they are for the editor's next edit), so an entry has none. */
const fileFacts = z.object({
  path: z.string(),
  hash: z.number(),
  spec: spec.optional(),
  ambiguity: z.array(ambiguityHit).optional(),
  code: code.optional(),
  example: example.optional(),
});

/**
 * The facts of `rel` from a cache entry, or undefined when the entry is not exactly the facts of that file in that
 * role (then the file is parsed cold). Checked in place by `validFileFacts` (the zod schema above, compiled by hand:
 * no copy of the entry is made); a key the schema does not name is a bad entry (zod would strip it; the cache's writer
 * never writes one). What it accepts, the schema accepts with the same value (a property test holds the two together).
 */
export function factsFromCache(rel: string, role: FileRole, value: unknown): FileFacts | undefined {
  if (!validFileFacts(value)) return undefined;
  // The one transform of the schema: the anchors, a set in memory, are an array on disk.
  if (value.spec) value.spec.anchors = new Set(value.spec.anchors as unknown as string[]);
  return ofRole(rel, role, value);
}

/** `factsFromCache` with the zod schema (a copy of the entry): the reference the fast check is tested against. */
export function factsFromCacheBySchema(rel: string, role: FileRole, value: unknown): FileFacts | undefined {
  const parsed = fileFacts.safeParse(value);
  return parsed.success ? ofRole(rel, role, parsed.data) : undefined;
}

function ofRole(rel: string, role: FileRole, facts: FileFacts): FileFacts | undefined {
  if (facts.path !== rel) return undefined;
  const { spec: s, code: c, example: e } = facts;
  // Only the facts of the file's role, each naming the file itself.
  if ((s !== undefined || facts.ambiguity !== undefined) !== (role === 'spec') || (s && (s.file !== rel || s.headingClauses.some((x) => x.file !== rel)))) {
    return undefined;
  }
  if ((c !== undefined) !== (role === 'code') || (c && (c.file !== rel || c.citations.some((x) => x.file !== rel)))) return undefined;
  if ((e !== undefined) !== (role === 'example') || (e && e.file !== rel)) return undefined;
  return facts;
}

/*
 * The schema compiled by hand into checks of the parsed JSON in place. A warm start of a big workspace validates
 * about a million objects: zod's parse made a copy of each (the 40k bench workspace: 0.47 s in the parse plus the
 * garbage of the copies). Each check mirrors one zod schema above, field for field.
 */
type Check = (v: unknown) => boolean;

const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const fString: Check = (v) => typeof v === 'string';
const fNumber: Check = (v) => typeof v === 'number' && Number.isFinite(v);
const fCount: Check = (v) => Number.isSafeInteger(v) && (v as number) >= 0;
const fLevel: Check = (v) => Number.isSafeInteger(v) && (v as number) >= 1 && (v as number) <= 6;
const fTrue: Check = (v) => v === true;
const fBoolean: Check = (v) => typeof v === 'boolean';
const fId: Check = (v) => typeof v === 'string' && isValidId(v);
const fEnum = (values: readonly string[]): Check => {
  const set = new Set(values);
  return (v) => typeof v === 'string' && set.has(v);
};
const fArray =
  (item: Check): Check =>
  (v) => {
    if (!Array.isArray(v)) return false;
    for (let i = 0; i < v.length; i++) if (!item(v[i])) return false;
    return true;
  };
const fStrings = fArray(fString);
/** A record of strings; a `__proto__` key (an own property after JSON.parse, dropped by zod's copy) is a bad entry. */
const fStringRecord: Check = (v) => {
  if (!isPlain(v)) return false;
  for (const key in v) if (key === '__proto__' || typeof v[key] !== 'string') return false;
  return true;
};
/** An object with exactly these keys: `required` present, `optional` present or not, no other key. */
function fObject(required: Record<string, Check>, optional: Record<string, Check> = {}): Check {
  const fields = new Map<string, { check: Check; required: boolean }>();
  for (const [key, check] of Object.entries(required)) fields.set(key, { check, required: true });
  for (const [key, check] of Object.entries(optional)) fields.set(key, { check, required: false });
  const requiredCount = Object.keys(required).length;
  return (v) => {
    if (!isPlain(v)) return false;
    // JSON.parse makes own enumerable keys only, each seen once here.
    let present = 0;
    for (const key in v) {
      const field = fields.get(key);
      if (field === undefined || !field.check(v[key])) return false;
      if (field.required) present++;
    }
    return present === requiredCount;
  };
}

const fPosition = fObject({ line: fCount, character: fCount });
const fRange = fObject({ start: fPosition, end: fPosition });
const fQuantity = fObject({ kind: fString, value: fNumber, bound: fEnum(['max', 'min', 'exact']), raw: fString });
const fTestTarget = fObject({ raw: fString, path: fString, names: fStrings, range: fRange }, { line: fCount });
const fSpec = fObject(
  {
    file: fString,
    format: fEnum(['model-spec', 'kramdown-rfc', 'mmark', 'spec-kit', 'kiro', 'markdown']),
    references: fStrings,
    mentions: fArray(fObject({ id: fId, range: fRange, idRange: fRange }, { otherFeatureNamed: fTrue, declares: fEnum(['item', 'requirement']) })),
    openQuestions: fArray(fObject({ range: fRange, question: fString }, { clauseId: fId })),
    headings: fArray(fObject({ title: fString, level: fLevel, range: fRange, slug: fString }, { id: fId })),
    headingClauses: fArray(
      fObject(
        { id: fId, kind: fEnum(['heading', 'footnote', 'item']), title: fString, text: fString, file: fString, range: fRange, idRange: fRange, section: fStrings, attributes: fStringRecord },
        { authority: fString, parent: fId, level: fLevel, row: fTrue },
      ),
    ),
    footnoteRefs: fArray(fObject({ id: fId, range: fRange, idRange: fRange, blockText: fString, section: fStrings, sectionTitle: fString }, { parent: fId, authority: fString })),
    footnoteDefs: fArray(fObject({ id: fId, range: fRange, idRange: fRange, text: fString }, { target: fString, targetRange: fRange, tests: fArray(fTestTarget) })),
    links: fArray(
      fObject(
        { url: fString, path: fString, anchor: fString, range: fRange, anchorRange: fRange },
        { undefinedReference: fString, unusedDefinition: fTrue, lookalikeLine: fCount, shortcodeDefinition: fTrue, bibliographic: fTrue },
      ),
    ),
    anchors: fStrings,
    malformed: fArray(fObject({ range: fRange, message: fString, raw: fString })),
    prose: fArray(fObject({ kind: fEnum(['paragraph', 'heading', 'tableCell']), start: fCount, end: fCount, text: fString }, { clauseId: fId, authority: fString, record: fTrue })),
    clarifications: fArray(fObject({ clauseId: fId, range: fRange }, { date: fString })),
    end: fPosition,
    problems: fStrings,
  },
  {
    title: fString,
    includes: fStrings,
    hugoIncludes: fStrings,
    docfxIncludes: fStrings,
    strongIds: fStrings,
    mdxImports: fStrings,
    mdxAnchors: fStrings,
    xrefs: fTrue,
    mdbookSpec: fObject({}, { rules: fStrings, productions: fStrings }),
    listTerms: fStrings,
    definitionTerms: fArray(fObject({ text: fString, heading: fCount })),
    targets: fObject({}, { spans: fStrings, labels: fStrings, attrIds: fStrings, objects: fStrings, snippets: fStrings, blocks: fStrings }),
    terms: fStrings,
    typecheck: fObject({
      statements: fArray(
        fObject(
          {
            range: fRange,
            text: fString,
            modality: fEnum(['must', 'must-not', 'should', 'should-not', 'may']),
            subject: fString,
            action: fString,
            condition: fString,
            quantities: fArray(fQuantity),
          },
          { clauseId: fId, authority: fString },
        ),
      ),
      definitions: fArray(fObject({ term: fString, text: fString, meaning: fStrings, quantities: fArray(fQuantity), range: fRange }, { clauseId: fId, authority: fString })),
    }),
  },
);
const fAmbiguityHit = fObject(
  {
    category: fEnum([...AMBIGUITY_CATEGORIES, 'llm', 'open-question']),
    term: fString,
    phrase: fString,
    range: fRange,
    question: fString,
    severity: fEnum(['error', 'warning', 'info', 'hint']),
  },
  { clauseId: fId, suggestion: fString, reason: fString },
);
const fCode = fObject(
  { file: fString, citations: fArray(fObject({ id: fId, file: fString, range: fRange, idRange: fRange, kind: fEnum(['code', 'test']) }, { target: fString, footnote: fTrue })) },
  { language: fString, tests: fObject({ names: fArray(fObject({ name: fString, range: fRange })) }, { openClasses: fStrings, open: fBoolean }) },
);
const fExample = fObject({ file: fString, backRefs: fArray(fObject({ id: fId, range: fRange, idRange: fRange })), head: fString });
const validFileFacts = fObject({ path: fString, hash: fNumber }, { spec: fSpec, ambiguity: fArray(fAmbiguityHit), code: fCode, example: fExample }) as (v: unknown) => v is FileFacts;

// The schemas name exactly the keys of the types they mirror: a field added to a type fails the build here.
type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never] ? true : false;
type Assert<T extends true> = T;
type Out<S extends z.ZodType> = z.output<S>;
export type FactsSchemaInStep = [
  Assert<SameKeys<Clause, Out<typeof clause>>>,
  Assert<SameKeys<HeadingInfo, Out<typeof heading>>>,
  Assert<SameKeys<FootnoteRef, Out<typeof footnoteRef>>>,
  Assert<SameKeys<FootnoteDef, Out<typeof footnoteDef>>>,
  Assert<SameKeys<TestTarget, Out<typeof testTarget>>>,
  Assert<SameKeys<TestDefinitions, Out<typeof testDefinitions>>>,
  Assert<SameKeys<SpecLink, Out<typeof link>>>,
  Assert<SameKeys<MalformedBlock, Out<typeof malformed>>>,
  Assert<SameKeys<ProseBlock, Out<typeof prose>>>,
  Assert<SameKeys<SpecFacts, Out<typeof spec>>>,
  Assert<SameKeys<ClarificationEntry, Out<typeof clarification>>>,
  Assert<SameKeys<IdMention, Out<typeof mention>>>,
  Assert<SameKeys<OpenQuestion, Out<typeof openQuestion>>>,
  Assert<[SpecFormat] extends [Out<typeof spec>['format']] ? ([Out<typeof spec>['format']] extends [SpecFormat] ? true : false) : false>,
  Assert<SameKeys<AmbiguityHit, Out<typeof ambiguityHit>>>,
  Assert<SameKeys<Citation, Out<typeof citation>>>,
  Assert<SameKeys<CodeFacts, Out<typeof code>>>,
  Assert<SameKeys<ExampleFacts, Out<typeof example>>>,
  Assert<SameKeys<Omit<FileFacts, 'chunks'>, Out<typeof fileFacts>>>,
  Assert<SameKeys<Range, Out<typeof range>>>,
  Assert<SameKeys<NormativeStatement, Out<typeof statement>>>,
  Assert<SameKeys<StatementQuantity, Out<typeof quantity>>>,
  Assert<SameKeys<TermDefinition, Out<typeof definition>>>,
  Assert<SameKeys<TypecheckFacts, Out<typeof typecheck>>>,
];
