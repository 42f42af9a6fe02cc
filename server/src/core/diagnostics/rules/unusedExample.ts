import type { ClarifierConfig } from '../../workspace/config';
import type { IndexModel } from '../../workspace/workspaceIndex';
import type { Diagnostic } from '../../types';
import { collect, START, type Scope } from '../rule';

/** example.unused: an example file that no spec footnote uses (examples folders of specs with footnotes only). */
export function unusedExamples(model: IndexModel, config: ClarifierConfig, scope: Scope): Diagnostic[] {
  const { out, add } = collect(config);
  const only = scope.only;
  for (const unused of only === undefined || model.examples.has(only) ? model.unusedExamples() : []) {
    if (!scope.want(unused.file)) continue;
    add({
      code: 'example.unused',
      file: unused.file,
      range: START,
      message: unused.id
        ? `Unused example file: no spec has a footnote \`[^${unused.id}]\`.`
        : `Unused example file: no spec footnote points at it.`,
      data: { path: unused.file, ...(unused.id ? { id: unused.id } : {}) },
    });
  }
  return out;
}
