import type { ClarifierConfig } from '../../workspace/config';
import type { IndexModel } from '../../workspace/workspaceIndex';
import type { Diagnostic } from '../../types';
import { collect, type Scope } from '../rule';

/** reference.unknown-id: a requirement id mentioned in a spec (spec-kit FR-001, Kiro 1.2) that its feature does not declare. */
export function unknownReferences(model: IndexModel, config: ClarifierConfig, scope: Scope): Diagnostic[] {
  const { out, add } = collect(config);
  for (const m of model.unknownMentions(scope.only)) {
    add({
      code: 'reference.unknown-id',
      file: m.file,
      range: m.idRange,
      message: `\`${m.id}\` is not declared in ${m.scope.kind === 'workspace' ? 'the workspace' : `${m.scope.path}`}.`,
      data: { id: m.id, scope: m.scope.path },
    });
  }
  return out;
}
