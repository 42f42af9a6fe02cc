import type { IndexModel, WorkspaceIndex } from '../workspace/workspaceIndex';
import { dirname } from '../workspace/paths';
import { isValidId } from '../text/lineIndex';
import type { Range } from '../types';
import { occurrenceAt, type Occurrence } from './locate';
import type { FileEdit } from './edits';

/** Definition, references and rename: all from `occurrenceAt` + `resolve`. */

export interface Location {
  file: string;
  range: Range;
}

const FILE_START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/**
 * Definition of the id at a position: the clause (the heading, or the footnote's first reference). On a footnote
 * reference or definition in a spec, the example file is a second target.
 */
export function definition(index: WorkspaceIndex, file: string, pos: { line: number; character: number }): Location[] {
  const occ = occurrenceAt(index, file, pos);
  if (!occ) return [];
  const r = index.model().resolve(occ.id, file);
  const out: Location[] = r.clauses.map((c) => ({ file: c.file, range: c.kind === 'heading' ? c.range : c.range }));
  if ((occ.kind === 'footnote' || occ.kind === 'definition') && r.example?.exists && r.example.path) {
    out.push({ file: r.example.path, range: FILE_START });
  }
  // The tests the definition names [^tt3v].
  if (occ.kind === 'footnote' || occ.kind === 'definition') for (const c of r.citations) if (c.target !== undefined) out.push({ file: c.file, range: c.range });
  return out;
}

/** Every citation in code and tests and every spec reference of the id at a position. */
export function references(index: WorkspaceIndex, file: string, pos: { line: number; character: number }, includeDeclaration: boolean): Location[] {
  const occ = occurrenceAt(index, file, pos);
  if (!occ) return [];
  return referencesOf(index.model(), occ.id, includeDeclaration, file);
}

/** `from`: the file asking, whose scope picks the clause when several scopes declare the id [^sc5p]. */
export function referencesOf(model: IndexModel, id: string, includeDeclaration: boolean, from?: string): Location[] {
  const r = model.resolve(id, from);
  const out: Location[] = [];
  const seen = new Set<string>();
  const add = (l: Location): void => {
    const key = `${l.file}:${l.range.start.line}:${l.range.start.character}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(l);
    }
  };
  if (includeDeclaration) for (const c of r.clauses) add({ file: c.file, range: c.range });
  for (const c of r.citations) add({ file: c.file, range: c.range });
  for (const s of r.specReferences) add({ file: s.file, range: s.range });
  // The example file itself, unless a back-reference inside it is already listed.
  if (includeDeclaration && r.example?.exists && r.example.path && !out.some((l) => l.file === r.example!.path)) add({ file: r.example.path, range: FILE_START });
  return out;
}

export function prepareRename(index: WorkspaceIndex, file: string, pos: { line: number; character: number }): Occurrence | undefined {
  const occ = occurrenceAt(index, file, pos);
  if (!occ || occ.kind === 'example-file') return undefined;
  return index.model().clausesById.has(occ.id) ? occ : undefined;
}

export type RenameResult = { edits: FileEdit[] } | { error: string };

/**
 * Renames an id everywhere: the heading attribute or footnote references, definitions, anchor links, example
 * back-references, every citation in code and tests, and the example file itself when it is named after the id.
 */
export function renameId(index: WorkspaceIndex, id: string, newId: string, from?: string): RenameResult {
  if (!isValidId(newId)) return { error: `\`${newId}\` is not a valid id: letters, digits, _ . : - (not starting with . : -).` };
  const model = index.model();
  if (newId === id) return { edits: [] };
  if (model.clausesById.has(newId)) return { error: `\`${newId}\` is already the id of a clause; renaming would merge two clauses.` };
  const r = model.resolve(id, from);
  if (!r.clause) return { error: `\`${id}\` is not the id of any clause.` };
  // Never rename the clauses of several scopes at once [^sc5p].
  if (r.ambiguousScopes) return { error: `\`${id}\` is declared in ${r.ambiguousScopes.length} scopes; rename it from a file of one of them.` };
  const edits: FileEdit[] = [];
  const seen = new Set<string>();
  const text = (file: string, range: Range, newText = newId): void => {
    const key = `${file}:${range.start.line}:${range.start.character}`;
    if (seen.has(key)) return;
    seen.add(key);
    edits.push({ kind: 'text', file, range, newText });
  };
  for (const c of r.clauses) if (c.kind === 'heading' || c.kind === 'item') text(c.file, c.idRange);
  for (const s of r.specReferences) text(s.file, s.idRange);
  // A test named by a footnote definition holds no `[^id]`: its definition (a spec reference) is what is renamed.
  // A scope-qualified citation `[^name:id]` keeps its scope name [^sc5p].
  for (const c of r.citations) if (c.target === undefined) text(c.file, c.idRange, c.id !== r.id && c.id.endsWith(`:${r.id}`) ? `${c.id.slice(0, c.id.length - r.id.length)}${newId}` : newId);
  const example = r.example;
  if (example?.exists && example.path && example.definitionTarget === undefined) {
    const target = index.classifier.examplePathIn(exampleBase(index, example.path, id), newId);
    if (index.hasFile(target)) return { error: `Cannot rename the example file: ${target} already exists.` };
    edits.push({ kind: 'rename', from: example.path, to: target });
  }
  return { edits };
}

/** The folder against which an example path was built (`specs/examples/x.md` -> `specs`). */
function exampleBase(index: WorkspaceIndex, examplePath: string, id: string): string {
  for (const base of [dirname(dirname(examplePath)), '']) {
    if (index.classifier.examplePathIn(base, id) === examplePath) return base;
  }
  return '';
}
