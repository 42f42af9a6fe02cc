import { CODE_DESCRIPTIONS, DEFAULT_SEVERITY } from '../diagnostics/diagnostics';
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
  const fingerprints = fingerprintsOf(diagnostics);
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
        results: diagnostics.map((d, i) => ({
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
          ...(d.related?.length
            ? {
                relatedLocations: d.related.map((r, j) => ({
                  id: j + 1,
                  message: { text: r.message },
                  physicalLocation: {
                    artifactLocation: { uri: encodeURI(r.file), uriBaseId: '%SRCROOT%' },
                    region: { startLine: r.range.start.line + 1, startColumn: r.range.start.character + 1, endLine: r.range.end.line + 1, endColumn: r.range.end.character + 1 },
                  },
                })),
              }
            : {}),
          partialFingerprints: { 'clarify/v2': fingerprints[i]! },
          ...(d.data ? { properties: d.data } : {}),
        })),
      },
    ],
  };
}

/**
 * GitHub code scanning tracks an alert across runs by its fingerprint, so each result needs one that is unique in the
 * run and that stays when lines move above the finding [^cl5f]: the code, the file, what the finding is about (the id,
 * anchor, phrase, target or path from its data; never a position) and its occurrence among results with the same key
 * (in file order). A hash keeps it short.
 */
export function fingerprintsOf(diagnostics: readonly Diagnostic[]): string[] {
  const seen = new Map<string, number>();
  return diagnostics.map((d) => {
    const key = JSON.stringify([d.code, d.file, identity(d)]);
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return `${fnv1a64(key)}:${n}`;
  });
}

/** What a diagnostic is about, from its data (fields that hold positions, like a duplicate's other places, excluded). */
function identity(d: Diagnostic): unknown[] {
  const data = d.data ?? {};
  const keys = ['id', 'anchor', 'targetFile', 'authority', 'raw', 'target', 'test', 'path', 'term', 'phrase', 'clauseId', 'other'];
  // An offline conflict is about its pair of clauses (the other's line excluded: it moves); the judge's names the other
  // clause's id in `other`.
  if (d.code.startsWith('conflict.') && d.code !== 'conflict.semantic') return [d.message.replace(/ at [^ ]+:\d+:/, ':'), (data['other'] as { clauseId?: string } | undefined)?.clauseId ?? null];
  const out = keys.filter((k) => data[k] !== undefined).map((k) => [k, data[k]]);
  // Nothing in the data (config.invalid): the message, which holds no position.
  return out.length ? out : [d.message];
}

/** Two FNV-1a hashes (32 bits each, different seeds) over UTF-16 code units, as 16 hex digits. */
function fnv1a64(s: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 13);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}
