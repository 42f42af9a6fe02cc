import type { ClarifierConfig } from '../../workspace/config';
import type { Clauses, IndexModel } from '../../workspace/workspaceIndex';
import type { Diagnostic } from '../../types';
import { collect } from '../rule';
import { suggestId } from '../suggestions';

/** clause.unknown-authority: a heading clause whose `authority=` is not in the configured list (a clause rule). */
export function unknownAuthorities(_model: IndexModel, config: ClarifierConfig, clauses: Clauses, want: (file: string) => boolean): Diagnostic[] {
  const { out, add } = collect(config);
  const authorities = new Set(config.authorities);
  for (const clause of clauses) {
    if (clause.kind !== 'heading' || clause.authority === undefined || authorities.has(clause.authority) || !want(clause.file)) continue;
    const suggestion = suggestId(clause.authority, config.authorities);
    add({
      code: 'clause.unknown-authority',
      file: clause.file,
      range: clause.range,
      message: `Unknown authority \`${clause.authority}\` on clause \`${clause.id}\`${suggestion ? `; did you mean \`${suggestion}\`?` : ''} (known: ${config.authorities.join(', ')}).`,
      data: { id: clause.id, authority: clause.authority, ...(suggestion ? { suggestion } : {}) },
    });
  }
  return out;
}
