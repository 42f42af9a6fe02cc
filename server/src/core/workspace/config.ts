import { z } from 'zod';
import picomatch from 'picomatch';
import { AMBIGUITY_CATEGORIES, type AmbiguityCategory } from '../analysis/ambiguity/lexicon';
import { DIAGNOSTIC_CODES, type DiagnosticCode, type Severity } from '../types';
import { SEVERITY_OVERRIDES } from './settings';
import type { HugoIncludeSite, HugoTermIdSite } from './hugo';
import type { DocusaurusSite } from './docusaurus';

/**
 * Workspace configuration: `.clarifier.json` at the workspace root (read by the CLI and the server) and, in the editor,
 * the `specClarifier.*` settings. Parsing is pure: text in, config plus problems out; it never throws.
 * An invalid value is reported and its default used [^configuration] [^cf2v].
 */

export const CONFIG_FILE = '.clarifier.json';

export type SeverityOverride = Severity | 'off';

/** A Zola site: its content folder (workspace-relative) and the `[slugify] anchors` strategy of its config [^tr34z]. */
export interface ZolaSite {
  content: string;
  anchors: 'on' | 'safe' | 'off';
}

/**
 * An MkDocs site: `docs`, its pages folder (workspace-relative, `''` the root); `slugify`, what its `toc` makes of a
 * heading's text (`toc`: Python-Markdown's default, `toc-unicode`: its Unicode variant, `uslugify`: pymdownx's
 * Unicode slugs, `unknown`: a function the tool does not know); `fallback`, the default language's pages folder a
 * translation's missing pages come from.
 */
export interface MkdocsSite {
  docs: string;
  slugify: 'toc' | 'toc-unicode' | 'uslugify' | 'unknown';
  fallback?: string;
  /** Its `markdown_extensions` enable attr_list (`attr_list`, `extra`, `pymdownx.extra`): a block's `{: #id }` is an anchor [^ln9n]. */
  attrList?: true;
  /**
   * Its `plugins` include mkdocstrings (which turns autorefs on) or autorefs: `[title][identifier]` resolves against
   * the site's anchors, the objects it renders and the inventories it imports, and an object's members have ids [^ln9n].
   */
  autorefs?: true;
  /**
   * Its `markdown_extensions` enable pymdownx.snippets: the folders (workspace-relative) its `base_path` names, where a
   * snippet's file is looked for (the config's folder by default, where MkDocs runs); a page's snippets are part of it
   * [^ln9n].
   */
  snippets?: string[];
  /**
   * The Markdown extensions it enables that render a `::: name` block of generated headings (mkdocs-click's CLI
   * reference, mkdocs-typer's): a page with such a block has ids no one can know here [^ln9n].
   */
  generators?: string[];
  /**
   * The labels (normalLinkLabel) of the link reference definitions pymdownx.snippets' `auto_append` files paste at the
   * end of every page: a reference link of a page of the site with one of them is defined [^ln9n].
   */
  appendedLabels?: string[];
}

/** A link label as CommonMark matches it: trimmed, each run of blanks one space, case folded (lower case here). */
export function normalLinkLabel(label: string): string {
  return label.trim().replace(/\s+/g, ' ').toLowerCase();
}

export interface ClarifierConfig {
  /** Globs of spec Markdown files. */
  include: string[];
  /** Globs excluded from everything (specs, code, examples). */
  exclude: string[];
  /** Accepted `authority=` values. */
  authorities: string[];
  /** Globs of test files: their citations are of kind `test`. Patterns without `/` match the file name. */
  testGlobs: string[];
  /** Where the example file of footnote id `{id}` lives, relative to the spec's folder or the workspace root. */
  examples: string;
  /** Per-code severity overrides, `off` silences a code. */
  severity: Partial<Record<DiagnosticCode, SeverityOverride>>;
  /** Report clauses that no code cites (`clause.uncited`); only ever when the workspace has code citations at all. */
  reportUncited: boolean;
  /** The offline ambiguity pass over spec prose. */
  ambiguity: AmbiguityConfig;
  /** The optional LLM pass (off unless enabled; the API key never lives here). */
  llm: LlmConfig;
  /**
   * Id scopes chosen by path, over the ones detected from evidence: `{ "glob": "workspace" | "document" | "folder" }`,
   * the first matching glob wins (see scopes.ts) [^sc5p]. `site`: the pages of a documentation site the io layer found
   * (siteScopes), never set by `.clarifier.json`.
   */
  scopes: { pattern: string; scope: ScopeKind; site?: true }[];
  /**
   * The source folders (workspace-relative, `''` for the root) of the mdBook books whose `book.toml` enables mdbook-spec
   * (`[preprocessor.spec]`): their pages' rule ids and grammar productions are link targets, and a reference label
   * rustdoc resolves is a link [^ln6s]. Found by the workspace loader in `book.toml`, not written in `.clarifier.json`.
   */
  mdbookSpec?: string[];
  /**
   * The spec-md documents of the folder (a package.json that depends on `spec-md`): each one's files (the entry and the
   * files it imports, workspace-relative) and the section ids spec-md gives the page it builds of them [^ln7g]. Found by
   * the workspace loader, not written in `.clarifier.json`.
   */
  specMd?: { files: string[]; ids: string[] }[];
  /**
   * The input folders (workspace-relative, `''` for the root) of ipfs/spec-generator builds (a package.json that depends
   * on `spec-generator`, the config its command names): their pages' sections have ReSpec-style ids [^ln7g]. Found by
   * the workspace loader, not written in `.clarifier.json`.
   */
  specGenerator?: string[];
  /**
   * The pages of a marked build script whose heading renderer ids a heading by its bold text (tc39/proposal-temporal's
   * docs/buildDocs.js) [^ln7g]; the ids are each page's facts (SpecFacts.strongIds). Found by the workspace loader, not
   * written in `.clarifier.json`.
   */
  markedStrongPages?: string[];
  /**
   * The source folders (workspace-relative, `''` for the root) of VuePress sites: a folder with a `.vuepress/config.*`
   * that names no `slugify` of its own and does not turn `anchor` off. A link from one of a site's pages to one of its
   * pages reaches a heading by the id VuePress's slugify gives it [^sw31v]. Found by the workspace loader, not written in
   * `.clarifier.json`.
   */
  vuepress?: string[];
  /**
   * The Obsidian vaults of the folder (workspace-relative, `''` for the root): each folder, up to three down, that holds
   * a real `.obsidian/` folder (Obsidian keeps a vault's settings there). A link from one of a vault's pages to one of
   * its pages is read as Obsidian reads it: a path relative to the page, from the vault's folder or the shortest path
   * to a file of the vault (a file name alone), and `#Heading text` reaches the heading of that text [^tr35o]. Found by
   * the workspace loader, not written in `.clarifier.json`.
   */
  obsidian?: string[];
  /**
   * The DocFX projects of the folder (a `docfx.json` with a `build` section, in it or up to three folders down): each
   * one's folder (workspace-relative, `''` the root). On a page under it, `~/path.md` names the file at that path of the
   * project's folder, and a heading that is only a link to `#tab/<id>` is a tab of a tab group, not a link [^tr36d].
   * Found by the workspace loader, not written in `.clarifier.json`.
   */
  docfx?: string[];
  /**
   * The Zola sites of the folder (a `zola.toml` or `config.toml` with a top-level `base_url`, in it or up to three
   * folders down, with a real `content/` folder beside it): each one's content folder (workspace-relative) and its
   * `[slugify] anchors` strategy (`on` by default). A page of the site links another with `@/path.md`, the path taken
   * from the content folder, and reaches a heading by the id Zola gives it [^tr34z]. Found by the workspace loader, not
   * written in `.clarifier.json`.
   */
  zola?: ZolaSite[];
  /**
   * The MkDocs sites of the folder (an `mkdocs.yml` in it or up to three folders down): each one's pages folder
   * (`docs_dir`, workspace-relative), the heading ids its `toc` gives, and the pages folder of the default language a
   * translation's missing pages are taken from [^sc5p]. Found by the workspace loader, not written in `.clarifier.json`.
   */
  mkdocs?: MkdocsSite[];
  /**
   * The Hugo sites of the folder whose Goldmark parser gives definition-list terms ids (`autoDefinitionTermID`): each
   * one's content folder and id type [^ln9h]. Found by the workspace loader in the site's config, not written in
   * `.clarifier.json`.
   */
  hugoTermIds?: HugoTermIdSite[];
  /**
   * A Hugo site whose own `include` shortcode renders the page it names into the calling page: its content roots, id
   * type and whether terms get ids; the calls are each page's facts (SpecFacts.hugoIncludes) [^ln9i]. Found by the
   * workspace loader, not written in `.clarifier.json`.
   */
  hugoIncludes?: HugoIncludeSite;
  /**
   * The folders of the folder's Hugo site's pages (`content/`, its `contentDir`s, the folders it mounts as content): on
   * them a `[label]: …` block Hugo's shortcodes keep from being definitions on GitHub is one (SpecLink.shortcodeDefinition)
   * [^ln9h]. Found by the workspace loader, not written in `.clarifier.json`.
   */
  hugoPages?: string[];
  /**
   * The Docusaurus sites of the folder (a `docusaurus.config.*` in it or up to three folders down): each one's folder,
   * docs folder and versions, and one entry more for each other docs plugin instance its `plugins` list gives (its id,
   * folder and versions), each with its `exclude` globs. A `.md` link of a docs page that does not start with `./` or `../` is read as Docusaurus
   * reads it, from the version's content folder first [^ln9d]. Found by the workspace loader, not written in
   * `.clarifier.json`.
   */
  docusaurus?: DocusaurusSite[];
  /**
   * The source folders (workspace-relative, `''` for the root) of MyST projects: a Sphinx `conf.py` that loads
   * `myst_parser` or `myst_nb`, a mystmd `myst.yml`, a Jupyter Book `_config.yml` beside its `_toc.yml`. A same-page
   * link `#label` of a page resolves against the explicit targets of every page of the project, and a page in a folder
   * named `examples/` is no clause example [^ln9m]. Found by the workspace loader, not written in `.clarifier.json`.
   */
  myst?: string[];
  /** Stale citations from the git history (`citation.stale`) [^dr1s]. */
  stale: StaleConfig;
  /**
   * Bound documents [^ln8b]: Markdown fragments a build concatenates into one page. Each entry is one document: a
   * binder list file (workspace-relative, its lines the fragments' paths), a glob of Markdown files, or a list of globs.
   * `false`: no binding, none found either (see bindings.ts).
   */
  bind: (string | string[])[] | false;
  /**
   * The bindings the workspace loader read from binder list files (the configured ones and those it found), each one's
   * files workspace-relative in binding order [^ln8b]. Not written in `.clarifier.json`.
   */
  bindings?: { binder?: string; files: string[] }[];
  /**
   * Symlinks to a folder of the workspace, which the walk does not enter: the link's path -> its target's, both
   * workspace-relative. A link through one names the symlink in its message (GitHub does not follow it either). Found by
   * the workspace loader, not written in `.clarifier.json`.
   */
  linkedFolders?: Record<string, string>;
}

export interface StaleConfig {
  /** The editor computes them in the background in git workspaces (the CLI only with `check --stale`). */
  enabled: boolean;
  /** At most this many commits of each spec file's history are walked. */
  maxCommits: number;
  /** Each git command is stopped after this many seconds (its files are then not judged). */
  timeoutSeconds: number;
}

/** Where an id is unique: the whole workspace, one document, or one folder (a feature folder). */
export type ScopeKind = 'workspace' | 'document' | 'folder';

export interface AmbiguityConfig {
  enabled: boolean;
  /** Severity per category (`off` silences it); by default warning in normative text, information elsewhere, hint in a standard. */
  categories: Partial<Record<AmbiguityCategory, SeverityOverride>>;
  /** Severity per term, e.g. `{ "appropriate": "off" }`. */
  terms: Record<string, SeverityOverride>;
  /** Project terms to flag, with their clarifying question. */
  addTerms: { term: string; category: AmbiguityCategory; question?: string }[];
  /** Built-in terms never to flag. */
  ignoreTerms: string[];
  /** Terms the project defines (e.g. "fast path"): never flagged. */
  glossary: string[];
  /** Authorities whose clauses are normative (warnings). */
  normativeAuthorities: string[];
}

export interface LlmConfig {
  enabled: boolean;
  model: string;
  /** An OpenAI-compatible endpoint (Azure, Ollama, vLLM, LM Studio); default: OPENAI_BASE_URL or OpenAI. */
  baseURL?: string;
  timeoutSeconds: number;
  concurrency: number;
  /** `clarify check --llm` also runs the LLM conflict judge (as `--llm-conflicts` does) [^cj4q]. */
  conflicts: boolean;
  /** At most this many candidate pairs go to the conflict judge [^cj2p]. */
  conflictPairs: number;
}

/** The default `exclude`: Markdown files of test data folders (see DEFAULT_CONFIG). */
export const TEST_DATA_MARKDOWN: readonly string[] = Object.freeze([
  '**/testdata/**/*.md',
  '**/__fixtures__/**/*.md',
  '**/__snapshots__/**/*.md',
  '**/{test,tests,__tests__,testing}/**/{data,fixtures,snapshots,golden}/**/*.md',
]) as readonly string[];

export const DEFAULT_CONFIG: Readonly<ClarifierConfig> = Object.freeze({
  // Kiro keeps its specs in a dot folder, which `**` does not enter.
  include: ['**/*.md', '**/.kiro/specs/**/*.md'],
  // Markdown that is test data, not a spec: Go's testdata/, Jest's __fixtures__/ and __snapshots__/, and the data,
  // fixtures and snapshots folders of a test tree (a trust sweep: fastapi's translation fixer keeps a page and its
  // translation as test input, 131 duplicate ids and 14 missing files). Markdown only: code there may cite clauses.
  // A configured `exclude` replaces this list.
  exclude: [...TEST_DATA_MARKDOWN],
  // The Model Spec renamed `platform` to `root` in 2025: accept both.
  authorities: ['root', 'platform', 'system', 'developer', 'user', 'guideline'],
  testGlobs: ['test/**', 'tests/**', '**/test/**', '**/tests/**', '**/__tests__/**', '*.test.*', '*.spec.*', '*_test.*', 'test_*.*'],
  examples: 'examples/{id}.md',
  severity: {},
  reportUncited: true,
  ambiguity: {
    enabled: true,
    categories: {},
    // Hedges ("should generally …") and effort verbs ("should attempt to …") are opt-in: specs that state defaults
    // use them on purpose. Set them to a severity to turn them on.
    terms: { generally: 'off', 'attempt to': 'off', minimize: 'off', maximize: 'off', improved: 'off' } as Record<string, SeverityOverride>,
    addTerms: [],
    ignoreTerms: [],
    glossary: [],
    normativeAuthorities: ['root', 'platform', 'system'],
  },
  llm: { enabled: false, model: 'gpt-4o-mini', timeoutSeconds: 60, concurrency: 2, conflicts: false, conflictPairs: 40 },
  scopes: [],
  stale: { enabled: true, maxCommits: 200, timeoutSeconds: 30 },
  bind: [],
});

/** Folders never walked, whatever the globs say: VCS data, dependencies and build output [^spec_files] [^sf4k]. */
export const ALWAYS_IGNORED_DIRS: readonly string[] = [
  '.git', '.hg', '.svn', 'node_modules', 'bower_components', 'out', 'dist', 'build', 'coverage', '.vscode-test',
  '.next', '.nuxt', 'target', '__pycache__', '.venv', 'venv', '.tox', '.mypy_cache', '.pytest_cache', '.gradle',
];

const severityOverride = z.enum(SEVERITY_OVERRIDES);
const stringList = z.array(z.string().min(1));
/** A workspace-relative path or glob: never absolute, never `..`. */
const isInsidePath = (s: string): boolean => s.length > 0 && !s.startsWith('/') && !/^[A-Za-z]:/.test(s) && !s.split(/[\\/]/).includes('..');
/**
 * `bind` [^ln8b]: false, or a list whose entries are a binder file or glob (a string) or a list of globs; checked by
 * hand so that each wrong entry is named (a zod union says only "Invalid input").
 */
const bindSchema = z.unknown().transform((value, ctx): (string | string[])[] | false => {
  if (value === false) return false;
  const bad = (message: string, path: (string | number)[] = []): void => ctx.addIssue({ code: 'custom', message, path });
  if (!Array.isArray(value)) {
    bad('must be false or a list of binder files, globs or lists of globs');
    return z.NEVER;
  }
  const PATH = 'must be a relative path inside the workspace';
  value.forEach((entry: unknown, i) => {
    if (typeof entry === 'string') {
      if (!isInsidePath(entry)) bad(PATH, [i]);
    } else if (Array.isArray(entry) && entry.length > 0) {
      entry.forEach((glob: unknown, j) => {
        if (typeof glob !== 'string' || !isInsidePath(glob)) bad(PATH, [i, j]);
      });
    } else bad('must be a binder file, a glob or a non-empty list of globs', [i]);
  });
  return value as (string | string[])[];
});

export const configSchema = z
  .object({
    $schema: z.string().optional(),
    include: stringList.optional(),
    exclude: stringList.optional(),
    authorities: stringList.optional(),
    testGlobs: stringList.optional(),
    examples: z
      .string()
      .refine((s) => s.includes('{id}'), { message: 'must contain {id}' })
      .refine((s) => !s.startsWith('/') && !s.split('/').includes('..'), { message: 'must be a relative path inside the workspace' })
      .optional(),
    severity: z.record(z.string(), severityOverride).optional(),
    reportUncited: z.boolean().optional(),
    scopes: z.record(z.string().min(1), z.enum(['workspace', 'document', 'folder'])).optional(),
    bind: bindSchema.optional(),
    ambiguity: z
      .object({
        enabled: z.boolean().optional(),
        categories: z.partialRecord(z.enum(AMBIGUITY_CATEGORIES), severityOverride).optional(),
        terms: z.record(z.string(), severityOverride).optional(),
        addTerms: z.array(z.object({ term: z.string().min(1), category: z.enum(AMBIGUITY_CATEGORIES), question: z.string().optional() }).strict()).optional(),
        ignoreTerms: stringList.optional(),
        glossary: stringList.optional(),
        normativeAuthorities: stringList.optional(),
      })
      .strict()
      .optional(),
    stale: z
      .object({
        enabled: z.boolean().optional(),
        maxCommits: z.number().int().min(1).max(100_000).optional(),
        timeoutSeconds: z.number().positive().max(3600).optional(),
      })
      .strict()
      .optional(),
    llm: z
      .object({
        enabled: z.boolean().optional(),
        model: z.string().min(1).optional(),
        baseURL: z.string().url().optional(),
        timeoutSeconds: z.number().positive().max(3600).optional(),
        concurrency: z.number().int().min(1).max(16).optional(),
        conflicts: z.boolean().optional(),
        conflictPairs: z.number().int().min(1).max(500).optional(),
      })
      .strict()
      .optional(),
    // Secrets never live in a file that is committed: refuse them loudly, without echoing the value.
    apiKey: z.never({ message: 'API keys never go in .clarifier.json; set OPENAI_API_KEY or use "Spec Clarifier: Set API Key"' }).optional(),
  })
  // Later features (the ambiguity pass, the LLM) add their own sections; unknown keys are kept, not rejected.
  .passthrough();

export interface ConfigResult {
  config: ClarifierConfig;
  /** Human-readable problems; the config falls back to defaults for the offending keys. */
  problems: string[];
}

/** Merges a partial config over the defaults, validating each key. */
export function resolveConfig(raw: unknown): ConfigResult {
  const problems: string[] = [];
  const config: ClarifierConfig = { ...DEFAULT_CONFIG, severity: {} };
  if (raw === undefined || raw === null) return { config, problems };
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const where = issue.path.length ? issue.path.join('.') : '(root)';
      problems.push(`${where}: ${issue.message}`);
    }
    // Keep the keys that are valid on their own.
    if (typeof raw === 'object') {
      for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
        const one = configSchema.safeParse({ [key]: value });
        if (one.success) applyParsed(config, one.data, problems);
      }
    }
    return { config, problems };
  }
  applyParsed(config, parsed.data, problems);
  return { config, problems };
}

function applyParsed(config: ClarifierConfig, data: z.infer<typeof configSchema>, problems: string[]): void {
  if (data.include) config.include = data.include;
  if (data.exclude) config.exclude = data.exclude;
  if (data.authorities) config.authorities = data.authorities;
  if (data.testGlobs) config.testGlobs = data.testGlobs;
  if (data.examples) config.examples = data.examples;
  if (data.reportUncited !== undefined) config.reportUncited = data.reportUncited;
  if (data.scopes) config.scopes = Object.entries(data.scopes).map(([pattern, scope]) => ({ pattern, scope }));
  if (data.bind !== undefined) config.bind = data.bind;
  // Nested sections: the given keys over the current ones; the term map merges (defaults turn hedges off).
  if (data.ambiguity) {
    config.ambiguity = { ...config.ambiguity, ...given(data.ambiguity), terms: { ...config.ambiguity.terms, ...data.ambiguity.terms } } as AmbiguityConfig;
  }
  if (data.llm) config.llm = { ...config.llm, ...given(data.llm) };
  if (data.stale) config.stale = { ...config.stale, ...given(data.stale) };
  if (data.severity) {
    for (const [code, value] of Object.entries(data.severity)) {
      if ((DIAGNOSTIC_CODES as readonly string[]).includes(code)) config.severity[code as DiagnosticCode] = value;
      else problems.push(`severity.${code}: unknown diagnostic code (known: ${DIAGNOSTIC_CODES.join(', ')})`);
    }
  }
}

/**
 * Validates settings that override `.clarifier.json` (the editor's explicitly set values): only valid keys are kept,
 * so an invalid setting falls back to the file's value or the default.
 */
export function validateOverrides(raw: unknown): { overrides: Partial<ClarifierConfig>; problems: string[] } {
  const overrides: Partial<ClarifierConfig> = {};
  const problems: string[] = [];
  if (!raw || typeof raw !== 'object') return { overrides, problems };
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (value === undefined || value === null) continue;
    const one = configSchema.safeParse({ [key]: value });
    if (!one.success) {
      problems.push(`${key}: ${one.error.issues[0]?.message ?? 'invalid'}`);
      continue;
    }
    if (key === 'ambiguity' || key === 'llm' || key === 'stale') {
      // Nested sections override key by key (see mergeConfig), so keep only what was given.
      (overrides as Record<string, unknown>)[key] = one.data[key];
      continue;
    }
    const full: ClarifierConfig = { ...DEFAULT_CONFIG, severity: {} };
    applyParsed(full, one.data, problems);
    if (key in full && key !== '$schema') (overrides as Record<string, unknown>)[key] = full[key as keyof ClarifierConfig];
  }
  return { overrides, problems };
}

/** Applies editor overrides over a workspace config: top-level keys replace, nested sections and maps merge. */
export function mergeConfig(base: ClarifierConfig, overrides: Partial<ClarifierConfig> = {}): ClarifierConfig {
  const a: Partial<AmbiguityConfig> = overrides.ambiguity ?? {};
  return {
    ...base,
    ...overrides,
    severity: { ...base.severity, ...overrides.severity },
    ambiguity: { ...base.ambiguity, ...a, terms: { ...base.ambiguity.terms, ...a.terms }, categories: { ...base.ambiguity.categories, ...a.categories } },
    llm: { ...base.llm, ...overrides.llm },
    stale: { ...base.stale, ...overrides.stale },
  };
}

/** The keys of an object that are set (zod leaves absent optional keys undefined). */
function given<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Parses the text of `.clarifier.json`. Invalid JSON gives the defaults and one problem. */
export function parseConfigText(text: string): ConfigResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    return { config: { ...DEFAULT_CONFIG, severity: {} }, problems: [`not valid JSON: ${(err as Error).message}`] };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { config: { ...DEFAULT_CONFIG, severity: {} }, problems: ['must be a JSON object'] };
  }
  return resolveConfig(raw);
}

export type FileRole = 'spec' | 'example' | 'code' | 'config' | 'other';

/** A configuration's compiled globs, with the values they were compiled from (a changed field compiles again). */
const compiledGlobs = new WeakMap<
  ClarifierConfig,
  {
    include: ClarifierConfig['include'];
    exclude: ClarifierConfig['exclude'];
    testGlobs: ClarifierConfig['testGlobs'];
    examples: ClarifierConfig['examples'];
    isIncluded: (p: string) => boolean;
    isExcluded: (p: string) => boolean;
    isTest: (p: string) => boolean;
    isExampleFile: (p: string) => boolean;
    examplePrefix: string;
    exampleSuffix: string;
  }
>();

/**
 * Compiled matchers of a config: which role a workspace path plays. Build once per config, reuse per file.
 */
export class PathClassifier {
  private readonly isIncluded: (p: string) => boolean;
  private readonly isExcluded: (p: string) => boolean;
  private readonly isTest: (p: string) => boolean;
  private readonly isExampleFile: (p: string) => boolean;
  /** `examples/{id}.md` split around `{id}`. */
  readonly examplePrefix: string;
  readonly exampleSuffix: string;

  constructor(
    readonly config: ClarifierConfig,
    private readonly isSource: (path: string) => boolean,
  ) {
    // The globs compiled once per configuration (an index worker makes an index per batch of files with one config).
    const known = compiledGlobs.get(config);
    if (known && known.include === config.include && known.exclude === config.exclude && known.testGlobs === config.testGlobs && known.examples === config.examples) {
      ({ isIncluded: this.isIncluded, isExcluded: this.isExcluded, isTest: this.isTest, isExampleFile: this.isExampleFile } = known);
      this.examplePrefix = known.examplePrefix;
      this.exampleSuffix = known.exampleSuffix;
      return;
    }
    const opts = { dot: false };
    // Kiro keeps its specs in a dot folder (`.kiro/specs/<feature>/requirements.md`): included like any other spec when
    // the include globs match them with dot folders allowed [^am7f].
    const included = picomatch(config.include, opts);
    const includedWithDots = picomatch(config.include, { dot: true });
    this.isIncluded = (p) => included(p) || (/(?:^|\/)\.kiro\/specs\//.test(p) && includedWithDots(p));
    this.isExcluded = config.exclude.length ? picomatch(config.exclude, { dot: true }) : () => false;
    // Patterns without `/` match the file name (picomatch's `basename` option mishandles `**/x/**`, so split them).
    const byName = config.testGlobs.filter((g) => !g.includes('/'));
    const byPath = config.testGlobs.filter((g) => g.includes('/'));
    const nameMatch = byName.length ? picomatch(byName, { dot: true }) : () => false;
    const pathMatch = byPath.length ? picomatch(byPath, { dot: true }) : () => false;
    this.isTest = (p) => pathMatch(p) || nameMatch(p.slice(p.lastIndexOf('/') + 1));
    const at = config.examples.indexOf('{id}');
    this.examplePrefix = config.examples.slice(0, at);
    this.exampleSuffix = config.examples.slice(at + 4);
    const exampleGlob = `**/${config.examples.replace('{id}', '*')}`;
    const direct = picomatch(config.examples.replace('{id}', '*'), { dot: false });
    const nested = picomatch(exampleGlob, { dot: false });
    this.isExampleFile = (p) => direct(p) || nested(p);
    compiledGlobs.set(config, {
      include: config.include,
      exclude: config.exclude,
      testGlobs: config.testGlobs,
      examples: config.examples,
      isIncluded: this.isIncluded,
      isExcluded: this.isExcluded,
      isTest: this.isTest,
      isExampleFile: this.isExampleFile,
      examplePrefix: this.examplePrefix,
      exampleSuffix: this.exampleSuffix,
    });
  }

  /** Whether the workspace's rules (ignore files, dependency and build folders) leave a path out; set by the IO layer. */
  private leftOutRule: (path: string) => boolean = () => false;

  setLeftOut(rule: (path: string) => boolean): void {
    this.leftOutRule = rule;
  }

  /** Whether `path` is outside what the workspace indexes by its rules: it may exist (or be generated) unseen. */
  leftOut(path: string): boolean {
    return this.leftOutRule(path);
  }

  role(path: string): FileRole {
    if (path === CONFIG_FILE) return 'config';
    if (this.isExcluded(path)) return 'other';
    if (this.isExampleFile(path)) return 'example';
    if (this.isIncluded(path)) return 'spec';
    if (this.isSource(path)) return 'code';
    return 'other';
  }

  isTestPath(path: string): boolean {
    return this.isTest(path);
  }

  /** The example path of `id` relative to a folder (`''` for the workspace root). */
  examplePathIn(folder: string, id: string): string {
    const rel = `${this.examplePrefix}${id}${this.exampleSuffix}`;
    return folder ? `${folder}/${rel}` : rel;
  }

  /** The folder that holds example files, relative to `folder` (e.g. `examples`). */
  exampleFolderIn(folder: string): string {
    const dir = this.examplePrefix.replace(/\/+$/, '');
    if (!dir) return folder;
    return folder ? `${folder}/${dir}` : dir;
  }

  /** The footnote id an example file is named after, if its path fits the pattern. */
  exampleIdOf(path: string): string | undefined {
    if (!path.endsWith(this.exampleSuffix)) return undefined;
    const at = path.lastIndexOf(this.examplePrefix || '/');
    if (this.examplePrefix && at < 0) return undefined;
    const start = this.examplePrefix ? at + this.examplePrefix.length : path.lastIndexOf('/') + 1;
    const id = path.slice(start, path.length - this.exampleSuffix.length);
    return id && !id.includes('/') ? id : undefined;
  }
}
