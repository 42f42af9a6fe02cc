import type { ClarifierConfig } from '../../workspace/config';
import type { IndexModel } from '../../workspace/workspaceIndex';
import type { Diagnostic } from '../../types';
import { collect, type Scope } from '../rule';

/** test.missing: a footnote definition names the test verifying its clause, and that file or test does not exist [^tt3v]. */
export function missingTests(model: IndexModel, config: ClarifierConfig, scope: Scope): Diagnostic[] {
  const { out, add } = collect(config);
  const only = scope.only;
  for (const t of only === undefined || model.specs.has(only) ? model.testTargets(only) : []) {
    if (t.state === 'found' || t.state === 'unverified') continue;
    const base = { code: 'test.missing' as const, file: t.file, range: t.target.range };
    if (t.state === 'outside') {
      add({ ...base, message: `The test named by \`[^${t.id}]\` points outside the workspace (\`${t.target.raw}\`); it is not read.`, data: { id: t.id, target: t.target.raw, outside: true } });
    } else if (t.state === 'no-file') {
      add({ ...base, message: `Missing test file for \`[^${t.id}]\`: ${t.target.path} does not exist (named by \`${t.target.raw}\`).`, data: { id: t.id, target: t.target.raw, path: t.target.path } });
    } else {
      add({
        ...base,
        message: `Missing test for \`[^${t.id}]\`: ${t.path} defines no \`${t.missing}\` (named by \`${t.target.raw}\`).`,
        data: { id: t.id, target: t.target.raw, path: t.path, test: t.missing },
      });
    }
  }
  return out;
}
