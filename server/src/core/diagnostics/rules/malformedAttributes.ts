import type { ClarifierConfig } from '../../workspace/config';
import type { IndexModel } from '../../workspace/workspaceIndex';
import type { Diagnostic } from '../../types';
import { collect, type Scope } from '../rule';

/** clause.malformed-attributes: a heading attribute block `{#id key=value}` the parser could not read. */
export function malformedAttributes(model: IndexModel, config: ClarifierConfig, scope: Scope): Diagnostic[] {
  const { out, add } = collect(config);
  for (const file of scope.specFiles) {
    const facts = model.specs.get(file)!;
    for (const m of facts.malformed) add({ code: 'clause.malformed-attributes', file, range: m.range, message: m.message, data: { raw: m.raw } });
  }
  return out;
}
