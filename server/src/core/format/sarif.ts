import { CODE_DESCRIPTIONS, DEFAULT_SEVERITY } from '../diagnostics';
import { DIAGNOSTIC_CODES, type Diagnostic, type Severity } from '../types';

/**
 * SARIF 2.1.0 (what GitHub code scanning ingests): one rule per diagnostic code, results with 1-based lines and
 * UTF-16 columns relative to `%SRCROOT%` [^cl5f].
 */

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

export interface SarifOptions {
  version: string;
  informationUri?: string;
}

export function toSarif(diagnostics: Diagnostic[], options: SarifOptions): object {
  const rules = DIAGNOSTIC_CODES.map((code) => ({
    id: code,
    name: code.replace(/[.-](\w)/g, (_, c: string) => c.toUpperCase()).replace(/^\w/, (c) => c.toUpperCase()),
    shortDescription: { text: CODE_DESCRIPTIONS[code] },
    defaultConfiguration: { level: LEVEL[DEFAULT_SEVERITY[code]] },
    ...(options.informationUri ? { helpUri: `${options.informationUri}#diagnostics` } : {}),
  }));
  const ruleIndex = new Map<string, number>(DIAGNOSTIC_CODES.map((c, i) => [c, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'clarify',
            fullName: 'Spec Clarifier',
            semanticVersion: options.version,
            version: options.version,
            ...(options.informationUri ? { informationUri: options.informationUri } : {}),
            rules,
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The checked workspace folder.' } } },
        columnKind: 'utf16CodeUnits',
        results: diagnostics.map((d) => ({
          ruleId: d.code,
          ruleIndex: ruleIndex.get(d.code),
          level: LEVEL[d.severity],
          message: { text: d.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: encodeURI(d.file), uriBaseId: '%SRCROOT%' },
                region: {
                  startLine: d.range.start.line + 1,
                  startColumn: d.range.start.character + 1,
                  endLine: d.range.end.line + 1,
                  endColumn: d.range.end.character + 1,
                },
              },
            },
          ],
          partialFingerprints: { 'clarify/v1': `${d.code}:${d.file}:${String(d.data?.['id'] ?? d.data?.['anchor'] ?? d.range.start.line)}` },
          ...(d.data ? { properties: d.data } : {}),
        })),
      },
    ],
  };
}
