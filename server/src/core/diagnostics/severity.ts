import type { ClarifierConfig } from '../workspace/config';
import type { Diagnostic, Severity } from '../types';
import { DEFAULT_SEVERITY } from './codes';

/** Findings of a pass with the configured severity of their code: dropped when it is off, re-levelled when set. */
export function withConfiguredSeverity(diagnostics: Iterable<Diagnostic>, config: ClarifierConfig): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const override = config.severity[d.code];
    if (override === 'off') continue;
    out.push(override ? { ...d, severity: override } : d);
  }
  return out;
}

export const OFF = {} as Diagnostic;

/**
 * A finding with its severity: the configured one (`off`: no diagnostic), else the one the rule gives, else the code's
 * default; a type-checker conflict the rule marks `info` stays info.
 */
export function withSeverity(config: ClarifierConfig, d: Omit<Diagnostic, 'severity'>, severity?: Severity): Diagnostic | undefined {
  const override = config.severity[d.code];
  if (override === 'off') return undefined;
  return { ...d, severity: severity === 'info' && d.code.startsWith('conflict.') ? 'info' : (override ?? severity ?? DEFAULT_SEVERITY[d.code]) };
}
