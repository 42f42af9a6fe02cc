import type { ClarifierConfig } from '../../workspace/config';
import type { IndexModel, UnknownMention } from '../../workspace/workspaceIndex';
import type { Diagnostic } from '../../types';
import { collect, type Scope } from '../rule';

/**
 * A file that mentions at least this many ids, none of them declared in its feature: one diagnostic for the file (the
 * feature numbers its requirements another way, or not at all; a trust sweep: 95 warnings for one Kiro tasks file
 * whose requirements.md has unnumbered criteria), not one per mention.
 */
export const UNNUMBERED_AT_LEAST = 3;

/** reference.unknown-id: a requirement id mentioned in a spec (spec-kit FR-001, Kiro 1.2) that its feature does not declare. */
export function unknownReferences(model: IndexModel, config: ClarifierConfig, scope: Scope): Diagnostic[] {
  const { out, add } = collect(config);
  const unknown = model.unknownMentions(scope.only);
  const byFile = new Map<string, UnknownMention[]>();
  for (const m of unknown) {
    const list = byFile.get(m.file);
    if (list) list.push(m);
    else byFile.set(m.file, [m]);
  }
  const where = (m: UnknownMention): string => (m.scope.kind === 'workspace' ? 'the workspace' : m.scope.path);
  for (const [file, list] of byFile) {
    const all = model.specs.get(file)?.mentions.filter((m) => !m.otherFeatureNamed).length ?? 0;
    const ids = [...new Set(list.map((m) => m.id))];
    if (ids.length >= UNNUMBERED_AT_LEAST && list.length === all) {
      const first = list[0]!;
      add({
        code: 'reference.unknown-id',
        file,
        range: first.idRange,
        message: `None of the ${ids.length} requirement ids this file mentions is declared in ${where(first)} (${ids
          .slice(0, 3)
          .map((id) => `\`${id}\``)
          .join(', ')}${ids.length > 3 ? ', …' : ''}): declare them there, or correct the ids.`,
        data: { id: first.id, scope: first.scope.path, ids },
      });
      continue;
    }
    for (const m of list) {
      add({
        code: 'reference.unknown-id',
        file: m.file,
        range: m.idRange,
        message: `\`${m.id}\` is not declared in ${where(m)}.`,
        data: { id: m.id, scope: m.scope.path },
      });
    }
  }
  return out;
}
