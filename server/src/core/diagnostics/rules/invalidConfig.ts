import { CONFIG_FILE, type ClarifierConfig } from '../../workspace/config';
import type { IndexModel } from '../../workspace/workspaceIndex';
import type { Diagnostic } from '../../types';
import { collect, START, type Scope } from '../rule';

/** config.invalid: each problem of `.clarifier.json` (its default is used instead), at the top of that file. */
export function invalidConfig(model: IndexModel, config: ClarifierConfig, scope: Scope): Diagnostic[] {
  const { out, add } = collect(config);
  for (const problem of scope.want(CONFIG_FILE) ? model.configProblems : []) {
    add({ code: 'config.invalid', file: CONFIG_FILE, range: START, message: `Invalid ${CONFIG_FILE}: ${problem}. Using the default for it.` });
  }
  return out;
}
