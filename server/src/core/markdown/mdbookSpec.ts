import { joinNamedLists, sameNamedLists } from '../text/lists';

/**
 * What mdbook-spec, the mdBook preprocessor of the Rust Reference (`[preprocessor.spec]` in `book.toml`), makes of a
 * book's pages [^ln6s]. It reads each page's raw text, not its Markdown: a line that is exactly `r[rule.id]` declares a
 * rule (rendered as an element with `id="r-rule.id"`), and a line `Name ->` (`@root Name ->`, `Name (note) ->`) in a
 * ```` ```grammar,<category> ```` block declares a grammar production (`id="grammar-Name"`, on the page of its block).
 * It then adds a link reference definition to every page for every rule id, production name and `grammar-` name, and
 * hands every reference left undefined to rustdoc, which resolves it as an intra-doc link (`[x][core::sync::atomic]`).
 * Pure: text in, names out; whether a page is in such a book is the workspace's to say (config `mdbookSpec`).
 */

/** A page's rule ids and grammar production names, as written (either list absent when the page has none). */
export interface MdbookSpecTargets {
  rules?: string[];
  productions?: string[];
}

/** mdbook-spec's `RULE_RE`, `(?m)^r\[([^]]+)]$`; a CRLF line's `\r` too. */
const RULE_LINE = /^r\[([^\]\r\n]+)\]\r?$/gm;
/** tools/grammar's `GRAMMAR_RE`: a fence opened by ```` ```grammar,<category> ```` up to the next line starting ```` ``` ````. */
const GRAMMAR_BLOCK = /^```grammar,[^\n]+\n([\s\S]*?)^```/gm;
/** mdbook-spec's `NAMES_RE`: a production's name at a line's start, before ` ->`. */
const PRODUCTION_LINE = /^(?:@root )?([A-Za-z0-9_]+|[\u0080-\u{10FFFF}])(?: \([^)]+\))? ->/gmu;

/** The rules and productions a page's text declares for mdbook-spec; undefined when it declares none. */
export function mdbookSpecTargetsOf(text: string): MdbookSpecTargets | undefined {
  let rules: string[] | undefined;
  let productions: string[] | undefined;
  if (text.includes('r[')) for (const m of text.matchAll(RULE_LINE)) (rules ??= []).push(m[1]!);
  if (text.includes('```grammar,')) {
    for (const block of text.matchAll(GRAMMAR_BLOCK)) for (const m of block[1]!.matchAll(PRODUCTION_LINE)) (productions ??= []).push(m[1]!);
  }
  if (!rules && !productions) return undefined;
  return { ...(rules ? { rules } : {}), ...(productions ? { productions } : {}) };
}

const TARGET_KINDS = ['rules', 'productions'] as const;

/** Both lists of `b` after those of `a` (the page's chunks in order); undefined when both are. */
export function joinMdbookSpecTargets(a: MdbookSpecTargets | undefined, b: MdbookSpecTargets | undefined): MdbookSpecTargets | undefined {
  return joinNamedLists(TARGET_KINDS, a, b);
}

/** Whether two pages' targets are the same (an edit that changes them changes other pages' links). */
export function sameMdbookSpecTargets(a: MdbookSpecTargets | undefined, b: MdbookSpecTargets | undefined): boolean {
  return sameNamedLists(TARGET_KINDS, a, b);
}

/** Primitive types rustdoc links by name (`[u8]`, `[str]`, `[slice]`). */
const PRIMITIVES = new Set([
  'bool', 'char', 'str', 'i8', 'i16', 'i32', 'i64', 'i128', 'isize', 'u8', 'u16', 'u32', 'u64', 'u128', 'usize',
  'f16', 'f32', 'f64', 'f128', 'array', 'slice', 'tuple', 'unit', 'pointer', 'reference', 'fn', 'never',
]);
/**
 * What else is in scope in the crate mdbook-spec hands to rustdoc (edition 2024, with `extern crate alloc`,
 * `proc_macro`, `test`): the crates and the standard prelude's items.
 */
const IN_SCOPE = new Set([
  'std', 'core', 'alloc', 'proc_macro', 'test',
  'Copy', 'Send', 'Sized', 'Sync', 'Unpin', 'Drop', 'Fn', 'FnMut', 'FnOnce', 'AsyncFn', 'AsyncFnMut', 'AsyncFnOnce',
  'drop', 'size_of', 'size_of_val', 'align_of', 'align_of_val', 'Box', 'ToOwned', 'Clone', 'PartialEq', 'PartialOrd',
  'Eq', 'Ord', 'AsRef', 'AsMut', 'Into', 'From', 'Default', 'Iterator', 'Extend', 'IntoIterator', 'DoubleEndedIterator',
  'ExactSizeIterator', 'Option', 'Some', 'None', 'Result', 'Ok', 'Err', 'String', 'ToString', 'Vec', 'TryFrom',
  'TryInto', 'FromIterator', 'Future', 'IntoFuture', 'Debug', 'Hash',
]);
/** The standard library's exported macros (`[vec!]`, `[println!]`), in scope everywhere. */
const STD_MACROS = new Set([
  'assert', 'assert_eq', 'assert_ne', 'cfg', 'column', 'compile_error', 'concat', 'dbg', 'debug_assert',
  'debug_assert_eq', 'debug_assert_ne', 'env', 'eprint', 'eprintln', 'file', 'format', 'format_args', 'include',
  'include_bytes', 'include_str', 'line', 'matches', 'module_path', 'option_env', 'panic', 'print', 'println',
  'stringify', 'thread_local', 'todo', 'unimplemented', 'unreachable', 'vec', 'write', 'writeln',
]);

const IDENT = '[A-Za-z_][A-Za-z0-9_]*';
/**
 * A rustdoc intra-doc link's destination: an optional namespace (`mod@`, `macro@`), a path, generics (ignored), a
 * macro's `!` or a function's `()`, and a fragment (`std::ptr#provenance`).
 */
const INTRA_DOC = new RegExp(`^(?:[a-z]+@)?((?:${IDENT}::)*${IDENT})(?:<[^\\n]*>)?(!|\\(\\))?(?:#[\\w.:-]+)?$`);

/**
 * Whether rustdoc resolves this reference label as an intra-doc link from the crate mdbook-spec writes: a path from
 * something in scope there (`core::sync::atomic`, `` `std::option::Option<T>` ``, `f32::from_str`, `Vec::new`), a
 * primitive, a crate, an item of the prelude or a standard macro (`vec!`). Not a path from anything else
 * (`serde::Serialize`, `crate::x`): rustdoc cannot resolve it, and mdbook-spec reports the link as broken.
 */
export function isRustdocLink(label: string): boolean {
  const bare = label.trim().replace(/^`(.*)`$/s, '$1').trim();
  const m = INTRA_DOC.exec(bare);
  if (!m) return false;
  const path = m[1]!;
  const first = path.slice(0, path.includes('::') ? path.indexOf('::') : path.length);
  if (first === path && m[2] === '!') return STD_MACROS.has(path);
  return PRIMITIVES.has(first) || IN_SCOPE.has(first);
}
