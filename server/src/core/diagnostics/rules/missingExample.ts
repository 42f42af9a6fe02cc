import type { ClarifierConfig } from '../../workspace/config';
import type { Clauses, IndexModel } from '../../workspace/workspaceIndex';
import type { Diagnostic } from '../../types';
import { collect } from '../rule';

/**
 * example.missing: a footnote clause whose example file is expected (its definition names one, or an examples folder
 * exists) and absent, or named outside the workspace (a clause rule; IndexModel.missingExampleOf decides).
 */
export function missingExamples(model: IndexModel, config: ClarifierConfig, clauses: Clauses, want: (file: string) => boolean): Diagnostic[] {
  const { out, add } = collect(config);
  for (const clause of clauses) {
    if (clause.kind !== 'footnote' || !want(clause.file)) continue;
    const example = model.missingExampleOf(clause);
    if (!example) continue;
    if (example.outside) {
      add({
        code: 'example.missing',
        file: clause.file,
        range: clause.idRange,
        message: `The example of \`[^${clause.id}]\` points outside the workspace (\`${example.definitionTarget}\`); it is not read.`,
        data: { id: clause.id, outside: true },
      });
      continue;
    }
    add({
      code: 'example.missing',
      file: clause.file,
      range: clause.idRange,
      message: `Missing example file for \`[^${clause.id}]\`: ${example.path} does not exist.`,
      data: { id: clause.id, path: example.path },
    });
  }
  return out;
}
