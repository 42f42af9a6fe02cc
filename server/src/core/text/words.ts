/**
 * Counts in words: "1 error", "2 errors", "0 warnings". Every count a user reads (CLI summary, status bar, report,
 * hover, code lenses, messages) goes through `plural`, so none says "1 errors" [^pl1u].
 */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : pluralForm}`;
}
