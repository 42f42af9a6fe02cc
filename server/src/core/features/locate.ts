import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import { rangeContains } from '../text/lineIndex';
import type { Position, Range } from '../types';

/**
 * What id sits at a position of a file: a citation in code, a heading's `{#id}`, a footnote reference or definition,
 * an anchor link, or an example file's back-reference (or the example file as a whole). Every editor feature starts
 * here, then asks the model's `resolve(id)`.
 */

export type OccurrenceKind = 'citation' | 'heading' | 'footnote' | 'definition' | 'link' | 'mention' | 'example-backref' | 'example-file';

export interface Occurrence {
  id: string;
  kind: OccurrenceKind;
  /** The construct as a whole (the `[^id]`, the heading, the link). */
  range: Range;
  /** The id's own text, where it is written in this file (rename edits it). */
  idRange: Range;
}

const FILE_START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function occurrenceAt(index: WorkspaceIndex, file: string, pos: Position): Occurrence | undefined {
  const code = index.codeFactsOf(file);
  if (code) {
    const c = code.citations.find((x) => rangeContains(x.range, pos));
    return c ? { id: c.id, kind: 'citation', range: c.range, idRange: c.idRange } : undefined;
  }
  const spec = index.specFacts(file);
  if (spec) {
    for (const r of spec.footnoteRefs) if (rangeContains(r.range, pos)) return { id: r.id, kind: 'footnote', range: r.range, idRange: r.idRange };
    for (const d of spec.footnoteDefs) if (rangeContains(d.range, pos)) return { id: d.id, kind: 'definition', range: d.range, idRange: d.idRange };
    for (const m of spec.mentions) if (rangeContains(m.range, pos)) return { id: m.id, kind: 'mention', range: m.range, idRange: m.idRange };
    for (const h of spec.headingClauses) if (rangeContains(h.range, pos)) return { id: h.id, kind: 'heading', range: h.range, idRange: h.idRange };
    const model = index.model();
    for (const l of spec.links) {
      if (!rangeContains(l.anchorRange, pos) && !rangeContains(l.range, pos)) continue;
      const ref = (model.specReferencesById.get(l.anchor) ?? []).find((s) => s.kind === 'link' && s.file === file && rangeContains(s.range, pos));
      if (ref) return { id: ref.id, kind: 'link', range: ref.range, idRange: ref.idRange };
    }
    return undefined;
  }
  const example = index.exampleFactsOf(file);
  if (example) {
    const b = example.backRefs.find((x) => rangeContains(x.range, pos));
    if (b) return { id: b.id, kind: 'example-backref', range: b.range, idRange: b.idRange };
    const id = exampleOwner(index, file);
    if (id) return { id, kind: 'example-file', range: FILE_START, idRange: FILE_START };
  }
  return undefined;
}

/** The footnote id whose example this file is (by resolution, else by its name). */
export function exampleOwner(index: WorkspaceIndex, file: string): string | undefined {
  const model = index.model();
  const owner = model.exampleOwner(file);
  if (owner) return owner;
  const byName = index.classifier.exampleIdOf(file);
  return byName !== undefined && model.clausesById.has(byName) ? byName : undefined;
}
