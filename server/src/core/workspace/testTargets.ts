import { lookupTest, type TestDefinitions } from '../comments/testNames';
import { dirname, resolveRelative } from './paths';
import type { TestTarget } from '../markdown/testTargets';
import type { Citation, CitationKind, Range } from '../types';

/**
 * Where the test named by a footnote definition is, and whether it exists [^tt3v]. The path is looked up beside the
 * spec first, then from the workspace root (`specs/tests/x.py` in `specs/commands.md` names the root's `specs/tests`).
 * A test that is found, or whose file exists but whose tests cannot be read, is a test citation of the clause; a
 * missing file or a missing test is `test.missing`. Pure.
 */

export type TestTargetState = 'found' | 'unverified' | 'no-file' | 'no-test' | 'outside';

export interface TestTargetStatus {
  /** The clause id and the spec file of the definition. */
  id: string;
  file: string;
  target: TestTarget;
  state: TestTargetState;
  /** The workspace path of the test file, when it exists. */
  path?: string;
  /** The name that is not defined (state `no-test`), qualified as written (`TestLogin::test_expired`). */
  missing?: string;
  /** Where the test is (its name, or the anchored line), when known. */
  range?: Range;
}

export interface TestTargetContext {
  files: ReadonlySet<string>;
  code: ReadonlyMap<string, { language?: string; tests?: TestDefinitions }>;
}

const FILE_START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** The workspace paths a target may name, in lookup order (none when it leaves the workspace). */
export function testTargetCandidates(specFile: string, target: TestTarget): string[] {
  const out: string[] = [];
  for (const c of [resolveRelative(dirname(specFile), target.path), resolveRelative('', target.path)]) {
    if (c !== undefined && !out.includes(c)) out.push(c);
  }
  return out;
}

export function resolveTestTarget(id: string, specFile: string, target: TestTarget, ctx: TestTargetContext): TestTargetStatus {
  const base = { id, file: specFile, target };
  const candidates = testTargetCandidates(specFile, target);
  if (candidates.length === 0) return { ...base, state: 'outside' };
  const path = candidates.find((c) => ctx.files.has(c));
  if (path === undefined) return { ...base, state: 'no-file' };
  if (target.line !== undefined) {
    const line = target.line - 1;
    return { ...base, state: 'found', path, range: { start: { line, character: 0 }, end: { line, character: 0 } } };
  }
  const facts = ctx.code.get(path);
  const found = lookupTest(facts?.language, facts?.tests, target.names);
  if (found.status === 'found') return { ...base, state: 'found', path, range: found.range };
  if (found.status === 'missing') return { ...base, state: 'no-test', path, missing: found.name };
  return { ...base, state: 'unverified', path, range: FILE_START };
}

/**
 * The citation a resolved target makes, if any: a named test (`::`) is a test citation; a line anchor in a source file
 * is a citation of that file's kind; a line in any other file (a document) cites nothing.
 */
export function testTargetCitation(status: TestTargetStatus, isSource: (path: string) => boolean, kindOf: (path: string) => CitationKind): Citation | undefined {
  if ((status.state !== 'found' && status.state !== 'unverified') || status.path === undefined) return undefined;
  const named = status.target.names.length > 0;
  if (!named && !isSource(status.path)) return undefined;
  const range = status.range ?? FILE_START;
  return { id: status.id, file: status.path, range, idRange: range, kind: named ? 'test' : kindOf(status.path), target: status.target.raw };
}
