import { AMBIGUITY_CATEGORIES } from '../analysis/ambiguity/lexicon';
import { DIAGNOSTIC_CODES } from '../diagnostics/codes';

/**
 * The editor's settings (package.json `contributes.configuration`) are the `.clarifier.json` keys (config.ts) under
 * `specClarifier.`. Their descriptions live in package.json; every list in them that the code defines is written from
 * the code by `npm run sync:package` (scripts/syncPackage.mjs), never by hand: the keys of `specClarifier.severity`
 * (the diagnostic codes, core/diagnostics/codes.ts), the keys of `ambiguity.categories` and the categories of
 * `ambiguity.addTerms` (the ambiguity categories), and the severity values. test/unit/lists.test.ts fails when
 * package.json is not what the sync writes, and when a setting and the config schema disagree.
 */

/** The values a severity setting takes (`off` silences): the config's `severity`, `ambiguity.categories`, `ambiguity.terms`. */
export const SEVERITY_OVERRIDES = ['error', 'warning', 'info', 'hint', 'off'] as const;

/** A JSON schema fragment of package.json (the parts the sync reads and writes). */
export interface SettingSchema {
  type?: string;
  enum?: readonly string[];
  properties?: Record<string, SettingSchema>;
  additionalProperties?: boolean | SettingSchema;
  items?: SettingSchema;
  [key: string]: unknown;
}

const severitySetting = (): SettingSchema => ({ type: 'string', enum: [...SEVERITY_OVERRIDES] });

/**
 * `properties` (package.json's `contributes.configuration.properties`) with the code's lists written in: a new object,
 * the others keys and descriptions as they are, in their order.
 */
export function syncedSettings(properties: Readonly<Record<string, SettingSchema>>): Record<string, SettingSchema> {
  const out: Record<string, SettingSchema> = structuredClone(properties) as Record<string, SettingSchema>;
  const severity = out['specClarifier.severity'];
  if (severity) severity.properties = Object.fromEntries(DIAGNOSTIC_CODES.map((code) => [code, severitySetting()]));
  const categories = out['specClarifier.ambiguity.categories'];
  if (categories) categories.properties = Object.fromEntries(AMBIGUITY_CATEGORIES.map((c) => [c, severitySetting()]));
  const terms = out['specClarifier.ambiguity.terms'];
  if (terms) terms.additionalProperties = severitySetting();
  const category = out['specClarifier.ambiguity.addTerms']?.items?.properties?.['category'];
  if (category) category.enum = [...AMBIGUITY_CATEGORIES];
  return out;
}
