import type { ClarifierConfig } from '../../workspace/config';
import type { IndexModel } from '../../workspace/workspaceIndex';
import { conflictsOf, prevailing } from '../../analysis/typecheck/conflicts';
import type { Diagnostic } from '../../types';
import { collect, type Scope } from '../rule';

/**
 * conflict.modal, conflict.numeric, conflict.definition: conflicts between specs found by the type checker
 * (core/analysis/typecheck), on both clauses, each naming the other; by the chain of command the lower clause is the
 * finding and the higher one gets an information [^tc2c].
 */
export function conflicts(model: IndexModel, config: ClarifierConfig, scope: Scope): Diagnostic[] {
  const { out, add } = collect(config);
  const want = scope.want;
  for (const c of conflictsOf(model)) {
    if (!want(c.a.file) && !want(c.b.file)) continue;
    const code = `conflict.${c.kind}` as const;
    const override = config.severity[code];
    if (override === 'off') continue;
    const winner = prevailing(c, config.authorities);
    for (const [self, other, side] of [[c.a, c.b, 'a'], [c.b, c.a, 'b']] as const) {
      if (!want(self.file)) continue;
      const where = `${other.file}:${other.range.start.line + 1}`;
      const name = (p: typeof self): string => (p.clauseId !== undefined ? `\`${p.clauseId}\`` : 'a clause');
      const verdict =
        winner === undefined
          ? ''
          : winner === side
            ? ` This clause prevails (authority ${self.authority} over ${other.authority}).`
            : ` ${name(other)} prevails (authority ${other.authority} over ${self.authority}).`;
      add(
        {
          code,
          file: self.file,
          range: self.range,
          message: `Conflicts with ${name(other)} at ${where}: ${c.detail}.${verdict}`,
          data: {
            ...(self.clauseId !== undefined ? { clauseId: self.clauseId } : {}),
            other: { file: other.file, line: other.range.start.line + 1, ...(other.clauseId !== undefined ? { clauseId: other.clauseId } : {}) },
            ...(winner !== undefined ? { prevails: winner === side } : {}),
          },
          related: [{ file: other.file, range: other.range, message: `${name(other)}: “${other.text.length > 160 ? `${other.text.slice(0, 157)}…` : other.text}”` }],
        },
        winner === side ? 'info' : undefined,
      );
    }
  }
  return out;
}
