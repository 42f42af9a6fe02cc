import type { Severity } from '../types';

/**
 * Every diagnostic code, once: its default severity (overridable per code in the config), the file of the rule that
 * makes it (under server/src/core), the test of that rule, and a one-line description (SARIF rules, `clarify --help`,
 * the docs). Everything else is read from here: DIAGNOSTIC_CODES and DiagnosticCode (core/types.ts re-exports them),
 * the config's `severity` keys, package.json's `specClarifier.severity` setting (scripts/syncPackage.mjs; a test keeps
 * it in sync), the README's table of codes (checked by a test). Codes are stable: users filter, suppress and configure
 * by them, so one is never renamed. test/unit/diagnostics/layout.test.ts checks that each rule file makes its codes and
 * each test names them.
 */
export interface CodeInfo {
  severity: Severity;
  /** The module that makes the code, relative to server/src/core: a rule of diagnostics/rules, or the pass that makes it. */
  rule: string;
  /** The unit test of that rule, relative to the repository root. */
  test: string;
  description: string;
}

export const CODES = {
  'citation.unknown-id': {
    severity: 'error',
    rule: 'diagnostics/rules/unknownCitation.ts',
    test: 'test/unit/diagnostics/unknownCitation.test.ts',
    description: 'A citation [^id] in code names no clause of any spec (not reported where no spec declares a clause).',
  },
  'citation.ambiguous-id': {
    severity: 'error',
    rule: 'diagnostics/rules/unknownCitation.ts',
    test: 'test/unit/diagnostics/unknownCitation.test.ts',
    description: 'A citation [^id] in code names an id that several scopes declare: qualify it as [^scope:id].',
  },
  // Only from the git history (`clarify check --stale`, the editor in git workspaces) [^dr1s].
  'citation.stale': {
    severity: 'warning',
    rule: 'analysis/drift.ts',
    test: 'test/unit/drift.test.ts',
    description: 'The clause a citation names changed (git history) after the citing line was last changed: re-check the code (`check --stale`, the editor).',
  },
  'reference.unknown-id': {
    severity: 'warning',
    rule: 'diagnostics/rules/unknownReference.ts',
    test: 'test/unit/diagnostics/unknownReference.test.ts',
    description: 'A requirement id mentioned in a spec (spec-kit FR-001, Kiro 1.2) that its feature does not declare.',
  },
  'clause.duplicate-id': {
    severity: 'error',
    rule: 'diagnostics/rules/duplicates.ts',
    test: 'test/unit/diagnostics/duplicates.test.ts',
    description: 'Two clauses (headings or footnote definitions) share one id.',
  },
  'clause.malformed-attributes': {
    severity: 'error',
    rule: 'diagnostics/rules/malformedAttributes.ts',
    test: 'test/unit/diagnostics/malformedAttributes.test.ts',
    description: 'A heading attribute block {#id key=value} cannot be read.',
  },
  'clause.unknown-authority': {
    severity: 'warning',
    rule: 'diagnostics/rules/unknownAuthority.ts',
    test: 'test/unit/diagnostics/unknownAuthority.test.ts',
    description: 'A clause has an authority= value that is not in the configured list.',
  },
  'link.broken-anchor': {
    severity: 'error',
    rule: 'diagnostics/rules/brokenLinks.ts',
    test: 'test/unit/diagnostics/brokenLinks.test.ts',
    description: 'A link [text](#anchor), [text](file.md#anchor), [text](file.md) or [text][label] points at no heading, {#id}, file or definition.',
  },
  'example.missing': {
    severity: 'warning',
    rule: 'diagnostics/rules/missingExample.ts',
    test: 'test/unit/diagnostics/missingExample.test.ts',
    description: 'A footnote clause has no example file where one is expected.',
  },
  'example.unused': {
    severity: 'warning',
    rule: 'diagnostics/rules/unusedExample.ts',
    test: 'test/unit/diagnostics/unusedExample.test.ts',
    description: 'An example file that no spec footnote uses.',
  },
  'test.missing': {
    severity: 'warning',
    rule: 'diagnostics/rules/missingTest.ts',
    test: 'test/unit/diagnostics/missingTest.test.ts',
    description: 'A footnote definition names a test (path::test, path#L10) whose file or test does not exist.',
  },
  'clause.uncited': {
    severity: 'info',
    rule: 'diagnostics/rules/uncited.ts',
    test: 'test/unit/diagnostics/uncited.test.ts',
    description: 'A clause that no code or test cites.',
  },
  'config.invalid': {
    severity: 'error',
    rule: 'diagnostics/rules/invalidConfig.ts',
    test: 'test/unit/diagnostics/invalidConfig.test.ts',
    description: 'The workspace configuration (.clarifier.json) has an invalid value.',
  },
  // Ambiguity findings carry their own severity (warning in normative text, information elsewhere); these are the
  // levels SARIF announces for the rules.
  'ambiguity.vague': {
    severity: 'warning',
    rule: 'diagnostics/rules/ambiguity.ts',
    test: 'test/unit/diagnostics/ambiguity.test.ts',
    description: 'A vague or unverifiable quality ("quickly", "secure", "robust"): how is it measured?',
  },
  'ambiguity.escape': {
    severity: 'warning',
    rule: 'diagnostics/rules/ambiguity.ts',
    test: 'test/unit/diagnostics/ambiguity.test.ts',
    description: 'An escape clause ("as appropriate", "where possible"): who decides, and by what rule?',
  },
  'ambiguity.open-ended': {
    severity: 'warning',
    rule: 'diagnostics/rules/ambiguity.ts',
    test: 'test/unit/diagnostics/ambiguity.test.ts',
    description: 'An open-ended list ("etc.", "including but not limited to"): what else belongs?',
  },
  'ambiguity.quantity': {
    severity: 'warning',
    rule: 'diagnostics/rules/ambiguity.ts',
    test: 'test/unit/diagnostics/ambiguity.test.ts',
    description: 'A vague quantity ("some", "several", "approximately"): how many, within what tolerance?',
  },
  'ambiguity.comparative': {
    severity: 'warning',
    rule: 'diagnostics/rules/ambiguity.ts',
    test: 'test/unit/diagnostics/ambiguity.test.ts',
    description: 'A comparative or superlative without a reference ("better", "minimize"): than what, by how much?',
  },
  'ambiguity.weak': {
    severity: 'warning',
    rule: 'diagnostics/rules/ambiguity.ts',
    test: 'test/unit/diagnostics/ambiguity.test.ts',
    description: 'Weak or optional phrasing in a requirement ("be able to", "optionally"): must it, or may it?',
  },
  'ambiguity.time': {
    severity: 'warning',
    rule: 'diagnostics/rules/ambiguity.ts',
    test: 'test/unit/diagnostics/ambiguity.test.ts',
    description: 'An unbounded time word ("soon", "timely", "immediately"): within what time?',
  },
  'ambiguity.llm': {
    severity: 'warning',
    rule: 'diagnostics/rules/ambiguity.ts',
    test: 'test/unit/diagnostics/ambiguity.test.ts',
    description: 'Vague wording found by the optional LLM pass, with its clarifying question.',
  },
  'ambiguity.open-question': {
    severity: 'warning',
    rule: 'diagnostics/rules/ambiguity.ts',
    test: 'test/unit/diagnostics/ambiguity.test.ts',
    description: 'An open question the author marked in the spec ([NEEDS CLARIFICATION: …]).',
  },
  'compliance.violation': {
    severity: 'warning',
    rule: 'analysis/audit/compliance.ts',
    test: 'test/unit/audit.test.ts',
    description: 'The optional audit (`clarify audit --llm`) judged that the code citing a clause contradicts it, quoting the lines.',
  },
  'compliance.unclear': {
    severity: 'info',
    rule: 'analysis/audit/compliance.ts',
    test: 'test/unit/audit.test.ts',
    description: 'The optional audit could not tell from the cited code whether it satisfies the clause.',
  },
  // Conflicts between specs: a warning, so `clarify check --fail-on warning` blocks publication until resolved.
  'conflict.semantic': {
    severity: 'warning',
    rule: 'analysis/typecheck/judge.ts',
    test: 'test/unit/judge.test.ts',
    description: 'The optional LLM conflict judge (`clarify check --llm-conflicts`) found two clauses that cannot both hold, quoting both.',
  },
  'conflict.modal': {
    severity: 'warning',
    rule: 'diagnostics/rules/conflicts.ts',
    test: 'test/unit/diagnostics/conflicts.test.ts',
    description: 'Two clauses of different specs or sections require and forbid the same action of the same subject (MUST against MUST NOT).',
  },
  'conflict.numeric': {
    severity: 'warning',
    rule: 'diagnostics/rules/conflicts.ts',
    test: 'test/unit/diagnostics/conflicts.test.ts',
    description: 'Two clauses of different specs or sections give the same subject and action values that cannot both hold (at most 10 against at least 50).',
  },
  'conflict.definition': {
    severity: 'warning',
    rule: 'diagnostics/rules/conflicts.ts',
    test: 'test/unit/diagnostics/conflicts.test.ts',
    description: 'One term is defined in two specs with different meanings.',
  },
} as const satisfies Record<string, CodeInfo>;

/** Every diagnostic code the tool emits, in the order of CODES (SARIF's rule indexes, `clarify --help`). */
export type DiagnosticCode = keyof typeof CODES;
export const DIAGNOSTIC_CODES = Object.keys(CODES) as DiagnosticCode[];

export const DEFAULT_SEVERITY: Record<DiagnosticCode, Severity> = Object.fromEntries(DIAGNOSTIC_CODES.map((c) => [c, CODES[c].severity])) as Record<DiagnosticCode, Severity>;

/** One-line descriptions of each code (SARIF rules, docs, `clarify --help`). */
export const CODE_DESCRIPTIONS: Record<DiagnosticCode, string> = Object.fromEntries(DIAGNOSTIC_CODES.map((c) => [c, CODES[c].description])) as Record<DiagnosticCode, string>;
