import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { CONFIG_FILE, mergeConfig, normalLinkLabel, parseConfigText, resolveConfig, type ClarifierConfig, type FileRole, type MkdocsSite, type ZolaSite } from '../core/workspace/config';
import { WorkspaceIndex } from '../core/workspace/workspaceIndex';
import { specMdOutline, specMdSectionIds } from '../core/markdown/siteGenerators';
import { AmbiguityJobRun, type AmbiguityJob } from '../core/workspace/ambiguityPass';
import { IndexCache } from './indexCache';
import { VARIANTS } from './codeCache';
import type { BatchResult, PassHits, PassJobs, WorkerInit } from './indexWorker';
import { readTextFile, readTextFileSync, walkWorkspace, WorkspaceRules, type Skipped, type WalkEntry } from './walk';
import { binderEntries, foundBinding, isBindGlob, MAX_BINDER_BYTES, resolveBinder, type Binding } from '../core/workspace/bindings';
import { plural } from '../core/text/words';
import type { HugoIdType, HugoIncludeSite, HugoTermIdSite } from '../core/workspace/hugo';
import type { DocusaurusSite } from '../core/workspace/docusaurus';
import { MAX_MYST_CONFIG_BYTES, MYST_CONFIG_NAMES, mystProjectOf } from '../core/markdown/explicitTargets';

/**
 * Loads a workspace folder into a WorkspaceIndex: reads `.clarifier.json`, walks the tree, reads the files that
 * play a role (specs, code, examples) with bounded concurrency and records the others as existing.
 */

export interface LoadedWorkspace {
  root: string;
  config: ClarifierConfig;
  index: WorkspaceIndex;
  skipped: Skipped[];
  /** Files walked; files read in this thread (not by workers); characters read; files whose facts came from the cache. */
  stats: { files: number; read: number; bytes: number; cached: number };
}

export interface LoadOptions {
  /** Overrides applied on top of `.clarifier.json` (the editor's settings). */
  overrides?: Partial<ClarifierConfig>;
  signal?: AbortSignal;
  concurrency?: number;
  /** A folder for the on-disk index cache (warm starts); none: nothing is written. */
  cacheDir?: string;
  /** Worker threads for the first scan of a big folder (default: one per core, up to 4; 0: none). */
  workers?: number;
  /** The rules that decide what is in the workspace (the server keeps them for its file events). */
  rules?: WorkspaceRules;
  /**
   * A batch run (`clarify check`, `clarify report`): no file of the index will be edited, so what only an edit reads is
   * not kept (IndexOptions.batch) [^big_documents].
   */
  batch?: boolean;
  /**
   * Whether each spec's prose blocks reach the index (default: yes). Only the LLM pass (`clarify check --llm`), the
   * server's completion and the cache read them: a batch run without those says no, and the worker threads do not send
   * them (a second copy of each spec's text, cut in blocks: 5.5 of the 16 MB of spec facts the workers of a cold check
   * of the 10k bench workspace sent). A spec indexed by a worker then has none; one read in this thread keeps them.
   */
  prose?: boolean;
  /**
   * Called with the length of each text this thread reads, before the index parses it, and with 0 once before worker
   * threads read a big folder (not for facts taken from the cache): the CLI sizes V8's young generation by it (see
   * `youngGeneration` in cli/main.ts).
   */
  beforeIndex?: (chars: number) => void;
}

/** Below this many files to read, worker threads cost more to start (~100 ms each) than they save. */
const WORKER_MIN_FILES = 500;
const WORKER_BATCH = 48;

export async function readConfig(root: string): Promise<{ config: ClarifierConfig; problems: string[] }> {
  const read = await readConfigFile(root);
  // One listing of the folder and the folders below it for both kinds of site config.
  const vuepressFolders: string[] = [];
  const obsidianVaults: string[] = [];
  const [mkdocsConfigs, docusaurusConfigs, zolaConfigs, docfxConfigs] = configFilesBelow(root, [MKDOCS_CONFIG_FILES, DOCUSAURUS_CONFIG_FILES, ZOLA_CONFIG_FILES, DOCFX_CONFIG_FILES], vuepressFolders, obsidianVaults);
  const mkdocs = mkdocsSites(root, mkdocsConfigs);
  const docusaurus = docusaurusSites(root, docusaurusConfigs);
  // (the Hugo site's config files, keys and mounts read once: its scopes, the pages where its shortcodes make
  // definitions, its term ids and its includes)
  const hugoRead = hugoSite(root);
  const hugoPages = hugoPageFolders(root, hugoRead);
  const site = siteScopes(root, mkdocs, docusaurus, hugoPages);
  if (site.length) read.config = { ...read.config, scopes: [...read.config.scopes, ...site] };
  if (mkdocs.length) read.config = { ...read.config, mkdocs };
  const docusaurusDocs = docusaurus.filter((d): d is DocusaurusSite => d.docs !== undefined);
  if (docusaurusDocs.length) read.config = { ...read.config, docusaurus: docusaurusDocs };
  // A Docusaurus site's MDX partials (`_flags.mdx`, `_common/flags.mdx`: names Docusaurus makes no page of), read as
  // Markdown files: a page that imports and renders one has its headings' ids [^ln9x]. (Its `.md` partials are read as
  // every `.md` file is.) Its docs folder's too when that is beside the site folder (`path: '../docs'`).
  const siteFolders = docusaurusDocs.flatMap((d) => (d.dir === '' || d.docs === d.dir || d.docs.startsWith(`${d.dir}/`) ? [d.dir] : [d.dir, d.docs]));
  const partials = [...new Set(siteFolders.flatMap((dir) => ['**/_*.mdx', '**/_*/**/*.mdx'].map((g) => (dir ? `${dir}/${g}` : g))))].filter((g) => !read.config.include.includes(g));
  if (partials.length) read.config = { ...read.config, include: [...read.config.include, ...partials] };
  const books = mdbookSpecBooks(root);
  if (books.length) read.config = { ...read.config, mdbookSpec: books };
  // (both read the folder's package.json: once)
  const pkg = packageJson(root);
  const specMd = specMdDocuments(root, pkg);
  if (specMd.length) read.config = { ...read.config, specMd };
  const generator = specGeneratorInputs(root, pkg);
  if (generator.length) read.config = { ...read.config, specGenerator: generator };
  const strong = markedStrongIdPages(root);
  if (strong.length) read.config = { ...read.config, markedStrongPages: strong.map((p) => p.file) };
  const hugo = hugoTermIdSites(root, hugoRead);
  if (hugo.length) read.config = { ...read.config, hugoTermIds: hugo };
  const hugoIncludes = hugoIncludeSite(root, hugoRead);
  if (hugoIncludes) read.config = { ...read.config, hugoIncludes };
  if (hugoPages.length) read.config = { ...read.config, hugoPages };
  const vuepress = vuepressSites(root, vuepressFolders);
  if (vuepress.length) read.config = { ...read.config, vuepress };
  const zola = zolaSites(root, zolaConfigs);
  if (zola.length) read.config = { ...read.config, zola };
  // Obsidian vaults: a folder with a real `.obsidian/` folder (not a symlink) [^tr35o].
  if (obsidianVaults.length) read.config = { ...read.config, obsidian: obsidianVaults };
  // DocFX projects: a `docfx.json` with a `build` section; its pages' `~/` links and tab headings [^tr36d].
  const docfx = docfxProjects(root, docfxConfigs);
  if (docfx.length) read.config = { ...read.config, docfx };
  return read;
}

async function readConfigFile(root: string): Promise<{ config: ClarifierConfig; problems: string[] }> {
  let text: string;
  try {
    text = await fs.promises.readFile(path.join(root, CONFIG_FILE), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return resolveConfig(undefined);
    return { ...resolveConfig(undefined), problems: [`cannot be read (${(err as NodeJS.ErrnoException).code})`] };
  }
  return parseConfigText(text);
}

/** A folder itself, not a symlink to one (which may point outside the workspace). */
function isRealFolder(dir: string): boolean {
  try {
    return fs.lstatSync(dir).isDirectory();
  } catch {
    return false;
  }
}

/** A regular file itself, never a symlink (which may point outside the workspace). */
function isRegularFile(file: string): boolean {
  try {
    return fs.lstatSync(file).isFile();
  } catch {
    return false;
  }
}

/** A folder a site's config names (`docs_dir`, `srcDir`, `[book] src`) that stays in the workspace: never absolute, `..` or a glob. */
function staysInside(given: string): boolean {
  return !given.startsWith('/') && !given.split('/').includes('..') && !/[*?[\]{}]/.test(given);
}

/**
 * The pages of a documentation site built from the folder: each is an HTML page of its own, so an id (`{ #context }`,
 * `{ id="1.2.0" }`) is unique within its page, not across the site [^sc5p]: MkDocs (`mkdocs.yml`, its `docs_dir`,
 * `docs` by default), Docusaurus (`docs/`, `blog/`), Hugo (`hugo.toml` or `config/_default/`: `content/`, its
 * `contentDir` and the folders it mounts as content, hugoPageFolders) and VitePress (`.vitepress/config.*`
 * in the folder or in `docs/`: that folder, or its `srcDir`; vuejs/docs had 188 `{#id}`s of different pages reported
 * as duplicates). After the configuration's own
 * `scopes`, which win. Seen on a real MkDocs site: a changelog page and its copy for sponsors repeat every version's id.
 */
export function siteScopes(root: string, mkdocs = mkdocsSites(root), docusaurus = docusaurusSites(root), hugoPages = hugoPageFolders(root)): ClarifierConfig['scopes'] {
  // A regular file of the folder itself, never through a symlink (which may point outside the workspace).
  const at = (name: string): boolean => isRegularFile(path.join(root, name));
  const folders: string[] = [];
  for (const site of mkdocs) folders.push(site.docs || '.');
  // Docusaurus: the site folder's docs/ (or the docs folder its config names) and blog/, in the folder or below it [^ln9d].
  // Each docs plugin instance's folder (`plugins: [['content-docs', { path: 'community' }]]`) and the folders of the
  // versions its versions file lists (`versioned_docs/version-2.0/`, `community_versioned_docs/version-2.0/`).
  for (const d of docusaurus) {
    const base = d.dir ? `${d.dir}/` : '';
    if (d.docs !== undefined && d.docs !== `${base}docs`) folders.push(d.docs || '.');
    folders.push(`${base}docs`, `${base}blog`);
    for (const v of d.versions.filter((x) => !/[*?[\]{}()!+@\\]/.test(x))) folders.push(`${base}${d.id !== undefined ? `${d.id}_` : ''}versioned_docs/version-${v}`);
  }
  folders.push(...hugoPages);
  // VitePress: `.vitepress/config.*` in the folder or in its docs/ (each page's `{#id}` is that page's anchor), its
  // pages under `srcDir` when the config names one (read as a literal string; a computed one leaves the project folder).
  for (const base of ['', 'docs']) {
    const dir = base ? `${base}/.vitepress` : '.vitepress';
    if (!isRealFolder(path.join(root, base)) || !isRealFolder(path.join(root, dir))) continue;
    const config = ['config.js', 'config.ts', 'config.mjs', 'config.mts', 'config.cjs', 'config.cts'].find((f) => at(`${dir}/${f}`));
    if (!config) continue;
    const read = readTextFileSync(path.join(root, dir, config));
    const m = 'text' in read ? /\bsrcDir\s*:\s*(["'`])([^"'`\r\n$]+)\1/.exec(read.text) : null;
    const src = m?.[2]?.trim().replace(/^\.\//, '').replace(/\/+$/, '');
    const inside = src && src !== '.' && staysInside(src) ? src : undefined;
    folders.push([base, inside].filter(Boolean).join('/') || '.');
  }
  return [...new Set(folders)].map((dir) => ({ pattern: dir === '.' ? '**' : `${dir}/**`, scope: 'document' as const, site: true as const }));
}

/** How deep below the folder MkDocs configs are looked for: `mkdocs.yml`, `docs/mkdocs.yml`, `docs/en/mkdocs.yml`, `a/b/c/mkdocs.yml`. */
const MKDOCS_DEPTH = 3;
/** At most this many folders are listed looking for them (a big workspace pays a bounded look, not a second walk). */
const MKDOCS_FOLDERS = 2000;
/** A language folder of a translated site: `en`, `pt`, `zh-hant`, `pt_BR` (ISO 639-1, a region or script). */
const LANGUAGE_FOLDER = /^[a-z]{2}(?:[-_](?:[A-Za-z]{2}|[A-Za-z]{4}))?$/;

/** What one MkDocs config says (its own keys; INHERIT not followed yet). */
interface MkdocsConfigText {
  docsDir?: string;
  inherit?: string;
  language?: string;
  slugify?: MkdocsSite['slugify'];
  attrList?: true;
  autorefs?: true;
  siteName?: true;
  /** The enabled Markdown extensions that render a `::: name` block of generated headings (GENERATOR_EXTENSIONS). */
  generators?: string[];
  /** pymdownx.snippets is enabled: its `base_path` folders as written (none written: the config's folder). */
  snippets?: string[];
  /** pymdownx.snippets' `auto_append`: the files pasted at the end of every page, as written. */
  autoAppend?: string[];
  /** mkdocs-static-i18n with `docs_structure: folder` and its fallback on: its locales and the default one. */
  i18n?: { locales: string[]; default?: string; noFallback?: true };
}

/** A YAML or TOML name or value trimmed, without the quotes around it (`"docs"`, `'src'`). */
function unquoted(v: string): string {
  return v.trim().replace(/^(["'])(.*)\1$/, '$2');
}

/**
 * A YAML or TOML value with its comment cut (` # …`: a `#` after a blank, the blanks before it too), in one pass: the
 * regular expression `/[ \t]+#.*$/` this replaces rescanned a run of blanks from each of its characters (a config line
 * of 32,000 blanks, 1.2 s; 128,000, 16 s).
 */
function withoutLineComment(v: string): string {
  for (let i = v.indexOf('#'); i > 0; i = v.indexOf('#', i + 1)) {
    const c = v.charCodeAt(i - 1);
    if (c !== 32 && c !== 9) continue;
    let start = i - 1;
    while (start > 0 && (v.charCodeAt(start - 1) === 32 || v.charCodeAt(start - 1) === 9)) start--;
    return v.slice(0, start);
  }
  return v;
}

/** The Markdown extensions that turn Python-Markdown's attr_list on (by its entry point, module path or in a bundle). */
const ATTR_LIST_EXTENSIONS = new Set(['attr_list', 'markdown.extensions.attr_list', 'extra', 'markdown.extensions.extra', 'pymdownx.extra']);
/** Markdown extensions whose `::: <name>` block renders generated headings: a CLI's commands (mkdocs-click, mkdocs-typer). */
const GENERATOR_EXTENSIONS = new Set(['mkdocs-click', 'mkdocs_click', 'mkdocs-typer', 'mkdocs_typer', 'mkdocs-typer2', 'mkdocs_typer2']);
/** The MkDocs plugins that resolve `[title][identifier]` across the site: mkdocstrings turns autorefs on itself. */
const AUTOREFS_PLUGINS = new Set(['autorefs', 'mkdocstrings']);

/**
 * The keys of an MkDocs config the tool reads, line by line (YAML, but only these shapes): top-level `docs_dir:` and
 * `INHERIT:`, `theme:` → `language:`, and the `slugify:` of the `toc` entry of `markdown_extensions` (a list item
 * `- toc:` or a key `toc:`; the `slugify` of another extension, `pymdownx.tabbed` say, is not toc's).
 */
function readMkdocsConfig(text: string): MkdocsConfigText {
  const out: MkdocsConfigText = {};
  const value = (v: string): string => unquoted(withoutLineComment(v));
  let top = '';
  let extIndent = -1;
  let ext = '';
  let themeIndent = -1;
  let tocSlugify: string | undefined;
  let slugIndent = Infinity;
  let toc = false;
  let pluginIndent = -1;
  let currentPlugin = '';
  let snippetBaseIndent = -1;
  let snippetOption: 'base_path' | 'auto_append' = 'base_path';
  let folderStructure = false;
  const i18n: NonNullable<MkdocsConfigText['i18n']> = { locales: [] };
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*(?:#.*)?$/.test(line)) continue;
    const key = /^([A-Za-z_]+):(.*)$/.exec(line);
    if (key) {
      top = key[1]!;
      const v = value(key[2]!);
      if (top === 'docs_dir' && v) out.docsDir = v;
      if (top === 'INHERIT' && v) out.inherit = v;
      if (top === 'site_name' && v) out.siteName = true;
      // A flow list on the key's line: `plugins: [search, mkdocstrings]`, `markdown_extensions: [attr_list]`.
      const flow = /^\[(.*)\]$/.exec(v)?.[1]?.split(',').map(unquoted);
      if (flow && top === 'plugins' && flow.some((n) => AUTOREFS_PLUGINS.has(n))) out.autorefs = true;
      if (flow && top === 'markdown_extensions' && flow.some((n) => ATTR_LIST_EXTENSIONS.has(n))) out.attrList = true;
      if (flow && top === 'markdown_extensions' && flow.includes('pymdownx.snippets')) out.snippets ??= [];
      extIndent = -1;
      themeIndent = -1;
      pluginIndent = -1;
      currentPlugin = '';
      continue;
    }
    const indent = /^[ \t]*/.exec(line)![0].length;
    if (top === 'plugins') {
      // A plugin: `  - name`, `  - name:` (a list) or `  name:` (a mapping), at the block's first indentation.
      const plugin = /^[ \t]*(-[ \t]*)?([\w./-]+)[ \t]*(?::(.*))?$/.exec(line);
      if (pluginIndent < 0 && plugin) pluginIndent = indent;
      if (indent === pluginIndent && plugin) {
        currentPlugin = plugin[2]!;
        if (AUTOREFS_PLUGINS.has(currentPlugin)) out.autorefs = true;
      } else if (indent > pluginIndent && currentPlugin === 'i18n') {
        // mkdocs-static-i18n's options: `docs_structure: folder`, `fallback_to_default: false`, and its `languages`
        // list (`- locale: ja`, a `default: true` below the locale it marks).
        const option = /^[ \t]*(-[ \t]*)?(docs_structure|fallback_to_default|locale|default):[ \t]*(.*)$/.exec(line);
        const v = option ? value(option[3]!) : '';
        if (option?.[2] === 'docs_structure') folderStructure = v === 'folder';
        else if (option?.[2] === 'fallback_to_default' && /^(?:false|False|FALSE)$/.test(v)) i18n.noFallback = true;
        else if (option?.[2] === 'locale' && option[1] && v) i18n.locales.push(v);
        else if (option?.[2] === 'default' && /^(?:true|True|TRUE)$/.test(v) && i18n.locales.length) i18n.default = i18n.locales[i18n.locales.length - 1];
      }
      continue;
    }
    if (top === 'theme') {
      if (themeIndent < 0) themeIndent = indent;
      const m = indent === themeIndent ? /^\s*language:(.*)$/.exec(line) : null;
      if (m && value(m[1]!)) out.language = value(m[1]!);
    }
    if (top !== 'markdown_extensions') continue;
    // An extension: `  - name` / `  - name:` (a list) or `  name:` (a mapping), at the block's first indentation.
    const item = /^[ \t]*(-[ \t]*)?([\w.-]+)[ \t]*(?::(.*))?$/.exec(line);
    if (extIndent < 0 && item) extIndent = indent;
    if (indent === extIndent && item) {
      ext = item[2]!;
      if (ext === 'toc' || ext === 'markdown.extensions.toc') toc = true;
      if (ATTR_LIST_EXTENSIONS.has(ext)) out.attrList = true;
      if (ext === 'pymdownx.snippets') out.snippets ??= [];
      if (GENERATOR_EXTENSIONS.has(ext)) (out.generators ??= []).push(ext.replace(/_/g, '-'));
      continue;
    }
    // pymdownx.snippets' `base_path` and `auto_append`: one path, a flow list (`[".", "docs/src"]`) or a block list below it.
    if (ext === 'pymdownx.snippets') {
      const option = /^[ \t]*(base_path|auto_append):[ \t]*(.*)$/.exec(line);
      if (option) {
        const v = withoutLineComment(option[2]!).trim();
        const list = /^\[(.*)\]$/.exec(v);
        snippetOption = option[1] as 'base_path' | 'auto_append';
        snippetBaseIndent = v === '' ? indent : -1;
        const values = v === '' ? [] : (list ? list[1]!.split(',') : [v]).map(unquoted).filter(Boolean);
        if (snippetOption === 'base_path') out.snippets = values;
        else out.autoAppend = values;
        continue;
      }
      const item = snippetBaseIndent >= 0 && indent > snippetBaseIndent ? /^[ \t]*-[ \t]+(.+)$/.exec(line) : null;
      if (item) {
        if (snippetOption === 'base_path') (out.snippets ??= []).push(value(item[1]!));
        else (out.autoAppend ??= []).push(value(item[1]!));
        continue;
      }
      snippetBaseIndent = -1;
    }
    const slug = /^[ \t]*slugify:(.*)$/.exec(line);
    if (slug && (ext === 'toc' || ext === 'markdown.extensions.toc')) {
      tocSlugify = value(slug[1]!);
      slugIndent = indent;
    }
    // `slugify: !!python/object/apply:pymdownx.slugs.slugify` with its `kwds:` on the lines below it, indented deeper.
    else if (tocSlugify !== undefined && indent > slugIndent && (ext === 'toc' || ext === 'markdown.extensions.toc')) tocSlugify += ` ${value(line)}`;
    else slugIndent = Infinity;
  }
  if (tocSlugify !== undefined) out.slugify = slugifyKind(tocSlugify);
  else if (toc) out.slugify = 'toc';
  if (folderStructure && i18n.locales.length) out.i18n = i18n;
  return out;
}

/**
 * The keys of a Zensical config (`zensical.toml`, MkDocs's settings under `[project]`) the tool reads: `docs_dir` and
 * `site_name`, the `[project.markdown_extensions.<name>]` tables (none at all: Zensical's default set, which enables
 * attr_list and toc) and `[project.plugins.<name>]` (mkdocstrings). A toc `slugify` written in TOML is not known.
 */
function readZensicalConfig(text: string): MkdocsConfigText {
  const out: MkdocsConfigText = {};
  let table = '';
  let extensions = false;
  for (const line of text.split(/\r?\n/)) {
    const header = /^[ \t]*\[(\[)?([^\]]*)\]/.exec(line);
    if (header) {
      table = header[1] ? '' : header[2]!.trim().replace(/["']/g, '');
      const ext = /^project\.markdown_extensions\.(.+)$/.exec(table)?.[1];
      if (ext !== undefined) {
        extensions = true;
        if (ATTR_LIST_EXTENSIONS.has(ext)) out.attrList = true;
        if (ext === 'pymdownx.snippets') out.snippets ??= [];
      }
      const plugin = /^project\.plugins\.([\w-]+)/.exec(table)?.[1];
      if (plugin !== undefined && AUTOREFS_PLUGINS.has(plugin)) out.autorefs = true;
      continue;
    }
    const key = /^[ \t]*([\w-]+)[ \t]*=[ \t]*(.*)$/.exec(line);
    if (!key) continue;
    const value = /^(["'])(.*?)\1/.exec(key[2]!.trim())?.[2];
    if (table === 'project' && key[1] === 'docs_dir' && value) out.docsDir = value;
    if (table === 'project' && key[1] === 'site_name' && value) out.siteName = true;
    if (table === 'project.markdown_extensions.toc' && key[1] === 'slugify') out.slugify = 'unknown';
    if (table === 'project.markdown_extensions.pymdownx.snippets' && (key[1] === 'base_path' || key[1] === 'auto_append')) {
      const list = /^\[(.*)\]/.exec(key[2]!.trim());
      const values = (list ? list[1]!.split(',') : [key[2]!]).map(unquoted).filter(Boolean);
      if (key[1] === 'base_path') out.snippets = values;
      else out.autoAppend = values;
    }
  }
  if (!extensions) out.attrList = true;
  return out;
}

/**
 * The heading ids a `toc: slugify:` gives, by the function it names: Python-Markdown's own (`toc.slugify`, the default;
 * `toc.slugify_unicode`), pymdownx's Unicode one (`pymdownx.slugs.uslugify`, or `pymdownx.slugs.slugify` with only
 * `case: lower`); anything else is unknown.
 */
function slugifyKind(given: string): MkdocsSite['slugify'] {
  const v = given.replace(/\s+/g, ' ').replace(/ ''$/, '').trim();
  if (/^!!python\/name:markdown\.extensions\.toc\.slugify$/.test(v)) return 'toc';
  if (/^!!python\/name:markdown\.extensions\.toc\.slugify_unicode$/.test(v)) return 'toc-unicode';
  if (/^!!python\/name:pymdownx\.slugs\.uslugify$/.test(v)) return 'uslugify';
  if (/^!!python\/object\/apply:pymdownx\.slugs\.slugify kwds: case: lower$/.test(v)) return 'uslugify';
  return 'unknown';
}

/** A workspace-relative path whose every folder is a real folder and whose last part is a regular file (no symlink anywhere). */
function regularFileInside(root: string, rel: string): boolean {
  const parts = rel.split('/');
  for (let i = 1; i < parts.length; i++) if (!isRealFolder(path.join(root, ...parts.slice(0, i)))) return false;
  return isRegularFile(path.join(root, ...parts));
}

/** The text of a workspace-relative file that is a regular file with no symlink on its path (regularFileInside), as the walk reads files; undefined otherwise. */
function textInside(root: string, rel: string): string | undefined {
  if (!regularFileInside(root, rel)) return undefined;
  const read = readTextFileSync(path.join(root, ...rel.split('/')));
  return 'text' in read ? read.text : undefined;
}

/** The workspace-relative paths of the MkDocs configs up to MKDOCS_DEPTH below the folder (`mkdocs.yml`, `docs/mkdocs.yml`). */
function mkdocsConfigFiles(root: string): string[] {
  return configFilesBelow(root, [MKDOCS_CONFIG_FILES])[0]!;
}

const MKDOCS_CONFIG_FILES: readonly (string | RegExp)[] = ['mkdocs.yml', 'mkdocs.yaml', 'zensical.toml', /^mkdocs[-_.][\w.-]*\.ya?ml$/];
/**
 * A config MkDocs builds only when named (`mkdocs build -f mkdocs-online.yml`; Textualize/textual keeps its settings in
 * `mkdocs-common.yml`, which `mkdocs-online.yml` INHERITs): taken when the folder has no `mkdocs.yml`, and only when it
 * or what it INHERITs names the site (`site_name`, which MkDocs requires).
 */
const MKDOCS_NAMED_CONFIG = /^mkdocs[-_.][\w.-]*\.ya?ml$/;

const VUEPRESS_CONFIGS = ['config.js', 'config.ts', 'config.mjs', 'config.mts', 'config.cjs', 'config.cts'];

/**
 * The VuePress sites among the folders that hold a `.vuepress` folder [^sw31v]: the folder whose `.vuepress/config.*` (a
 * regular file, VuePress 1 or 2) names no `slugify` (a function of the site's own: its ids are not known) and does not
 * write `anchor: false`. Its pages get the heading ids VuePress's own slugify gives (vuepressHeadingIds).
 */
function vuepressSites(root: string, folders: readonly string[]): string[] {
  const out: string[] = [];
  for (const dir of folders) {
    const base = dir ? `${dir}/.vuepress` : '.vuepress';
    const config = VUEPRESS_CONFIGS.find((f) => isRegularFile(path.join(root, ...base.split('/'), f)));
    if (!config) continue;
    const read = readTextFileSync(path.join(root, ...base.split('/'), config));
    if (!('text' in read) || /slugify/i.test(read.text) || /\banchor\s*:\s*false\b/.test(read.text)) continue;
    out.push(dir);
  }
  return out;
}

/** Zola's config files, in the order Zola looks for them (zola.toml, then config.toml). */
const ZOLA_CONFIG_FILES = ['zola.toml', 'config.toml'];

/**
 * The Zola sites among the folders (up to three down) that hold a `zola.toml` or `config.toml` [^tr34z]: the folder
 * whose config (`zola.toml` when it is a regular file, else `config.toml`, as Zola looks for them; read as mkdocs.yml
 * is) sets the top-level `base_url` Zola requires (Hugo writes `baseURL`), with a real `content/` folder beside it (the
 * folder Zola reads pages from; it has no setting). `[slugify] anchors` (`on`, the default, `safe`, `off`) says how its
 * headings get their ids; another value is not Zola's (it refuses the config): no site.
 */
function zolaSites(root: string, configs: readonly string[]): ZolaSite[] {
  const out: ZolaSite[] = [];
  for (const found of configs) {
    const slash = found.lastIndexOf('/');
    const dir = slash < 0 ? '' : found.slice(0, slash);
    const at = (name: string): string => (dir ? `${dir}/${name}` : name);
    const config = ZOLA_CONFIG_FILES.map(at).find((f) => regularFileInside(root, f));
    const text = config === undefined ? undefined : textInside(root, config);
    if (text === undefined) continue;
    const keys = configKeys(text, 'toml');
    if (!keys.get('base_url')) continue;
    const content = at('content');
    if (!isRealFolder(path.join(root, ...content.split('/')))) continue;
    const anchors = keys.get('slugify.anchors') ?? 'on';
    if (anchors === 'on' || anchors === 'safe' || anchors === 'off') out.push({ content, anchors });
  }
  return out;
}

const DOCFX_CONFIG_FILES = ['docfx.json'];

/**
 * The DocFX projects of the folder [^tr36d]: the folder of each `docfx.json` (in it or up to three folders down, read as
 * every workspace file is: a regular file with no symlink on its path, a size cap) whose JSON is an object with a
 * `build` object, the section `docfx build` reads ("The docfx.json file indicates that the directory is the root of a
 * docfx project"; DocFX's config reference). A `docfx.json` with only `metadata` builds no pages.
 */
function docfxProjects(root: string, configs: readonly string[]): string[] {
  const out: string[] = [];
  for (const found of configs) {
    const text = textInside(root, found);
    if (text === undefined) continue;
    let json: unknown;
    try {
      json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    } catch {
      continue;
    }
    const build = json !== null && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>).build : undefined;
    if (build === null || typeof build !== 'object' || Array.isArray(build)) continue;
    const slash = found.lastIndexOf('/');
    out.push(slash < 0 ? '' : found.slice(0, slash));
  }
  return out;
}

/**
 * For each group of names, the workspace-relative paths of the files of those names (the first in name order a folder
 * holds) in the folder or up to MKDOCS_DEPTH below it: one listing of at most MKDOCS_FOLDERS folders for all groups
 * (hidden folders and node_modules not entered).
 */
function configFilesBelow(root: string, groups: readonly (readonly (string | RegExp)[])[], vuepress?: string[], obsidian?: string[]): string[][] {
  const found: string[][] = groups.map(() => []);
  let listed = 0;
  let level = [''];
  for (let depth = 0; depth <= MKDOCS_DEPTH && level.length; depth++) {
    const next: string[] = [];
    for (const dir of level) {
      if (listed++ >= MKDOCS_FOLDERS) return found;
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(path.join(root, dir), { withFileTypes: true });
      } catch {
        continue;
      }
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      groups.forEach((names, g) => {
        // A name the group lists, else the first name one of its patterns matches.
        const config = entries.find((e) => e.isFile() && names.includes(e.name)) ?? entries.find((e) => e.isFile() && names.some((n) => typeof n !== 'string' && n.test(e.name)));
        if (config) found[g]!.push(dir ? `${dir}/${config.name}` : config.name);
      });
      // (A folder with a `.vuepress` folder, not a symlink: a VuePress site's source folder, if its config is there.)
      if (vuepress && entries.some((e) => e.isDirectory() && e.name === '.vuepress')) vuepress.push(dir);
      // (A folder with a `.obsidian` folder, not a symlink: an Obsidian vault [^tr35o].)
      if (obsidian && entries.some((e) => e.isDirectory() && e.name === '.obsidian')) obsidian.push(dir);
      if (depth < MKDOCS_DEPTH) for (const e of entries) if (e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules') next.push(dir ? `${dir}/${e.name}` : e.name);
    }
    level = next;
  }
  return found;
}

/**
 * The MkDocs sites of the folder [^sc5p]: each `mkdocs.yml` (or `.yaml`) of the folder or of a folder up to three levels
 * down (fastapi/fastapi keeps one per language, `docs/en/mkdocs.yml`), its pages the `docs_dir` relative to the
 * config's folder (`docs` by default); a config that names none takes the one of the config it `INHERIT`s (followed
 * inside the workspace only, never through a symlink, at most 8 deep). Each file is read as every workspace file is
 * (no symlink, a size cap). A config of a language folder (`docs/en/mkdocs.yml` whose `theme: language:` is `en`) stands
 * for its sibling language folders too (`docs/de/`, `docs/pt/`), which the build stages from it: each one with a
 * `docs_dir` of its own (`docs/de/docs`) is a site, whose missing pages are the default language's (`fallback`), as is a
 * sibling's own config that INHERITs it. `slugify`: the heading ids of the site's `toc` (see readMkdocsConfig).
 */
export function mkdocsSites(root: string, configs = mkdocsConfigFiles(root)): MkdocsSite[] {
  const texts = new Map<string, MkdocsConfigText | undefined>();
  const configOf = (rel: string): MkdocsConfigText | undefined => {
    if (!texts.has(rel)) {
      const text = textInside(root, rel);
      texts.set(rel, text === undefined ? undefined : rel.endsWith('.toml') ? readZensicalConfig(text) : readMkdocsConfig(text));
    }
    return texts.get(rel);
  };
  /** A path a config names, relative to the config's folder, as a workspace path; undefined when it leaves the workspace. */
  const under = (dir: string, given: string): string | undefined => {
    if (given.startsWith('/') || given.includes('\\') || /[*?[\]{}]/.test(given)) return undefined;
    const p = path.posix.normalize(path.posix.join(dir || '.', given)).replace(/\/+$/, '');
    return p === '..' || p.startsWith('../') ? undefined : p === '.' ? '' : p;
  };
  /** The config with what it INHERITs (its own keys win), and the chain of files read. */
  const resolved = (rel: string): { config: MkdocsConfigText; chain: string[] } | undefined => {
    const chain: string[] = [];
    let merged: MkdocsConfigText | undefined;
    for (let at: string | undefined = rel; at !== undefined && chain.length < 8 && !chain.includes(at); ) {
      const own = configOf(at);
      if (!own) break;
      chain.push(at);
      merged = { ...own, ...merged };
      at = own.inherit ? under(path.posix.dirname(at) === '.' ? '' : path.posix.dirname(at), own.inherit) : undefined;
    }
    return merged ? { config: merged, chain } : undefined;
  };
  const sites = new Map<string, MkdocsSite>();
  const configDirs = new Set(configs.map((c) => (c.includes('/') ? c.slice(0, c.lastIndexOf('/')) : '')));
  const add = (site: MkdocsSite): void => {
    if (!sites.has(site.docs)) sites.set(site.docs, site);
  };
  for (const file of configs) {
    const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
    const got = resolved(file);
    if (!got) continue;
    const { config, chain } = got;
    if (MKDOCS_NAMED_CONFIG.test(file.slice(file.lastIndexOf('/') + 1)) && !config.siteName) continue;
    const docsRel = config.docsDir?.replace(/^\.\//, '').replace(/\/+$/, '');
    const docs = (docsRel && under(dir, docsRel)) ?? under(dir, 'docs')!;
    const slugify = config.slugify ?? 'toc';
    // A config of a language folder that INHERITs the config of a sibling language folder (`docs/hi/mkdocs.yml`:
    // `INHERIT: ../en/mkdocs.yml`): that language's pages fill in its missing ones.
    const parentOf = (d: string): string => (d.includes('/') ? d.slice(0, d.lastIndexOf('/')) : '');
    const parent = parentOf(dir);
    const name = dir.slice(dir.lastIndexOf('/') + 1);
    const baseDir = chain[1] !== undefined ? parentOf(chain[1]) : undefined;
    const relDocs = docs.startsWith(`${dir}/`) ? docs.slice(dir.length + 1) : undefined;
    const sibling = dir !== '' && baseDir !== undefined && baseDir !== dir && baseDir !== '' && parentOf(baseDir) === parent && LANGUAGE_FOLDER.test(name) && LANGUAGE_FOLDER.test(baseDir.slice(baseDir.lastIndexOf('/') + 1));
    // pymdownx.snippets' base paths, relative to the folder MkDocs runs in (the config's); one outside the workspace is dropped.
    const snippetBases = config.snippets && [...new Set((config.snippets.length ? config.snippets : ['.']).map((b) => under(dir, b.replace(/\/+$/, '') || '.')).filter((b): b is string => b !== undefined))];
    // The link reference definitions of the files pymdownx.snippets appends to every page (`auto_append`), each looked
    // for in the base paths and read as the config is (at most 16 files).
    const appended: string[] = [];
    for (const name of snippetBases ? (config.autoAppend ?? []).slice(0, 16) : []) {
      for (const base of snippetBases!) {
        const rel = under(base, name);
        const text = rel === undefined ? undefined : textInside(root, rel);
        if (text === undefined) continue;
        for (const m of text.matchAll(/^ {0,3}\[([^\]\n^][^\]\n]*)\]:/gm)) appended.push(normalLinkLabel(m[1]!));
        break;
      }
    }
    const flags = { ...(config.attrList ? { attrList: true as const } : {}), ...(config.autorefs ? { autorefs: true as const } : {}), ...(snippetBases ? { snippets: snippetBases } : {}), ...(config.generators ? { generators: config.generators } : {}), ...(appended.length ? { appendedLabels: [...new Set(appended)] } : {}) };
    add({ docs, slugify, ...(sibling && relDocs !== undefined ? { fallback: `${baseDir}/${relDocs}` } : {}), ...flags });
    // mkdocs-static-i18n's folder structure (`docs/ja/`, `docs/ko/` beside the default language's pages): each other
    // locale's folder is a site whose missing pages are the default locale's (its folder, else the docs folder's own
    // pages), unless `fallback_to_default: false`.
    if (config.i18n && !config.i18n.noFallback) {
      const within = (d: string, name: string): string => (d ? `${d}/${name}` : name);
      const fallbackDefault = config.i18n.default;
      const defaultDocs = fallbackDefault && isRealFolder(path.join(root, within(docs, fallbackDefault))) ? within(docs, fallbackDefault) : docs;
      for (const locale of config.i18n.locales) {
        const folder = within(docs, locale);
        if (locale === fallbackDefault || !/^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?$/.test(locale) || !isRealFolder(path.join(root, folder))) continue;
        add({ docs: folder, slugify, fallback: defaultDocs, ...flags });
      }
    }
    // The default language's config (a language folder named by its own `theme: language:`, inheriting no sibling's):
    // the sibling language folders without a config of their own are staged from it.
    if (sibling || dir === '' || !LANGUAGE_FOLDER.test(name) || config.language !== name || relDocs === undefined) continue;
    let entries: fs.Dirent[] = [];
    try {
      entries = fs.readdirSync(path.join(root, parent), { withFileTypes: true });
    } catch {
      // none
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const other = parent ? `${parent}/${e.name}` : e.name;
      if (e.name === name || !e.isDirectory() || !LANGUAGE_FOLDER.test(e.name) || configDirs.has(other)) continue;
      const otherDocs = `${other}/${relDocs}`;
      if (isRealFolder(path.join(root, other)) && relDocs.split('/').every((_, i, parts) => isRealFolder(path.join(root, other, ...parts.slice(0, i + 1))))) add({ docs: otherDocs, slugify, fallback: docs, ...flags });
    }
  }
  return [...sites.values()];
}

/** A Docusaurus site's config file, as Docusaurus looks for one in the site folder. */
const DOCUSAURUS_CONFIG_FILES = ['docusaurus.config.js', 'docusaurus.config.ts', 'docusaurus.config.mjs', 'docusaurus.config.cjs', 'docusaurus.config.mts', 'docusaurus.config.cts'];

/** A Docusaurus site found: its docs folder undefined when its config names one the tool cannot read (a computed path) or turns the docs off. */
export type FoundDocusaurusSite = Omit<DocusaurusSite, 'docs'> & { docs?: string };

/**
 * The Docusaurus sites of the folder [^ln9d]: each `docusaurus.config.*` of the folder or of a folder up to three levels
 * down (facebookresearch/hydra keeps its site in `website/`), with its docs folder (the classic preset's `docs: { path }`
 * when it is a literal string inside the workspace, `docs` when it names none) and the versions its `versions.json`
 * lists; then each other docs plugin instance its `plugins` list gives with literal options (`['content-docs', { id:
 * 'community', path: 'community' }]`), with its id and the versions its `<id>_versions.json` lists; each with the
 * `exclude` globs its options give. Read as every workspace file is: regular files, never through a symlink, size-capped.
 */
export function docusaurusSites(root: string, configs = configFilesBelow(root, [DOCUSAURUS_CONFIG_FILES])[0]!): FoundDocusaurusSite[] {
  const sites: FoundDocusaurusSite[] = [];
  for (const file of configs) {
    const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
    // A config that cannot be read is still a site (its docs/ and blog/ are pages), whose docs folder is not known.
    const raw = textInside(root, file);
    // (a commented-out option or plugin is not read)
    const text = raw !== undefined ? withoutComments(raw) : undefined;
    const instances = text !== undefined ? docusaurusDocsInstances(text) : [];
    const preset = text !== undefined ? docusaurusPresetDocs(text) : undefined;
    // The default instance: the preset's docs, else a plugin instance whose id is `default` (or none), else `docs`.
    // (with the preset's docs turned off too: `docs: false` and a `default` instance in plugins)
    const own = preset === 'none' || preset === 'off' ? instances.find((i) => i.id === undefined) : undefined;
    const given = preset === undefined ? undefined : preset === 'none' || preset === 'off' ? (own ? own.path : preset === 'none' ? 'docs' : undefined) : preset.path;
    const exclude = preset !== undefined && preset !== 'none' && preset !== 'off' ? preset.exclude : own?.exclude;
    const docs = given === undefined ? undefined : docusaurusDocsFolder(dir, given);
    // `markdown: { format: 'detect' }` or `'md'`: Docusaurus reads a `.md` page as CommonMark, not MDX [^ln9x].
    const commonMark = text !== undefined && /\bformat\s*:\s*['"](?:detect|md)['"]/.test(text);
    const extra = commonMark ? { commonMark: true as const } : {};
    sites.push({ dir, ...(docs !== undefined ? { docs } : {}), versions: docusaurusVersions(root, dir, undefined), ...(docs !== undefined && exclude ? { exclude } : {}), ...extra });
    const ids = new Set<string>();
    for (const i of instances) {
      if (i.id === undefined || ids.has(i.id) || i.path === undefined) continue;
      ids.add(i.id);
      const folder = docusaurusDocsFolder(dir, i.path);
      if (folder === undefined) continue;
      sites.push({ dir, docs: folder, versions: docusaurusVersions(root, dir, i.id), id: i.id, ...(i.exclude ? { exclude: i.exclude } : {}), ...extra });
    }
  }
  return sites;
}

/** The versions a docs plugin's versions file lists (`versions.json`, `<id>_versions.json` for another instance). */
function docusaurusVersions(root: string, dir: string, id: string | undefined): string[] {
  const name = id !== undefined ? `${id}_versions.json` : 'versions.json';
  const json = textInside(root, dir ? `${dir}/${name}` : name);
  if (json === undefined) return [];
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x !== '' && !x.includes('/') && x !== '..') : [];
  } catch {
    // Not JSON: no versions.
    return [];
  }
}

/**
 * The workspace-relative docs folder of the Docusaurus site in `dir` whose config names `given` (relative to the site
 * folder, as Docusaurus resolves it): a folder beside the site folder too (facebook/react-native-website: `website/`,
 * `path: '../docs'`), resolved lexically (as MkDocs' `docs_dir` is; the walk reads what a symlink names only inside
 * the workspace). Undefined for a folder outside the workspace, an absolute path, a glob or a backslash, and for the
 * site folder's parent or a folder above it (the docs would hold the site folder itself: its blog and versions).
 */
function docusaurusDocsFolder(dir: string, given: string): string | undefined {
  if (given.startsWith('/') || given.includes('\\') || /[*?[\]{}]/.test(given)) return undefined;
  const p = path.posix.normalize(path.posix.join(dir || '.', given)).replace(/\/+$/, '');
  if (p === '..' || p.startsWith('../')) return undefined;
  const docs = p === '.' ? '' : p;
  // Inside the site folder (the folder itself included), or beside it: never the folder holding it.
  if (docs !== dir && (docs === '' || `${dir}/`.startsWith(`${docs}/`))) return undefined;
  return docs;
}

/** What a docs plugin's options say: its folder (undefined when not a literal), its `exclude` globs (`[]` when not literal). */
interface DocusaurusDocsOptions {
  path: string | undefined;
  exclude?: string[];
}

/**
 * The docs options a Docusaurus config gives its classic preset: the first `docs: { … }` object after `presets` (a
 * key at the object's own level, quoted or not, a literal string): its `path` (`docs` when it names none, undefined when
 * not a literal) and `exclude`; `'off'` when the docs are turned off (`docs: false`); `'none'` when there is no such
 * object.
 */
function docusaurusPresetDocs(text: string): DocusaurusDocsOptions | 'off' | 'none' {
  const presets = text.search(/\bpresets\b/);
  const key = /(?<=^|[\s{,])["']?docs["']?\s*:\s*(\{|false\b)/g;
  key.lastIndex = presets < 0 ? 0 : presets;
  const m = key.exec(text);
  if (!m) return 'none';
  if (m[1] === 'false') return 'off';
  const open = m.index + m[0].length - 1;
  // (its `path` as the tool always read it: the object's own key, a spread not looked into)
  const entries = objectEntries(text, open);
  const given = entries ? entries.find(([k]) => k === 'path')?.[1] : undefined;
  return { path: entries && given === undefined ? 'docs' : given !== undefined ? literalString(given) : undefined, ...excludeOption(objectOptions(text, open)) };
}

/**
 * The docs plugin instances a Docusaurus config lists in `plugins` with an options object written in it:
 * `['@docusaurus/plugin-content-docs', { … }]`, the short names `'content-docs'` and `'@docusaurus/content-docs'`,
 * `require.resolve('…')` of one, the object in parentheses too (`({ … })`). Each with its `id` (undefined for the
 * default instance; an id not a literal string skips the instance), its `path` (`docs` when none, undefined when
 * not a literal) and `exclude`, read through a spread of a `const` object of the config (objectOptions).
 */
function docusaurusDocsInstances(text: string): { id: string | undefined; path: string | undefined; exclude?: string[] }[] {
  const out: { id: string | undefined; path: string | undefined; exclude?: string[] }[] = [];
  const plugin = /\[\s*(?:require\.resolve\(\s*)?(["'])(?:@docusaurus\/plugin-content-docs|@docusaurus\/content-docs|content-docs)\1\s*\)?\s*,\s*\(?\s*\{/g;
  for (let m = plugin.exec(text); m; m = plugin.exec(text)) {
    const option = objectOptions(text, m.index + m[0].length - 1);
    const id = option('id');
    const literalId = id === undefined ? 'default' : id === null ? undefined : literalString(id);
    if (literalId === undefined || !/^[\w-]+$/.test(literalId)) continue;
    const given = option('path');
    out.push({ id: literalId === 'default' ? undefined : literalId, path: given === undefined ? 'docs' : given === null ? undefined : literalString(given), ...excludeOption(option) });
  }
  return out;
}

/** A docs plugin's `exclude` option: absent when it names none (Docusaurus's defaults), `[]` when not a literal list. */
function excludeOption(option: (key: string) => OptionText): { exclude?: string[] } {
  const given = option('exclude');
  if (given === undefined) return {};
  return { exclude: (given !== null ? literalStrings(given) : undefined) ?? [] };
}

/** A literal string (quoted, no `${}`), trimmed, or undefined. */
function literalString(value: string): string | undefined {
  const m = /^(["'`])([^"'`\r\n$]+)\1$/.exec(value.trim());
  return m ? m[2]!.trim() : undefined;
}

/** A literal array of literal strings (`['**\/*.partial.mdx']`), or undefined. */
function literalStrings(value: string): string[] | undefined {
  const m = /^\[([\s\S]*)\]$/.exec(value.trim());
  if (!m) return undefined;
  const out: string[] = [];
  const item = /\s*(["'`])([^"'`\r\n$\\]+)\1\s*(?:,|$)/y;
  let at = 0;
  const list = m[1]!;
  while (at < list.length && list.slice(at).trim() !== '') {
    item.lastIndex = at;
    const i = item.exec(list);
    if (!i) return undefined;
    out.push(i[2]!);
    at = item.lastIndex;
  }
  return out;
}

/** An option an object literal gives: its value's text, undefined when it sets none, null when not known (a spread the tool cannot read may set it). */
type OptionText = string | undefined | null;

/**
 * The options of the object literal whose `{` is at `open`, a spread (`...common`) read through a `const common = { … }`
 * of the same text (once, not through another spread): a key set after a spread the tool cannot read is known, any
 * other key is not.
 */
function objectOptions(text: string, open: number): (key: string) => OptionText {
  const known = new Map<string, string | null>();
  let rest = false;
  const apply = (entries: [string, string][], nested: boolean): void => {
    for (const [k, v] of entries) {
      if (k !== '...') {
        known.set(k, v);
        continue;
      }
      const name = /^\.\.\.\s*([A-Za-z_$][\w$]*)$/.exec(v)?.[1];
      const decl = name && !nested ? new RegExp(`\\b(?:const|let|var)\\s+${name.replace(/\$/g, '\\$')}\\s*(?::[^=;]*)?=\\s*\\{`).exec(text) : null;
      const declared = decl ? objectEntries(text, decl.index + decl[0].length - 1) : undefined;
      if (declared) {
        apply(declared, true);
        continue;
      }
      // Not known: it may set any key, those set before it too.
      rest = true;
      for (const key of known.keys()) known.set(key, null);
    }
  };
  const own = objectEntries(text, open);
  if (!own) return () => null;
  apply(own, false);
  return (key) => (known.has(key) ? known.get(key)! : rest ? null : undefined);
}

/**
 * The entries at the own level of the object literal whose `{` is at `open`, in order: each key (quoted or not) with
 * the text of its value, trimmed; a spread as the key `...` with its text (`...common`). Strings and nested brackets
 * are skipped over. Undefined for an object the text does not close.
 */
function objectEntries(text: string, open: number): [string, string][] | undefined {
  const out: [string, string][] = [];
  let depth = 0;
  let start = open + 1;
  const entry = (end: number): void => {
    const e = text.slice(start, end);
    const kv = /^\s*(["']?)([A-Za-z_$][\w$-]*)\1\s*:([\s\S]*)$/.exec(e);
    if (kv) out.push([kv[2]!, kv[3]!.trim()]);
    else if (/^\s*\.\.\./.test(e)) out.push(['...', e.trim()]);
    start = end + 1;
  };
  for (let i = open; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"' || c === "'" || c === '`') {
      i = stringEnd(text, i);
      continue;
    }
    if (c === '{' || c === '[' || c === '(') depth++;
    else if (c === '}' || c === ']' || c === ')') {
      depth--;
      if (depth === 0) {
        entry(i);
        return out;
      }
    } else if (c === ',' && depth === 1) entry(i);
  }
  // Not closed: not read.
  return undefined;
}

/**
 * Where the JavaScript string literal opened by the quote at `open` ends: its closing quote (a backslash escapes the
 * next character), the end of its line for `'` and `"` that do not close there, or the text's end.
 */
function stringEnd(text: string, open: number): number {
  const quote = text[open]!;
  let j = open + 1;
  while (j < text.length && text[j] !== quote && (quote === '`' || text[j] !== '\n')) j += text[j] === '\\' ? 2 : 1;
  return j;
}

/** A config's JavaScript text with its comments blanked (strings kept as they are). */
function withoutComments(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"' || c === "'" || c === '`') {
      i = stringEnd(text, i);
      continue;
    }
    if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) {
      const end = text[i + 1] === '/' ? text.indexOf('\n', i) : text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : text[i + 1] === '/' ? end : end + 2;
      out += `${text.slice(from, i)} `;
      from = stop;
      i = stop - 1;
    }
  }
  return out + text.slice(from);
}

/** A Hugo site's config file at the folder's root (siteScopes finds a Hugo site by it). */
const HUGO_CONFIG_FILES = ['hugo.toml', 'hugo.yaml', 'hugo.yml', 'hugo.json'];
/** The formats Hugo reads a config file in, in its order. */
const HUGO_CONFIG_EXTS = ['toml', 'yaml', 'yml', 'json'];
/**
 * The names of the files of a Hugo configuration directory (`config/_default/`) that make the folder a Hugo site: the
 * site's own config (`hugo.*`, `config.*`) or a file of one of Hugo's root keys (`params.toml`, `markup.yaml`,
 * `module.toml`, `menus.en.toml`, `languages.toml`).
 */
const HUGO_DIR_NAMES = new Set(['hugo', 'config', 'params', 'markup', 'module', 'menus', 'menu', 'languages']);
/** At most this many files of `config/_default/` are looked at. */
const HUGO_DIR_FILES = 200;

/**
 * Where a Hugo site of the folder is configured: `main`, its config file at the root (`hugo.*`, else `config.*` when the
 * configuration directory makes it a site), and `dir`, the files of `config/_default/` Hugo merges over it, in
 * Hugo's order (by name), each with the root key it holds (`''` for `hugo.*`/`config.*`: the whole config; `markup`
 * for `markup.toml`; a language's file, `menus.en.toml`, holds none read here). Undefined when the folder is no Hugo
 * site: no root `hugo.*`, no `config/_default/` with a file of the site's config or of one of its root keys, and no
 * root `config.*` with Hugo's marks beside it (hugoLegacyConfig).
 * Regular files of the folder itself only, never through a symlink (config/_default/ itself a real folder).
 */
function hugoConfigFiles(root: string): { main?: string; dir: { file: string; key: string }[] } | undefined {
  const at = (name: string): boolean => isRegularFile(path.join(root, name));
  const dir: { file: string; key: string }[] = [];
  let marked = false;
  // Hugo walks the folder and the folders in it (`config/_default/module/module.yaml`), each in name order; a file's
  // name alone says what it holds.
  let budget = HUGO_DIR_FILES;
  const walk = (rel: string, depth: number): void => {
    let names: string[];
    try {
      names = fs.readdirSync(path.join(root, rel)).sort();
    } catch {
      return;
    }
    for (const name of names) {
      if (budget-- <= 0) return;
      const file = `${rel}/${name}`;
      if (isRealFolder(path.join(root, file))) {
        if (depth < 3) walk(file, depth + 1);
        continue;
      }
      const parts = name.split('.');
      if (parts.length < 2 || !HUGO_CONFIG_EXTS.includes(parts[parts.length - 1]!) || !at(file)) continue;
      const base = parts[0]!.toLowerCase();
      if (HUGO_DIR_NAMES.has(base)) marked = true;
      // `params.en.toml`: a language's part of a key (not read here).
      dir.push({ file, key: parts.length > 2 ? '\u0000' : base === 'hugo' || base === 'config' ? '' : base });
    }
  };
  if (isRealFolder(path.join(root, 'config')) && isRealFolder(path.join(root, 'config/_default'))) walk('config/_default', 0);
  const main = HUGO_CONFIG_FILES.find(at) ?? (marked ? HUGO_CONFIG_EXTS.map((e) => `config.${e}`).find(at) : hugoLegacyConfig(root));
  if (!main && !marked) return undefined;
  return { ...(main ? { main } : {}), dir: marked ? dir : [] };
}

/**
 * A root `config.toml|yaml|yml|json` that is a Hugo site's config (the name Hugo read before `hugo.*`, and still reads
 * when there is none) [^sc5p]: a name many tools use, so it counts only with Hugo's own marks beside it: it sets
 * Hugo's `baseURL` (compared without case, as Hugo reads keys; Zola's `base_url` is not it), the site's content folder
 * (`content/`, or the `contentDir` it names) is a real folder, and so is its `layouts/` or `themes/`, or it names a
 * `theme` (cncf/glossary, vitessio/website). Read as the others are: a regular file of the folder, size-capped.
 */
function hugoLegacyConfig(root: string): string | undefined {
  const file = HUGO_CONFIG_EXTS.map((e) => `config.${e}`).find((f) => isRegularFile(path.join(root, f)));
  if (!file) return undefined;
  const got = readTextFileSync(path.join(root, file));
  if (!('text' in got)) return undefined;
  const keys = configKeys(got.text, file.slice(file.lastIndexOf('.') + 1));
  if (!keys.get('baseurl')) return undefined;
  const content = hugoContentDir(keys);
  if (content === '' || !isRealFolder(path.join(root, content))) return undefined;
  const templates = isRealFolder(path.join(root, 'layouts')) || isRealFolder(path.join(root, 'themes')) || !!keys.get('theme');
  return templates ? file : undefined;
}

/**
 * The Hugo site of the folder (a root `hugo.toml|yaml|yml|json` or a `config/_default/` configuration directory, as
 * siteScopes finds it) when its Goldmark parser gives definition-list terms ids: `[markup.goldmark.parser]
 * autoDefinitionTermID = true` in its config (its root file, `config/_default/hugo.*|config.*` or
 * `config/_default/markup.*`: the last one read that sets it wins), with its `autoIDType`
 * (formerly `autoHeadingIDType`; `github` by default) and its `contentDir` (`content` by default; a folder outside the
 * workspace is the default) [^ln9h]. Read as mkdocs.yml is: regular files of the folder itself, never through a
 * symlink, size-capped; keys compared as Hugo does, without case.
 */
export function hugoTermIdSites(root: string, site = hugoSite(root)): HugoTermIdSite[] {
  const keys = site?.keys;
  if (!keys || keys.get('markup.goldmark.parser.autodefinitiontermid') !== 'true') return [];
  return [{ content: hugoContentDir(keys), idType: hugoIdType(keys) }];
}

/** What readConfig reads of a Hugo site once, for hugoPageFolders, hugoTermIdSites and hugoIncludeSite. */
interface HugoSiteRead {
  keys: Map<string, string>;
  /** The site's module mounts (hugoMounts), read when first asked for. */
  mounts(): HugoMount[] | undefined;
}

/** The folder's Hugo site (hugoConfigFiles), its config's keys and its mounts, or undefined with no site. */
function hugoSite(root: string): HugoSiteRead | undefined {
  const files = hugoConfigFiles(root);
  if (!files) return undefined;
  const keys = hugoConfigKeys(root, files);
  let mounts: { value: HugoMount[] | undefined } | undefined;
  return { keys, mounts: () => (mounts ??= { value: hugoMounts(root, files) }).value };
}

/**
 * The scalar keys of a Hugo site's config (its root file, then the files of `config/_default/` that hold the whole
 * config or one root key, as Hugo merges them). A root key's file may repeat its key
 * (`markup.toml` holding `[markup.goldmark]`), as Hugo allows.
 */
function hugoConfigKeys(root: string, files: NonNullable<ReturnType<typeof hugoConfigFiles>>): Map<string, string> {
  const keys = new Map<string, string>();
  const read = (file: string, key: string): void => {
    const got = readTextFileSync(path.join(root, file));
    if (!('text' in got)) return;
    const found = configKeys(got.text, file.slice(file.lastIndexOf('.') + 1));
    const repeated = key !== '' && found.size > 0 && [...found.keys()].every((k) => k.startsWith(`${key}.`));
    for (const [k, v] of found) keys.set(key === '' || repeated ? k : `${key}.${k}`, v);
  };
  if (files.main) read(files.main, '');
  for (const f of files.dir) if (f.key === '' || f.key === 'markup') read(f.file, f.key);
  return keys;
}

function hugoIdType(keys: Map<string, string>): HugoIdType {
  const type = keys.get('markup.goldmark.parser.autoidtype') ?? keys.get('markup.goldmark.parser.autoheadingidtype') ?? 'github';
  return type === 'github-ascii' || type === 'blackfriday' ? type : 'github';
}

function hugoContentDir(keys: Map<string, string>): string {
  const given = keys.get('contentdir')?.replace(/^\.\//, '').replace(/\/+$/, '');
  return given !== undefined && given !== '' && staysInside(given) && !given.includes('\\') ? (given === '.' ? '' : given) : 'content';
}

/** One of a Hugo site's module mounts, as written. */
interface HugoMount {
  source?: unknown;
  target?: unknown;
}

/**
 * The module mounts one Hugo config file names (`[]` when none), or undefined when it names them in a way not read
 * here. `nested`: the mounts are under the `module` key (the site's config) rather than at the top (`module.*`, which
 * may repeat its key). TOML: arrays of tables `[[module.mounts]]` (`[[mounts]]`), not an inline array; JSON; YAML: a
 * block list of mappings of one-line scalars, `mounts:` → `- source: content/en` / `target: content` (other keys may
 * hold a one-line flow list, `excludeFiles: ['*.txt']`), not flow collections, anchors, aliases, tags or nested keys
 * (`sites:` → `matrix:`).
 */
function hugoMountsOf(text: string, ext: string, nested: boolean): HugoMount[] | undefined {
  if (ext === 'json') {
    try {
      const data = JSON.parse(text) as Record<string, unknown> | null;
      const holder = (nested ? (data?.['module'] as Record<string, unknown> | undefined) : (data?.['module'] as Record<string, unknown> | undefined) ?? data) ?? undefined;
      const m = holder && typeof holder === 'object' ? holder['mounts'] : undefined;
      if (m === undefined) return [];
      if (!Array.isArray(m)) return undefined;
      return m.filter((x): x is Record<string, unknown> => x !== null && typeof x === 'object').map((x) => ({ source: x['source'], target: x['target'] }));
    } catch {
      return undefined;
    }
  }
  if (ext === 'toml') {
    // Mounts written another way (an inline array `mounts = [...]`) are not read: nothing is said.
    if (/^[ \t]*(?:module\.)?mounts[ \t]*=/m.test(text)) return undefined;
    const header = nested ? /^\[\[\s*module\s*\.\s*mounts\s*\]\]$/ : /^\[\[\s*(?:module\s*\.\s*)?mounts\s*\]\]$/;
    const mounts: Record<string, string>[] = [];
    let current: Record<string, string> | undefined;
    for (const line of text.split(/\r?\n/)) {
      const t = line.trim();
      if (t.startsWith('[')) {
        current = header.test(t) ? {} : /^\[\[?\s*(?:module\s*\.\s*)?mounts\s*\./.test(t) ? current : undefined;
        if (current && header.test(t)) mounts.push(current);
        continue;
      }
      const kv = /^(source|target)\s*=\s*(["'])([^"']*)\2\s*(?:#.*)?$/.exec(t);
      if (current && kv) current[kv[1]!] = kv[3]!;
    }
    return mounts;
  }
  return yamlMounts(text, nested ? ['module', 'mounts'] : ['mounts']);
}

/** A YAML config's mounts (hugoMountsOf) at the key path (`module` → `mounts`, or `mounts`). */
function yamlMounts(text: string, keyPath: string[]): HugoMount[] | undefined {
  const lines = text.split(/\r?\n/).filter((l) => !/^[ \t]*(?:#.*)?$/.test(l) && !/^(?:---|\.\.\.)[ \t]*$/.test(l));
  if (lines.some((l) => /^ *\t/.test(l))) return undefined;
  const indentOf = (l: string): number => /^ */.exec(l)![0].length;
  // (the value as written, blanks after it kept: a lazy group before `[ \t]*$` rescans a run of blanks per character)
  const keyLine = /^( *)([A-Za-z0-9_-]+)[ \t]*:(?:[ \t]+(.*))?$/;
  const mountsLines = lines.filter((l) => /^[ \t-]*["']?mounts["']?[ \t]*:/.test(l)).length;
  if (mountsLines === 0) return [];
  // Find each key of the path in the block of the one before it (its children: the lines indented past it).
  let from = 0;
  let to = lines.length;
  let parentIndent = -1;
  let at = -1;
  for (const key of keyPath) {
    at = -1;
    let childIndent = -1;
    for (let i = from; i < to; i++) {
      const indent = indentOf(lines[i]!);
      if (indent <= parentIndent) break;
      if (childIndent < 0) childIndent = indent;
      if (indent !== childIndent) continue;
      const m = keyLine.exec(lines[i]!);
      if (m && m[2]!.toLowerCase() === key) {
        at = i;
        break;
      }
    }
    if (at < 0) return mountsLines ? undefined : [];
    const m = keyLine.exec(lines[at]!)!;
    parentIndent = indentOf(lines[at]!);
    from = at + 1;
    to = lines.length;
    if (key !== 'mounts' && m[3] !== undefined && m[3].trimEnd() !== '') return undefined;
  }
  // Only the mounts found here name mounts: another `mounts:` (in another block) leaves it unread.
  if (mountsLines !== 1) return undefined;
  const value = keyLine.exec(lines[at]!)![3]?.trimEnd();
  if (value !== undefined && value !== '') return /^\[[ \t]*\]$/.test(value) ? [] : undefined;
  const mounts: Record<string, string>[] = [];
  let itemIndent = -1;
  let keyIndent = -1;
  let current: Record<string, string> | undefined;
  const pair = (body: string): boolean => {
    const m = /^([A-Za-z_][A-Za-z0-9_-]*)[ \t]*:[ \t]+(.+)$/.exec(body);
    if (!m || !current) return false;
    const v = withoutLineComment(m[2]!).trimEnd();
    if (!v) return false;
    const quoted = /^(["'])([^"'\\]*)\1$/.exec(v);
    if (quoted) current[m[1]!] = quoted[2]!;
    else if (/^[&*!{|>"'@`%]/.test(v) || v.startsWith('[')) {
      // A flow list on one line is read for keys other than the path's own.
      if (m[1] === 'source' || m[1] === 'target' || !/^\[[^[\]{}&]*\]$/.test(v)) return false;
    } else current[m[1]!] = v;
    return true;
  };
  for (let i = at + 1; i < lines.length; i++) {
    const line = lines[i]!;
    const indent = indentOf(line);
    const dash = line.slice(indent).startsWith('-');
    if (itemIndent < 0) {
      // `mounts:` with no list after it (the next key of its block): none.
      if (indent < parentIndent || (indent === parentIndent && !dash)) break;
      if (!line.slice(indent).startsWith('- ')) return undefined;
      itemIndent = indent;
    }
    if (indent <= parentIndent && !(indent === itemIndent && dash)) break;
    if (indent < itemIndent) return undefined;
    if (indent === itemIndent) {
      if (!line.slice(indent).startsWith('- ')) return undefined;
      const body = line.slice(indent + 2);
      keyIndent = indent + 2 + /^ */.exec(body)![0].length;
      mounts.push((current = {}));
      if (!pair(body.trimStart())) return undefined;
    } else if (indent !== keyIndent || !pair(line.slice(indent))) return undefined;
  }
  return mounts;
}

/**
 * A Hugo site's module mounts: those its config names (its root file, `config/_default/hugo.*|config.*` under
 * `module`, or `config/_default/module.*`; when several name them, the last Hugo reads: a later file's list replaces
 * an earlier one's), or undefined when one names them in a way not read here (hugoMountsOf).
 */
function hugoMounts(root: string, files: NonNullable<ReturnType<typeof hugoConfigFiles>>): HugoMount[] | undefined {
  const named: HugoMount[][] = [];
  const read = (file: string, nested: boolean): boolean => {
    const got = readTextFileSync(path.join(root, file));
    if (!('text' in got)) return false;
    const mounts = hugoMountsOf(got.text, file.slice(file.lastIndexOf('.') + 1), nested);
    if (!mounts) return false;
    if (mounts.length) named.push(mounts);
    return true;
  };
  if (files.main && !read(files.main, true)) return undefined;
  for (const f of files.dir) if ((f.key === '' || f.key === 'module') && !read(f.file, f.key === '')) return undefined;
  return named[named.length - 1] ?? [];
}

/** A mount's `target` as a path (`./content/` is `content`), or undefined. */
function mountTarget(m: HugoMount): string | undefined {
  return typeof m.target === 'string' ? m.target.replace(/^\.\//, '').replace(/\/+$/, '') : undefined;
}

/**
 * The folders a Hugo site mounts as its content: the `source` of each mount whose `target` is `content` (hugoMounts),
 * else its `contentDir`. Undefined when the site mounts content in a way not read here (hugoMountsOf, a mount source
 * outside the workspace): then nothing is said about its includes [^ln9i].
 */
function hugoContentRoots(root: string, site: HugoSiteRead): string[] | undefined {
  const { keys } = site;
  const mounts = site.mounts();
  if (!mounts) return undefined;
  const content = mounts.filter((m) => mountTarget(m) === 'content');
  if (!content.length) return [hugoContentDir(keys)];
  const roots: string[] = [];
  for (const m of content) {
    const source = typeof m.source === 'string' ? insidePath(m.source) : undefined;
    if (source === undefined || !isRealFolder(path.join(root, source))) return undefined;
    roots.push(source);
  }
  return roots;
}

/**
 * The folders of a Hugo site's pages for siteScopes: `content`, its `contentDir`, and each folder of the workspace it
 * mounts into its content (a mount whose `target` is `content` or below it, read as hugoMounts reads them; one not
 * read adds nothing).
 */
function hugoPageFolders(root: string, site = hugoSite(root)): string[] {
  if (!site) return [];
  const folders = ['content'];
  const { keys } = site;
  const dir = hugoContentDir(keys);
  if (dir !== '' && isRealFolder(path.join(root, dir))) folders.push(dir);
  // Each language's own content folder (`[languages.zh] contentDir = "content-zh"`: Hugo's translation by content
  // directory), read as the site's is [^sc5p].
  for (const [key, value] of keys) {
    if (!/^languages\.[^.]+\.contentdir$/.test(key)) continue;
    const lang = hugoContentDir(new Map([['contentdir', value]]));
    if (lang !== '' && isRealFolder(path.join(root, lang))) folders.push(lang);
  }
  for (const m of site.mounts() ?? []) {
    const target = mountTarget(m);
    if (target !== 'content' && !target?.startsWith('content/')) continue;
    const source = typeof m.source === 'string' ? insidePath(m.source) : undefined;
    if (source && isRealFolder(path.join(root, source))) folders.push(source);
  }
  // A folder inside one already listed adds nothing.
  return folders.filter((f, i) => !folders.some((g, j) => j !== i && `${f}/`.startsWith(`${g}/`) && (f !== g || j < i)));
}

/**
 * A Hugo site whose own `include` shortcode (`layouts/_shortcodes/include.html` or `layouts/shortcodes/include.html`)
 * renders the page it names into the calling one: the template gets `.Get 0`, looks it up with `GetPage` and calls
 * `.RenderShortcodes` on it (gohugoio/hugoDocs), so the named page's Markdown becomes part of the page and its headings
 * and definition terms get ids there [^ln9i]. Its content roots (the site's content mounts, else its `contentDir`), its
 * id type and whether terms get ids; the pages' calls (`{{% include "/_common/scope.md" %}}` alone on a line) are read
 * by each page's parse and looked up by the index (workspace/hugo.ts). Read as book.toml is: regular files only, never
 * through a symlink.
 */
export function hugoIncludeSite(root: string, site = hugoSite(root)): HugoIncludeSite | undefined {
  if (!site) return undefined;
  const { keys } = site;
  const template = ['layouts/_shortcodes/include.html', 'layouts/shortcodes/include.html'].find((f) => isRegularFile(path.join(root, f)));
  if (!template) return undefined;
  const t = readTextFileSync(path.join(root, template));
  if (!('text' in t) || !/\.Get\s+0\b/.test(t.text) || !/\bGetPage\b/.test(t.text) || !/\.RenderShortcodes\b/.test(t.text)) return undefined;
  const roots = hugoContentRoots(root, site);
  if (!roots) return undefined;
  return { roots, idType: hugoIdType(keys), terms: keys.get('markup.goldmark.parser.autodefinitiontermid') === 'true' };
}

/**
 * The scalar keys of a config file (`toml`, `yaml`/`yml`, `json`), each a lower-case dotted path with its value as a
 * string (quotes removed; `true` for a true boolean). TOML: tables `[a.b]` and dotted keys `c.d = v` (not inline tables
 * nor arrays of tables); YAML: nested block mappings by indentation (not flow mappings, anchors or multi-line values).
 */
function configKeys(text: string, ext: string): Map<string, string> {
  const keys = new Map<string, string>();
  const name = (k: string): string => unquoted(k).toLowerCase();
  const scalar = (v: string): string => {
    const t = v.trim();
    const quoted = /^(["'])(.*?)\1/.exec(t);
    if (quoted) return quoted[2]!;
    const bare = withoutLineComment(t).trim();
    return /^(?:true|True|TRUE)$/.test(bare) ? 'true' : /^(?:false|False|FALSE)$/.test(bare) ? 'false' : bare;
  };
  if (ext === 'json') {
    try {
      const walk = (v: unknown, at: string): void => {
        if (v !== null && typeof v === 'object' && !Array.isArray(v)) for (const [k, x] of Object.entries(v as Record<string, unknown>)) walk(x, at ? `${at}.${k.toLowerCase()}` : k.toLowerCase());
        else if (typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number') keys.set(at, String(v));
      };
      walk(JSON.parse(text), '');
    } catch {
      // Not JSON: no keys.
    }
    return keys;
  }
  if (ext === 'toml') {
    let table = '';
    for (const line of text.split(/\r?\n/)) {
      const header = /^[ \t]*\[(?!\[)([^\]]*)\][ \t]*(?:#.*)?$/.exec(line);
      if (header) {
        table = header[1]!.split('.').map(name).join('.');
        continue;
      }
      // An array of tables (`[[module.mounts]]`): its keys are not the site's settings.
      if (/^[ \t]*\[\[/.test(line)) {
        table = '\u0000';
        continue;
      }
      const key = /^[ \t]*([A-Za-z0-9_."' \t-]+)=[ \t]*(.*)$/.exec(line);
      if (!key || table === '\u0000') continue;
      const full = [...(table ? [table] : []), ...key[1]!.split('.').map(name)].join('.');
      keys.set(full, scalar(key[2]!));
    }
    return keys;
  }
  const stack: { indent: number; key: string }[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (/^[ \t]*(?:#|$)/.test(line) || /^(?:---|\.\.\.)[ \t]*$/.test(line)) continue;
    const m = /^( *)(["']?)([A-Za-z0-9_.-]+)\2[ \t]*:(?:[ \t]+(.*))?$/.exec(line);
    if (!m) continue;
    const indent = m[1]!.length;
    while (stack.length && stack[stack.length - 1]!.indent >= indent) stack.pop();
    const value = m[4]?.trim();
    if (value === undefined || value === '' || value.startsWith('#')) stack.push({ indent, key: m[3]!.toLowerCase() });
    else keys.set([...stack.map((s) => s.key), m[3]!.toLowerCase()].join('.'), scalar(value));
  }
  return keys;
}

/**
 * The source folder of the folder's mdBook book when its `book.toml` enables mdbook-spec, the Rust Reference's
 * preprocessor (`[preprocessor.spec]`): its `[book] src` (`src` by default) [^ln6s]. Read as mkdocs.yml is (a regular
 * file of the folder itself, never through a symlink, size-capped); a folder outside the workspace is the default.
 */
export function mdbookSpecBooks(root: string): string[] {
  const file = path.join(root, 'book.toml');
  if (!isRegularFile(file)) return [];
  const read = readTextFileSync(file);
  if (!('text' in read)) return [];
  let table = '';
  let spec = false;
  let src = 'src';
  for (const line of read.text.split(/\r?\n/)) {
    // A table header, `[preprocessor.spec]`, `[ preprocessor . "spec" ]` (not an array of tables, `[[…]]`).
    const header = /^[ \t]*\[(?!\[)([^\]]*)\][ \t]*(?:#.*)?$/.exec(line);
    if (header) {
      table = header[1]!.split('.').map(unquoted).join('.');
      if (table === 'preprocessor.spec' || table.startsWith('preprocessor.spec.')) spec = true;
      continue;
    }
    // A key of the table: `spec = { … }` or `spec.command = …` under `[preprocessor]`, `src = "…"` under `[book]`.
    const key = /^[ \t]*([A-Za-z0-9_."' \t-]+)=[ \t]*(.*)$/.exec(line);
    if (!key) continue;
    const name = [...(table ? [table] : []), ...key[1]!.split('.').map(unquoted)].join('.');
    if (name === 'preprocessor.spec' || name.startsWith('preprocessor.spec.')) spec = true;
    if (name === 'book.src') {
      const value = /^(["'])([^"'\r\n]*)\1[ \t]*(?:#.*)?$/.exec(key[2]!.trim());
      const given = value?.[2]?.trim().replace(/^\.\//, '').replace(/\/+$/, '');
      // A folder inside the workspace only: never `..` or an absolute path.
      if (given !== undefined && staysInside(given) && !given.includes('\\')) src = given === '.' || given === '' ? '' : given;
    }
  }
  return spec ? [src] : [];
}

/** The folder's own package.json (a regular file, size-capped), parsed; undefined when absent or not an object. */
function packageJson(root: string): Record<string, unknown> | undefined {
  const file = path.join(root, 'package.json');
  if (!isRegularFile(file)) return undefined;
  const read = readTextFileSync(file);
  if (!('text' in read)) return undefined;
  try {
    const data: unknown = JSON.parse(read.text);
    return data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a package.json depends on the package (dependencies or devDependencies). */
function dependsOn(pkg: Record<string, unknown>, name: string): boolean {
  return ['dependencies', 'devDependencies'].some((k) => {
    const deps = pkg[k];
    return deps !== null && typeof deps === 'object' && Object.prototype.hasOwnProperty.call(deps, name);
  });
}

/** The package.json's script commands. */
function scriptsOf(pkg: Record<string, unknown>): string[] {
  const scripts = pkg['scripts'];
  if (scripts === null || typeof scripts !== 'object') return [];
  return Object.values(scripts as Record<string, unknown>).filter((v): v is string => typeof v === 'string');
}

/** A workspace-relative path as written in a command or a config (`./spec/x.md`), or undefined when it leaves the folder. */
function insidePath(given: string): string | undefined {
  const p = path.posix.normalize(given.replace(/^["']|["']$/g, '')).replace(/^\.\//, '').replace(/\/+$/, '');
  return p && p !== '.' && staysInside(p) && !p.includes('\\') ? p : p === '.' ? '' : undefined;
}

/**
 * The spec-md documents of the folder: when its package.json depends on `spec-md`, the Markdown files its scripts hand
 * to `spec-md` (`spec-md --metadata spec/metadata.json spec/GraphQL.md`), or, when no script names one, the Markdown
 * files of the folder and its folders one level down that import another (`# [Title](file.md)`). Each entry with the
 * files it imports and the section ids of the page spec-md builds [^ln7g]. Read as book.toml is: regular files of the
 * folder only, never through a symlink, size-capped; an import that leaves the folder is not followed.
 */
export function specMdDocuments(root: string, pkg = packageJson(root)): { files: string[]; ids: string[] }[] {
  if (!pkg || !dependsOn(pkg, 'spec-md')) return [];
  const entries = new Set<string>();
  for (const script of scriptsOf(pkg)) {
    for (const m of script.matchAll(/(?:^|[\s;&|/])spec-md\b([^;&|>]*)/g)) {
      for (const token of m[1]!.trim().split(/\s+/)) {
        const p = token.endsWith('.md') || token.endsWith('.md"') || token.endsWith(".md'") ? insidePath(token) : undefined;
        if (p && isRegularFile(path.join(root, p))) entries.add(p);
      }
    }
  }
  if (!entries.size) {
    const candidates: string[] = [];
    const list = (dir: string): string[] => {
      try {
        return fs.readdirSync(path.join(root, dir)).sort();
      } catch {
        return [];
      }
    };
    for (const name of list('')) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      if (name.endsWith('.md')) candidates.push(name);
      else if (isRealFolder(path.join(root, name))) for (const sub of list(name)) if (sub.endsWith('.md')) candidates.push(`${name}/${sub}`);
    }
    for (const c of candidates) {
      if (!isRegularFile(path.join(root, c))) continue;
      const read = readTextFileSync(path.join(root, c));
      if ('text' in read && specMdOutline(read.text, false).some((i) => i.kind === 'import' && i.level > 0)) entries.add(c);
    }
  }
  const texts = new Map<string, string | undefined>();
  const outlineOf = (file: string, entry: boolean): ReturnType<typeof specMdOutline> | undefined => {
    if (!texts.has(file)) {
      const abs = path.join(root, file);
      const read = isRegularFile(abs) ? readTextFileSync(abs) : undefined;
      texts.set(file, read && 'text' in read ? read.text : undefined);
    }
    const text = texts.get(file);
    return text === undefined ? undefined : specMdOutline(text, entry);
  };
  const resolve = (from: string, given: string): string | undefined => {
    let decoded: string;
    try {
      decoded = decodeURI(given);
    } catch {
      return undefined;
    }
    if (decoded.startsWith('/') || /^[a-z][a-z0-9+.-]*:/i.test(decoded)) return undefined;
    const p = path.posix.normalize(path.posix.join(path.posix.dirname(from), decoded));
    return p.startsWith('../') || p === '..' ? undefined : p;
  };
  return [...entries].map((entry) => specMdSectionIds(entry, outlineOf, resolve));
}

/**
 * The input folders of ipfs/spec-generator builds: when the folder's package.json depends on `spec-generator`, the
 * `input` of each config file its command names (`spec-generator -c .config.json`, in a package.json script or the
 * folder's Makefile), else of the folder's `.config.json` when it has the `input`, `output` and `template` the
 * command requires [^ln7g]. Read as book.toml is; an input outside the folder is none.
 */
export function specGeneratorInputs(root: string, pkg = packageJson(root)): string[] {
  if (!pkg || !dependsOn(pkg, 'spec-generator')) return [];
  const commands = scriptsOf(pkg);
  if (isRegularFile(path.join(root, 'Makefile'))) {
    const read = readTextFileSync(path.join(root, 'Makefile'));
    if ('text' in read) commands.push(...read.text.split(/\r?\n/));
  }
  const configs = new Set<string>();
  for (const command of commands) {
    for (const m of command.matchAll(/(?:^|[\s;&|/])(?:spec-generator|ipseity)\b[^;&|]*?(?:-c|--config)(?:[ \t]+|=)(\S+)/g)) {
      const config = insidePath(m[1]!);
      if (config) configs.add(config);
    }
  }
  // No command names one: the `.config.json` of the folder, when it has the three fields spec-generator requires.
  const fallback = configs.size === 0;
  if (fallback) configs.add('.config.json');
  const inputs = new Set<string>();
  for (const config of configs) {
    if (!isRegularFile(path.join(root, config))) continue;
    const read = readTextFileSync(path.join(root, config));
    if (!('text' in read)) continue;
    let data: Record<string, unknown> | null;
    try {
      data = JSON.parse(read.text) as Record<string, unknown> | null;
    } catch {
      continue;
    }
    const input = data?.['input'];
    if (fallback && (typeof data?.['output'] !== 'string' || typeof data['template'] !== 'string')) continue;
    // The input is relative to the config file's folder.
    const dir = typeof input === 'string' ? insidePath(path.posix.join(path.posix.dirname(config), input)) : undefined;
    if (dir !== undefined && (dir === '' || isRealFolder(path.join(root, dir)))) inputs.add(dir);
  }
  return [...inputs];
}

/** The exact statements of a marked heading renderer that ids a heading by its bold text (tc39/proposal-temporal). */
const STRONG_ID_MATCH = /\btext\.match\(\/<strong>\(\.\*\)<\\\/strong>\/\)/;
const STRONG_ID_REPLACE = /\bmatch\[1\]\.replace\(\/\[\^a-zA-Z\]\/g,\s*(['"])-\1\)/;

/**
 * The pages of marked build scripts whose heading renderer ids a heading by its bold text [^ln7g] (the ids are read by
 * each page's parse, markedStrongHeadingIds):
 * a package.json of the folder or of a folder one level down that depends on `marked` and has a script `node
 * <file>.js` (in its folder) whose source has a `heading(` renderer with both of tc39/proposal-temporal's statements
 * (`text.match(/<strong>(.*)<\/strong>/)`, `match[1].replace(/[^a-zA-Z]/g, '-')`). The pages are the Markdown files of
 * the folders its `basePaths = ['.', './ja']` array lists (each read alone, not the folders below), else of the
 * script's folder. Read as book.toml is: regular files only, never through a symlink; a folder outside is none.
 */
export function markedStrongIdPages(root: string): { file: string }[] {
  const list = (dir: string): string[] => {
    try {
      return fs.readdirSync(path.join(root, dir)).sort();
    } catch {
      return [];
    }
  };
  const dirs = [''];
  for (const name of list('')) if (!name.startsWith('.') && name !== 'node_modules' && isRealFolder(path.join(root, name))) dirs.push(name);
  const pages = new Set<string>();
  for (const dir of dirs) {
    const pkg = packageJson(path.join(root, dir));
    if (!pkg || !dependsOn(pkg, 'marked')) continue;
    for (const script of scriptsOf(pkg)) {
      for (const m of script.matchAll(/(?:^|[\s;&|])node[ \t]+(\S+\.[cm]?js)\b/g)) {
        const rel = insidePath(m[1]!);
        if (rel === undefined || rel.includes('/')) continue;
        const file = path.join(root, dir, rel);
        if (!isRegularFile(file) || fs.lstatSync(file).size > 256 * 1024) continue;
        const read = readTextFileSync(file);
        if (!('text' in read) || !/\bheading\s*\(/.test(read.text) || !STRONG_ID_MATCH.test(read.text) || !STRONG_ID_REPLACE.test(read.text)) continue;
        const bases = /\bbasePaths\s*=\s*\[([^\]]*)\]/.exec(read.text);
        const folders = bases ? [...bases[1]!.matchAll(/(['"])([^'"]*)\1/g)].map((b) => insidePath(b[2]!)) : [''];
        for (const folder of folders) {
          if (folder === undefined) continue;
          const at = folder ? path.posix.join(dir, folder) : dir;
          if (at && !isRealFolder(path.join(root, at))) continue;
          for (const name of list(at)) {
            const page = at ? `${at}/${name}` : name;
            if (name.endsWith('.md') && isRegularFile(path.join(root, page))) pages.add(page);
          }
        }
      }
    }
  }
  return [...pages].map((file) => ({ file }));
}

/**
 * For the benchmark only (bench/run.ts: the rows with the type checker or the ambiguity pass off, `--only pass`):
 * `CLARIFIER_BENCH_OFF=ambiguity,typecheck` turns those passes off as `.clarifier.json` would (`ambiguity.enabled:
 * false`; the three `conflict.*` codes `off`), without writing the file into a folder other runs may be measuring
 * (the bench folders are shared). Unset, as for every user: nothing.
 */
export function benchOverrides(value: string | undefined): Partial<ClarifierConfig> {
  const parts = new Set((value ?? '').split(',').map((s) => s.trim()));
  return {
    ...(parts.has('ambiguity') ? { ambiguity: { enabled: false } as ClarifierConfig['ambiguity'] } : {}),
    ...(parts.has('typecheck') ? { severity: { 'conflict.modal': 'off', 'conflict.numeric': 'off', 'conflict.definition': 'off' } } : {}),
  };
}

export async function loadWorkspace(root: string, options: LoadOptions = {}): Promise<LoadedWorkspace> {
  const absRoot = path.resolve(root);
  const { config: fileConfig, problems } = await readConfig(absRoot);
  const config = mergeConfig(mergeConfig(fileConfig, options.overrides), benchOverrides(process.env['CLARIFIER_BENCH_OFF']));
  const batch = options.batch ?? false;
  // Content hashes are read by the cache, the server and the LLM pass only (which brings the index to the text it
  // sends: an unchanged file is then not parsed again); another batch run without the cache computes none.
  const contentHashes = !batch || options.cacheDir !== undefined || options.prose === true;
  // The cache stores whole facts: with it, the prose comes along whatever the run reads.
  const prose = options.prose !== false || options.cacheDir !== undefined;
  const index = new WorkspaceIndex(config, { batch, contentHashes });
  index.setConfigProblems(problems);
  // The cache is read and parsed while the walk waits for its folders (the 40k bench workspace: a 78 MB file, about a
  // second of JSON.parse on this thread, which was idle for most of the walk). IndexCache.open never fails.
  let coldStart: boolean | undefined = options.cacheDir ? undefined : true;
  const opening = options.cacheDir
    ? IndexCache.open(options.cacheDir, absRoot, config).then((opened) => {
        coldStart = opened.empty;
        return opened;
      })
    : undefined;
  const rules = options.rules ?? (await WorkspaceRules.of(absRoot));
  const workers = options.workers ?? Math.min(4, os.availableParallelism());
  // A batch run with two workers or more runs the ambiguity pass on this thread, which waits for the workers while they
  // scan: the English model is loaded and the pass's code warmed up once, not in each worker (MainThreadPass).
  const deferAmbiguity = batch && workers >= 2 && config.ambiguity.enabled;
  const init: WorkerInit = { root: absRoot, config, batch, contentHashes, prose, deferAmbiguity };
  // A cold start of a big folder starts its worker threads while the walk is still finding files, once it has found
  // WORKER_MIN_FILES that will be read: each thread loads the bundle (a few hundred ms) while the walk goes on,
  // instead of after it. A warm start (a cache with entries) reads few files: its threads wait for the walk. While the
  // cache is still being read, the start waits (the files are counted).
  let pool: WorkerSlot[] | undefined;
  let found = 0;
  // Each file's role is matched against the globs once (the walk's count, the split below, the cache's check).
  const roles = new Map<string, FileRole>();
  const roleOf = (rel: string): FileRole => {
    let role = roles.get(rel);
    if (role === undefined) roles.set(rel, (role = index.roleOf(rel)));
    return role;
  };
  const onFile = (rel: string): void => {
    if (pool || workers === 0 || coldStart === false) return;
    const role = roleOf(rel);
    if (role !== 'other' && role !== 'config') found++;
    if (found >= WORKER_MIN_FILES && coldStart) pool = startWorkers(init, workers);
  };
  let walked: Awaited<ReturnType<typeof walkWorkspace>>;
  try {
    walked = await walkWorkspace(absRoot, { ...(options.signal ? { signal: options.signal } : {}), rules, onFile });
  } catch (err) {
    stopWorkers(pool);
    throw err;
  }
  const cache = opening ? await opening : undefined;
  // Fragments a build binds into one page, from the binder lists configured or found among the files [^ln8b].
  const bound = readBindings(absRoot, config, walked.files);
  if (bound.bindings.length) index.setBindings(bound.bindings);
  if (bound.problems.length) index.setConfigProblems([...problems, ...bound.problems]);
  // MyST projects (Sphinx with MyST-Parser, mystmd, Jupyter Book), from their config files among the files [^ln9m].
  const myst = mystProjects(absRoot, walked.files);
  if (myst.length) index.setMystProjects(myst);
  // Symlinks to folders are not entered; a link through one says so rather than "does not exist".
  if (walked.linkedFolders.size) index.setLinkedFolders(Object.fromEntries(walked.linkedFolders));
  // A link into what the rules leave out (generated docs under an ignored folder, say) is not checked [^ln2a].
  index.classifier.setLeftOut((rel) => rules.leftOut(rel));
  const skipped = [...walked.skipped];
  const toRead: string[] = [];
  for (const entry of walked.files) {
    const role = roleOf(entry.path);
    if (entry.symlink || role === 'other' || role === 'config') index.addPath(entry.path);
    else toRead.push(entry.path);
  }
  // Warm start: files whose size and time are those cached are not read at all.
  const stats = new Map<string, { size: number; mtimeMs: number }>();
  let cached = 0;
  if (cache) {
    const cold: string[] = [];
    for (const rel of toRead) {
      let stat: fs.Stats | undefined;
      try {
        stat = fs.statSync(path.join(absRoot, rel));
      } catch {
        // vanished: the read reports it
      }
      const info = stat?.isFile() ? { size: stat.size, mtimeMs: stat.mtimeMs } : undefined;
      const hit = info && cache.lookup(rel, info, roleOf(rel));
      if (hit) {
        index.addFacts(hit);
        cached++;
      } else {
        if (info) stats.set(rel, info);
        cold.push(rel);
      }
    }
    toRead.splice(0, toRead.length, ...cold);
  }
  let bytes = 0;
  let next = 0;
  if (workers > 0 && toRead.length >= WORKER_MIN_FILES) {
    // Texts this thread does not read: told as ordinary ones (a folder of that many files is not one big spec).
    options.beforeIndex?.(0);
    const pass = deferAmbiguity ? new MainThreadPass(index, config, options.signal) : undefined;
    const done = await readInWorkers(pool ?? startWorkers(init, workers), toRead, index, skipped, options.signal, pass);
    bytes += done.bytes;
    // Whatever a failed worker left undone is read here.
    toRead.splice(0, toRead.length, ...toRead.filter((rel) => !done.handled.has(rel)));
  } else stopWorkers(pool);
  const worker = async (): Promise<void> => {
    while (next < toRead.length) {
      if (options.signal?.aborted) throw new Error('cancelled');
      const rel = toRead[next++]!;
      const result = await readTextFile(path.join(absRoot, rel));
      if ('text' in result) {
        bytes += result.text.length;
        options.beforeIndex?.(result.text.length);
        index.updateFile(rel, result.text);
      } else {
        index.addPath(rel);
        skipped.push({ path: rel, reason: result.skipped });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 16, toRead.length || 1) }, worker));
  if (cache) {
    for (const [rel, stat] of stats) {
      const facts = index.factsOf(rel);
      if (facts) cache.record(rel, stat, facts);
    }
    await cache.save();
  }
  skipped.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { root: absRoot, config, index, skipped, stats: { files: walked.files.length, read: toRead.length, bytes, cached } };
}

/**
 * The bound documents of a folder [^ln8b]: the binder list files `.clarifier.json` `bind` names (a problem for each that
 * cannot be read or that lists a file that is no Markdown file of the workspace), then every `.txt` file of the walk
 * (up to MAX_BINDER_BYTES, not a symlink) that reads as a binder whose every entry is an existing Markdown file
 * (bindings.ts foundBinding). Read as every workspace file is (readTextFileSync: no symlink, a size cap). `"bind": false`:
 * none. The globs of `bind` are the core's (bindingGroups).
 */
export function readBindings(root: string, config: ClarifierConfig, files: readonly WalkEntry[]): { bindings: Binding[]; problems: string[] } {
  const bindings: Binding[] = [];
  const problems: string[] = [];
  if (config.bind === false) return { bindings, problems };
  const present = new Set(files.filter((f) => !f.symlink).map((f) => f.path));
  const exists = (p: string): boolean => present.has(p);
  // At most MAX_BINDER_BYTES: a walk entry's size is not known (-1), and a folder of big .txt files (drafts, data) must
  // not be read whole for the few lines a binder has.
  const read = (rel: string): string | undefined => {
    const r = readTextFileSync(path.join(root, ...rel.split('/')), MAX_BINDER_BYTES);
    return 'text' in r ? r.text : undefined;
  };
  const named = new Set<string>();
  config.bind.forEach((entry, i) => {
    if (typeof entry !== 'string' || isBindGlob(entry)) return;
    const binder = entry.replace(/^\.\//, '');
    named.add(binder);
    const text = present.has(binder) ? read(binder) : undefined;
    if (text === undefined) {
      problems.push(`bind.${i}: ${binder} is no readable file of the workspace`);
      return;
    }
    const entries = binderEntries(text);
    const { files: bound, missing } = resolveBinder(binder, entries, exists);
    if (missing.length) {
      const shown = missing.slice(0, 3).map((m) => `\`${m}\``).join(', ');
      problems.push(`bind.${i}: ${binder} lists ${plural(missing.length, 'entry', 'entries')} that ${missing.length === 1 ? 'is' : 'are'} no Markdown file of the workspace (${shown}${missing.length > 3 ? ', …' : ''})`);
    }
    if (bound.length) bindings.push({ binder, files: bound });
  });
  for (const f of files) {
    if (f.symlink || !/\.txt$/i.test(f.path) || named.has(f.path)) continue;
    const text = read(f.path);
    const found = text === undefined ? undefined : foundBinding(f.path, binderEntries(text), exists);
    if (found) bindings.push(found);
  }
  return { bindings, problems };
}

/**
 * The source folders of the MyST projects of a folder [^ln9m]: the folders of its files named as a MyST project's config
 * (explicitTargets.ts mystProjectOf; a conf.py read up to MAX_MYST_CONFIG_BYTES, never through a symlink), sorted.
 */
export function mystProjects(root: string, files: readonly WalkEntry[]): string[] {
  const present = new Set(files.filter((f) => !f.symlink).map((f) => f.path));
  const found = new Set<string>();
  for (const rel of present) {
    if (!MYST_CONFIG_NAMES.has(rel.slice(rel.lastIndexOf('/') + 1))) continue;
    const text = (): string | undefined => {
      const r = readTextFileSync(path.join(root, ...rel.split('/')), MAX_MYST_CONFIG_BYTES);
      return 'text' in r ? r.text : undefined;
    };
    const dir = mystProjectOf(rel, text, (p) => present.has(p));
    if (dir !== undefined) found.add(dir);
  }
  return [...found].sort();
}

/** A worker thread of the first scan, started before its batches are known; `failed` once it reported an error. */
interface WorkerSlot {
  worker: Worker;
  failed: boolean;
}

/** The index workers this process has started, and those whose thread has not exited yet (what tests observe). */
const indexWorkers = { started: 0, live: new Set<Worker>() };

export function indexWorkerCounts(): { started: number; live: number } {
  return { started: indexWorkers.started, live: indexWorkers.live.size };
}

/** Starts the worker threads of a first scan (none when the worker script is missing or a thread cannot start). */
function startWorkers(init: WorkerInit, count: number): WorkerSlot[] {
  const script = path.join(__dirname, 'indexWorker.js');
  if (!fs.existsSync(script)) return [];
  // Each worker loads its bundle through codeCache.js, which compiles it from the code cache the build made, if valid.
  const boot = path.join(__dirname, 'codeCache.js');
  const main = fs.existsSync(boot) ? boot : script;
  const slots: WorkerSlot[] = [];
  for (let i = 0; i < count; i++) {
    try {
      const slot: WorkerSlot = { worker: new Worker(main, { workerData: { clarifierIndexWorker: init, clarifierBundle: VARIANTS.worker.bundle } }), failed: false };
      // Listened to from the start: an error before its first batch (it cannot load) leaves the slot unused.
      slot.worker.on('error', () => {
        slot.failed = true;
      });
      indexWorkers.started++;
      indexWorkers.live.add(slot.worker);
      slot.worker.once('exit', () => indexWorkers.live.delete(slot.worker));
      slots.push(slot);
    } catch {
      // this one cannot start: the others (or the caller) read its share
    }
  }
  return slots;
}

function stopWorkers(slots: WorkerSlot[] | undefined): void {
  for (const slot of slots ?? []) void slot.worker.terminate();
}

/**
 * The first scan of a big folder in worker threads (indexWorker.ts): reading, Markdown parsing and comment lexing
 * run on every core; the main thread hands out batches of paths and adds the facts that come back to the index.
 * With `pass`, the ambiguity pass's jobs that come back are run on this thread as they arrive, and its tail after the
 * scan is shared with the idle workers (MainThreadPass). Never fails: a worker that cannot start or dies leaves its
 * files to the caller (`handled` says which are done). Every worker is terminated when it returns.
 */
async function readInWorkers(
  slots: WorkerSlot[],
  paths: string[],
  index: WorkspaceIndex,
  skipped: Skipped[],
  signal: AbortSignal | undefined,
  pass?: MainThreadPass,
): Promise<{ handled: Set<string>; bytes: number }> {
  const handled = new Set<string>();
  let bytes = 0;
  const batches: string[][] = [];
  for (let i = 0; i < paths.length; i += WORKER_BATCH) batches.push(paths.slice(i, i + WORKER_BATCH));
  let nextBatch = 0;
  /** Workers done with the scan and alive: they may take part of the pass's tail. */
  const idle: Worker[] = [];
  const run = (slot: WorkerSlot): Promise<void> =>
    new Promise<void>((resolve) => {
      const { worker } = slot;
      let inFlight: string[][] = [];
      const finish = (): void => {
        signal?.removeEventListener('abort', finish);
        worker.off('message', onMessage);
        worker.off('error', onError);
        // Kept for the pass's tail when it scanned to the end; else terminated now.
        if (pass && !slot.failed && !signal?.aborted && nextBatch >= batches.length) idle.push(worker);
        else void worker.terminate();
        resolve();
      };
      const send = (): void => {
        // Two batches in flight: the worker never waits for the main thread.
        while (inFlight.length < 2 && nextBatch < batches.length && !signal?.aborted) {
          const batch = batches[nextBatch++]!;
          inFlight.push(batch);
          worker.postMessage(batch);
        }
        if (inFlight.length === 0) finish();
      };
      const onMessage = (result: BatchResult): void => {
        const batch = inFlight.shift()!;
        for (const facts of result.facts) index.addFacts(facts);
        for (const s of result.skipped) {
          index.addPath(s.path);
          skipped.push(s);
        }
        if (result.jobs.length) pass?.push(result.jobs);
        bytes += result.bytes;
        for (const rel of batch) handled.add(rel);
        send();
      };
      const onError = (): void => {
        slot.failed = true;
        // Give its unfinished batches back to whoever is still running (or to the caller).
        batches.push(...inFlight);
        inFlight = [];
        finish();
      };
      if (slot.failed) {
        finish();
        return;
      }
      worker.on('message', onMessage);
      worker.on('error', onError);
      signal?.addEventListener('abort', finish);
      send();
    });
  try {
    await Promise.all(slots.map(run));
    if (pass) await pass.finish(idle, signal);
  } finally {
    for (const worker of idle) void worker.terminate();
  }
  if (signal?.aborted) throw new Error('cancelled');
  return { handled, bytes };
}

/** A slice of the pass on the main thread between the workers' messages lasts about this long (ms). */
const PASS_SLICE_MS = 4;
/**
 * Helpers join the pass's tail only when the main thread's estimate of what is left is at least this long (ms): a
 * worker that has not run the pass loads the English model (~50-80 ms of its CPU) and runs the pass's code unoptimized
 * for its first few hundred calls (about twice the time of a warm thread: docs/performance.md, pass13).
 */
const PASS_TAIL_MS = 400;
/** A helper is sent jobs of about this much prose (characters) at a time. */
const PASS_PORTION = 40_000;

/**
 * The ambiguity pass of a batch run's workers' specs, run on the main thread (which otherwise waits while the workers
 * scan) as their jobs arrive, in slices of PASS_SLICE_MS between the workers' messages. After the scan, what is left is
 * run here and, when it is long enough for it (PASS_TAIL_MS), also by the idle workers that a core is free for, taking
 * the jobs from the queue's end. Each job's hits go to the index as soon as they are made (addAmbiguityHits).
 */
export class MainThreadPass {
  private readonly queue: AmbiguityJob[] = [];
  private head = 0;
  private current: AmbiguityJobRun | undefined;
  private scheduled = false;
  private failure: unknown;
  private done: (() => void) | undefined;
  /** Prose characters of the jobs not started, and of those done here with the time it took (the tail's estimate). */
  private queuedWeight = 0;
  private doneWeight = 0;
  private spentMs = 0;

  constructor(
    private readonly index: WorkspaceIndex,
    private readonly config: ClarifierConfig,
    private readonly signal: AbortSignal | undefined,
    /** PASS_TAIL_MS, and the cores there are (a test shares any tail with every helper). */
    private readonly tail: { ms: number; cores: number } = { ms: PASS_TAIL_MS, cores: os.availableParallelism() },
  ) {}

  push(jobs: AmbiguityJob[]): void {
    for (const job of jobs) {
      this.queue.push(job);
      this.queuedWeight += AmbiguityJobRun.weight(job);
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled || this.failure !== undefined) return;
    this.scheduled = true;
    setImmediate(() => this.slice());
  }

  private take(): AmbiguityJob | undefined {
    if (this.head >= this.queue.length) return undefined;
    const job = this.queue[this.head]!;
    this.queue[this.head++] = undefined as unknown as AmbiguityJob;
    this.queuedWeight -= AmbiguityJobRun.weight(job);
    return job;
  }

  /** Jobs from the queue's end, about `weight` characters of prose (at least one job when any is left). */
  private takeTail(weight: number): AmbiguityJob[] {
    const jobs: AmbiguityJob[] = [];
    let taken = 0;
    while (this.queue.length > this.head && (jobs.length === 0 || taken < weight)) {
      const job = this.queue.pop()!;
      const w = AmbiguityJobRun.weight(job);
      this.queuedWeight -= w;
      taken += w;
      jobs.push(job);
    }
    return jobs;
  }

  private get idle(): boolean {
    return this.current === undefined && this.head >= this.queue.length;
  }

  private slice(): void {
    this.scheduled = false;
    const started = performance.now();
    try {
      if (this.signal?.aborted) throw new Error('cancelled');
      while (performance.now() - started < PASS_SLICE_MS) {
        if (!this.current) {
          const job = this.take();
          if (!job) break;
          this.current = new AmbiguityJobRun(job, this.config);
        }
        if (!this.current.step()) {
          const { job } = this.current;
          this.index.addAmbiguityHits(job.path, this.current.hits());
          this.doneWeight += AmbiguityJobRun.weight(job);
          this.current = undefined;
        }
      }
    } catch (err) {
      this.failure = err;
    }
    this.spentMs += performance.now() - started;
    if (this.failure === undefined && !this.idle) this.schedule();
    else this.done?.();
  }

  /** Runs what is left (with the idle `helpers` when the tail is long), then returns; fails as the pass failed. */
  async finish(helpers: Worker[], signal: AbortSignal | undefined): Promise<void> {
    const rate = this.doneWeight > 0 && this.spentMs > 0 ? this.doneWeight / this.spentMs : 0;
    const leftMs = rate > 0 ? this.queuedWeight / rate : Infinity;
    // A helper for each core this thread leaves free.
    const useful = Math.min(helpers.length, this.tail.cores - 1);
    const shared = leftMs >= this.tail.ms ? helpers.slice(0, useful) : [];
    const here = new Promise<void>((resolve) => {
      this.done = resolve;
      if (this.idle || this.failure !== undefined) resolve();
      else this.schedule();
    });
    await Promise.all([here, ...shared.map((worker) => this.help(worker, signal))]);
    // A helper's jobs given back (it failed) are run here.
    if (!this.idle && this.failure === undefined) {
      await new Promise<void>((resolve) => {
        this.done = resolve;
        this.schedule();
      });
    }
    if (this.failure !== undefined) throw this.failure;
  }

  /** A helper's share of the tail: portions from the queue's end until none is left; a failed portion comes back. */
  private help(worker: Worker, signal: AbortSignal | undefined): Promise<void> {
    return new Promise<void>((resolve) => {
      let portion: AmbiguityJob[] = [];
      const stop = (): void => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onError);
        resolve();
      };
      const next = (): void => {
        portion = signal?.aborted || this.failure !== undefined ? [] : this.takeTail(PASS_PORTION);
        if (portion.length === 0) return stop();
        const message: PassJobs = { jobs: portion };
        worker.postMessage(message);
      };
      const onMessage = (answer: PassHits): void => {
        for (const { path: file, hits } of answer.hits) this.index.addAmbiguityHits(file, hits);
        next();
      };
      // A helper that fails or exits gives its portion back (to this thread).
      const onError = (): void => {
        this.push(portion);
        portion = [];
        stop();
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onError);
      next();
    });
  }
}
