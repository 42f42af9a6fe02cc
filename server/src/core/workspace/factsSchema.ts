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

const link = z.object({ url: z.string(), path: z.string(), anchor: z.string(), undefinedReference: z.string().optional(), unusedDefinition: z.literal(true).optional(), lookalikeLine: z.number().int().nonnegative().optional(), range, anchorRange: range, bibliographic: z.literal(true).optional() });

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

const mention = z.object({ id, range, idRange: range });

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
  xrefs: z.literal(true).optional(),
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

const citation = z.object({ id, file: z.string(), range, idRange: range, kind: z.enum(['code', 'test']), target: z.string().optional() });

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
 * role (then the file is parsed cold).
 */
export function factsFromCache(rel: string, role: FileRole, value: unknown): FileFacts | undefined {
  const parsed = fileFacts.safeParse(value);
  if (!parsed.success) return undefined;
  const facts: FileFacts = parsed.data;
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
