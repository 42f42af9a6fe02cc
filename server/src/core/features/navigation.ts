import type { IndexModel, WorkspaceIndex } from '../workspace/workspaceIndex';
import type { Range } from '../types';
import { occurrenceAt } from './locate';

/** Definition and references: both from `occurrenceAt` + `resolve` (rename is rename.ts). */

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
