import { computeDiagnostics } from '../../server/src/core/diagnostics/diagnostics';
import type { WorkspaceIndex } from '../../server/src/core/workspace/workspaceIndex';

/** Everything the model and the diagnostics say, as plain data. */
export function indexView(index: WorkspaceIndex): unknown {
  const model = index.model();
  return {
    clauses: model.clauses,
    citations: model.citations,
    examples: model.clauses.map((c) => model.exampleOf(c) ?? null),
    references: model.ids().sort().map((id) => model.resolve(id).specReferences),
    ambiguity: model.specFiles.map((f) => model.ambiguitiesOf(f)),
    diagnostics: computeDiagnostics(model, index.config),
  };
}

