import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import { dirname } from '../workspace/paths';
import { isValidId } from '../text/lineIndex';
import type { Range } from '../types';
import { occurrenceAt, type Occurrence } from './locate';
import type { FileEdit } from './edits';

/** Rename of a clause id (LSP prepareRename and rename): one edit per occurrence the resolver knows [^sc5p]. */

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
