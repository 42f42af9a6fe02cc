/**
 * The table of source languages the comment lexer (comments.ts) understands. Each entry is data: its comment
 * starters, block comment pairs, string delimiters and escape rules, plus the names of a few lexer features
 * (regex literals, raw strings, heredocs, …) implemented once in comments.ts. Adding a language is adding a row.
 *
 * Markdown is deliberately absent: specs are parsed elsewhere, and `[^id]` in a `.md` file is a footnote, not a citation.
 */

/** A line comment starter such as `//`, `#`, `--`, `;`. The comment runs to the end of the line. */
export interface LineCommentRule {
  readonly start: string;
  /** Only at the start of a word: at a line start or right after one of these characters (shell `a#b` is no comment). */
  readonly after?: string;
  /** Only as the first thing on its line, after optional blanks (INI, Dockerfile). */
  readonly lineStart?: boolean;
  /** Not when immediately followed by this text (PHP `#[` attributes). */
  readonly notFollowedBy?: string;
  /** A backslash at the end of the line continues the comment onto the next one (C preprocessor rule). */
  readonly continuation?: boolean;
}

/** A block comment pair such as `/* … *\/`. */
export interface BlockCommentRule {
  readonly open: string;
  readonly close: string;
  /** Nested pairs must balance (Rust, Swift, Kotlin, Scala, Dart, Haskell `{- -}`, Julia `#= =#`). */
  readonly nests?: boolean;
}

/** A block comment made of whole lines, opened and closed at column 0 (Ruby `=begin`/`=end`, Perl POD `=head1`…`=cut`). */
export interface LineBlockCommentRule {
  /** The opening line starts with this text… */
  readonly open: string;
  /** …followed by a letter (Perl POD: `=pod`, `=head1`, `=item`, …) rather than by a word boundary. */
  readonly openNeedsLetter?: boolean;
  /** The comment ends with the line that starts with this word. */
  readonly close: string;
}

/** Code embedded in a string: `${…}`, `#{…}`, `\(…)`, `$(…)`, `{…}`. Lexed as code until the matching bracket. */
export interface Interpolation {
  readonly open: string;
  /** The bracket that `open` ends with; nested pairs of it are counted to find the end. */
  readonly bracket: '{' | '(';
  /** A doubled bracket is a literal character, not an interpolation (`{{` in C# and Python f-strings). */
  readonly literalDouble?: boolean;
  /** Whether comments are recognised inside (default true). Off for Python, where `#` may be a format spec. */
  readonly comments?: boolean;
}

/** A string (or character, or quoted name) literal whose content must never be read as code. */
export interface StringRule {
  readonly open: string;
  /** Defaults to `open`. */
  readonly close?: string;
  /** The escape character inside the literal (`\\`, or `` ` `` in PowerShell). None: a raw literal. */
  readonly escape?: string;
  /** A doubled closing delimiter stands for itself (`'it''s'` in SQL, `@"a""b"` in C#). */
  readonly doubled?: boolean;
  /** May span lines. Otherwise an unescaped line break ends it (unterminated literal: the damage stops at the line). */
  readonly multiline?: boolean;
  readonly interpolation?: readonly Interpolation[];
  /** The rule applies only when the word right before the quote (no space) matches, e.g. Python `rb`, Dart `r`. */
  readonly prefix?: RegExp;
  /** Python: a literal that is a statement on its own line is a docstring, reported as a comment. */
  readonly docstring?: boolean;
  /** YAML: a quote opens a scalar only where a value can start (line start, after `:`, `-`, `[`, `{`, `,`, `?`). */
  readonly valueStart?: boolean;
  /** Makefile: quotes only mean something on recipe lines (lines starting with a tab, run by the shell). */
  readonly tabLinesOnly?: boolean;
  /** The closing delimiter counts only at the start of a line (PowerShell here-strings `"@`). */
  readonly closeAtLineStart?: boolean;
}

/** Heredocs: `<<EOF` … a line `EOF`. The body starts on the line after the opener. */
export interface HeredocRule {
  readonly open: '<<' | '<<<';
  /** Flag characters allowed right after the opener: `-` (shell, Ruby, HCL) or `~` (Ruby, Perl) allow an indented closer. */
  readonly flags: string;
  /** Quote characters that may wrap the marker (`<<'EOF'`). */
  readonly quotes: string;
  /** Whether blanks may separate the opener from the marker (`cat << EOF`). */
  readonly space: boolean;
  /** A bare marker must start with an upper-case letter unless a flag was given (Ruby: `x <<y` is a shift). */
  readonly bareNeedsUpperUnlessFlag?: boolean;
  /** When the closing marker may be indented: only with a flag, or always. */
  readonly indentedClose: 'flag' | 'always';
  /** The closing marker may be followed by more code on its line (PHP `EOT;`). */
  readonly closeMayContinue?: boolean;
}

/** Lexer features implemented in comments.ts; see the FEATURES table there. */
export type FeatureName =
  | 'regex' // `/…/` literals where an operand is expected (JS/TS, Ruby, Perl, Groovy slashy strings)
  | 'charLiteral' // `'x'` is a character, any other `'` is a lifetime/label/symbol/prime (Rust, Scala, Haskell, Julia)
  | 'rustRaw' // r"…", r#"…"#, br##"…"##, cr"…"
  | 'cppRaw' // R"delim(…)delim", u8R"(…)", LR"(…)"
  | 'csharpStrings' // @"…" verbatim, $"…{x}…" interpolated, $@"…", """…""" raw
  | 'swiftRaw' // #"…"#, #"""…"""#
  | 'longBrackets' // Lua --[[ ]] comments and [==[ ]==] strings; CMake #[[ ]] comments and [[ ]] arguments
  | 'rRaw' // R 4.0 raw strings r"(…)", R"[…]", r"--{…}--"
  | 'heredoc' // see LanguageSyntax.heredoc
  | 'perlQuote' // q{} qq// qw() qr// m// s/// tr/// y///
  | 'rubyPercent' // %w[] %q() %Q{} %r{} %i[] %() …
  | 'elixirSigil' // ~r/…/ ~s(…) ~S"""…"""
  | 'questionChar' // Ruby/Elixir character literals ?a ?# ?\n
  | 'dollarChar' // Erlang character literals $a $% $\n
  | 'backslashChar' // Clojure character literals \a \; \"
  | 'specialVar' // Ruby/Perl punctuation variables $' $" $; $# (never a string or comment start)
  | 'haskellDash' // Haskell `--` comments, but not operators such as `-->` or `|--`
  | 'yamlBlockScalar' // YAML `|` and `>` block scalars: their indented lines are text
  | 'dataEnd' // Ruby/Perl __END__ (and Perl __DATA__): the rest of the file is data (Perl POD still counts)
  | 'cssUrl'; // SCSS/Less: `url(//host/x)` is not a `//` comment

export interface LanguageSyntax {
  /** A stable id, matching the VS Code language id where one exists. */
  readonly id: string;
  readonly name: string;
  /** Lower-case file extensions without the dot. */
  readonly extensions: readonly string[];
  /** Lower-case exact basenames (`makefile`, `dockerfile`, `.bashrc`). */
  readonly filenames?: readonly string[];
  /** Lower-case basename prefixes (`dockerfile.` for `Dockerfile.dev`). */
  readonly filenamePrefixes?: readonly string[];
  readonly lineComments: readonly LineCommentRule[];
  readonly blockComments: readonly BlockCommentRule[];
  readonly lineBlockComments?: readonly LineBlockCommentRule[];
  /** Tried in order: put longer openers (`"""`) and prefixed rules first. */
  readonly strings: readonly StringRule[];
  readonly features?: readonly FeatureName[];
  /** Words after which a `/` starts a regex literal (with the `regex` feature). */
  readonly regexKeywords?: readonly string[];
  readonly heredoc?: HeredocRule;
  /** Characters other than letters, digits and `_` that may appear in identifiers (`$` in JS and PHP). */
  readonly identifierChars?: string;
  /** Characters that may end an identifier (`?` and `!` in Ruby and Elixir: `empty?`). */
  readonly identifierSuffix?: string;
  /** Outside strings, this character escapes the next one (shell and Make `\`, PowerShell `` ` ``). */
  readonly codeEscape?: string;
  /** `'` may separate digits in numbers (C++14, C23: `1'000'000`). */
  readonly digitSeparator?: boolean;
  /** `'` right after an identifier or closing bracket is not a quote (Haskell `foldl'`, Julia transpose `a'`). */
  readonly primes?: boolean;
  /** The comment prefix of long-bracket comments (`--` in Lua, `#` in CMake), with the `longBrackets` feature. */
  readonly longBracketComment?: string;
  /** A markup language: `<!-- -->` comments, and embedded `<script>`/`<style>` (and `<?php ?>` for PHP) lexed as code. */
  readonly markup?: 'html' | 'php';
}

// ---------------------------------------------------------------------------------------------------------------
// Shared pieces

const SLASH_COMMENTS: Pick<LanguageSyntax, 'lineComments' | 'blockComments'> = {
  lineComments: [{ start: '//' }],
  blockComments: [{ open: '/*', close: '*/' }],
};
const SLASH_COMMENTS_NESTED: Pick<LanguageSyntax, 'lineComments' | 'blockComments'> = {
  lineComments: [{ start: '//' }],
  blockComments: [{ open: '/*', close: '*/', nests: true }],
};
const HASH_COMMENT: readonly LineCommentRule[] = [{ start: '#' }];

const DQ: StringRule = { open: '"', escape: '\\' };
const SQ: StringRule = { open: "'", escape: '\\' };
const DQ_MULTI: StringRule = { open: '"', escape: '\\', multiline: true };
const SQ_MULTI: StringRule = { open: "'", escape: '\\', multiline: true };

const DOLLAR_BRACE: readonly Interpolation[] = [{ open: '${', bracket: '{' }];
const HASH_BRACE: readonly Interpolation[] = [{ open: '#{', bracket: '{' }];
const DOLLAR_PAREN: readonly Interpolation[] = [{ open: '$(', bracket: '(' }];

const JS_REGEX_KEYWORDS = [
  'return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await',
];

const C_FAMILY: Omit<LanguageSyntax, 'id' | 'name' | 'extensions'> = {
  lineComments: [{ start: '//', continuation: true }],
  blockComments: [{ open: '/*', close: '*/' }],
  strings: [DQ, SQ],
  features: ['cppRaw'],
  digitSeparator: true,
};

const JS_FAMILY: Omit<LanguageSyntax, 'id' | 'name' | 'extensions'> = {
  ...SLASH_COMMENTS,
  strings: [DQ, SQ, { open: '`', escape: '\\', multiline: true, interpolation: DOLLAR_BRACE }],
  features: ['regex'],
  regexKeywords: JS_REGEX_KEYWORDS,
  identifierChars: '$',
};

const SHELL_WORD_START = ' \t;&|()<>';
const SHELL_FAMILY: Omit<LanguageSyntax, 'id' | 'name' | 'extensions'> = {
  lineComments: [{ start: '#', after: SHELL_WORD_START }],
  blockComments: [],
  strings: [
    { open: "$'", close: "'", escape: '\\', multiline: true },
    { open: '"', escape: '\\', multiline: true, interpolation: DOLLAR_PAREN },
    { open: "'", multiline: true },
    { open: '`', escape: '\\', multiline: true },
  ],
  features: ['heredoc'],
  heredoc: { open: '<<', flags: '-', quotes: `'"`, space: true, indentedClose: 'flag' },
  codeEscape: '\\',
};

const PY_F_INTERP: readonly Interpolation[] = [{ open: '{', bracket: '{', literalDouble: true, comments: false }];
const PY_F_PREFIX = /^(?:[fFtT]|[fFtT][rR]|[rR][fFtT])$/;
const PYTHON_FAMILY: Omit<LanguageSyntax, 'id' | 'name' | 'extensions'> = {
  lineComments: HASH_COMMENT,
  blockComments: [],
  strings: [
    { open: '"""', escape: '\\', multiline: true, interpolation: PY_F_INTERP, prefix: PY_F_PREFIX },
    { open: "'''", escape: '\\', multiline: true, interpolation: PY_F_INTERP, prefix: PY_F_PREFIX },
    { open: '"', escape: '\\', interpolation: PY_F_INTERP, prefix: PY_F_PREFIX },
    { open: "'", escape: '\\', interpolation: PY_F_INTERP, prefix: PY_F_PREFIX },
    { open: '"""', escape: '\\', multiline: true, docstring: true },
    { open: "'''", escape: '\\', multiline: true, docstring: true },
    DQ,
    SQ,
  ],
};

const HTML_FAMILY: Omit<LanguageSyntax, 'id' | 'name' | 'extensions'> = {
  lineComments: [],
  blockComments: [{ open: '<!--', close: '-->' }],
  strings: [],
  markup: 'html',
};

// ---------------------------------------------------------------------------------------------------------------
// The table

export const LANGUAGES: readonly LanguageSyntax[] = [
  { id: 'c', name: 'C', extensions: ['c', 'h'], ...C_FAMILY },
  { id: 'cpp', name: 'C++', extensions: ['cc', 'cpp', 'cxx', 'c++', 'hpp', 'hh', 'hxx', 'h++', 'ipp', 'tpp', 'inl', 'ino', 'cu', 'cuh'], ...C_FAMILY },
  { id: 'objective-c', name: 'Objective-C', extensions: ['m'], ...C_FAMILY },
  { id: 'objective-cpp', name: 'Objective-C++', extensions: ['mm'], ...C_FAMILY },
  {
    id: 'csharp',
    name: 'C#',
    extensions: ['cs', 'csx'],
    ...SLASH_COMMENTS,
    strings: [DQ, SQ],
    features: ['csharpStrings'],
  },
  {
    id: 'java',
    name: 'Java',
    extensions: ['java'],
    ...SLASH_COMMENTS,
    strings: [{ open: '"""', escape: '\\', multiline: true }, DQ, SQ],
  },
  {
    id: 'kotlin',
    name: 'Kotlin',
    extensions: ['kt', 'kts'],
    ...SLASH_COMMENTS_NESTED,
    strings: [{ open: '"""', multiline: true, interpolation: DOLLAR_BRACE }, { ...DQ, interpolation: DOLLAR_BRACE }, SQ],
  },
  {
    id: 'scala',
    name: 'Scala',
    extensions: ['scala', 'sc'],
    ...SLASH_COMMENTS_NESTED,
    strings: [
      { open: '"""', multiline: true, interpolation: DOLLAR_BRACE, prefix: /^[A-Za-z_]\w*$/ },
      { open: '"""', multiline: true },
      { ...DQ, interpolation: DOLLAR_BRACE, prefix: /^[A-Za-z_]\w*$/ },
      DQ,
    ],
    features: ['charLiteral'],
  },
  {
    id: 'groovy',
    name: 'Groovy',
    extensions: ['groovy', 'gvy', 'gy', 'gsh', 'gradle', 'jenkinsfile'],
    filenames: ['jenkinsfile'],
    ...SLASH_COMMENTS,
    strings: [
      { open: "'''", escape: '\\', multiline: true },
      { open: '"""', escape: '\\', multiline: true, interpolation: DOLLAR_BRACE },
      { open: '$/', close: '/$', multiline: true },
      { ...DQ, interpolation: DOLLAR_BRACE },
      SQ,
    ],
    features: ['regex'],
    regexKeywords: JS_REGEX_KEYWORDS,
    identifierChars: '$',
  },
  {
    id: 'swift',
    name: 'Swift',
    extensions: ['swift'],
    ...SLASH_COMMENTS_NESTED,
    strings: [
      { open: '"""', escape: '\\', multiline: true, interpolation: [{ open: '\\(', bracket: '(' }] },
      { ...DQ, interpolation: [{ open: '\\(', bracket: '(' }] },
    ],
    features: ['swiftRaw'],
  },
  {
    id: 'go',
    name: 'Go',
    extensions: ['go'],
    ...SLASH_COMMENTS,
    strings: [DQ, SQ, { open: '`', multiline: true }],
  },
  {
    id: 'rust',
    name: 'Rust',
    extensions: ['rs'],
    ...SLASH_COMMENTS_NESTED,
    strings: [DQ_MULTI],
    features: ['rustRaw', 'charLiteral'],
  },
  { id: 'javascript', name: 'JavaScript', extensions: ['js', 'mjs', 'cjs'], ...JS_FAMILY },
  { id: 'javascriptreact', name: 'JavaScript JSX', extensions: ['jsx'], ...JS_FAMILY },
  { id: 'typescript', name: 'TypeScript', extensions: ['ts', 'mts', 'cts'], ...JS_FAMILY },
  { id: 'typescriptreact', name: 'TypeScript JSX', extensions: ['tsx'], ...JS_FAMILY },
  {
    id: 'dart',
    name: 'Dart',
    extensions: ['dart'],
    ...SLASH_COMMENTS_NESTED,
    strings: [
      { open: "'''", multiline: true, prefix: /^r$/ },
      { open: '"""', multiline: true, prefix: /^r$/ },
      { open: "'", prefix: /^r$/ },
      { open: '"', prefix: /^r$/ },
      { open: "'''", escape: '\\', multiline: true, interpolation: DOLLAR_BRACE },
      { open: '"""', escape: '\\', multiline: true, interpolation: DOLLAR_BRACE },
      { ...SQ, interpolation: DOLLAR_BRACE },
      { ...DQ, interpolation: DOLLAR_BRACE },
    ],
  },
  {
    id: 'php',
    name: 'PHP',
    extensions: ['php', 'phtml', 'php3', 'php4', 'php5', 'php7', 'phps'],
    lineComments: [],
    blockComments: [{ open: '<!--', close: '-->' }],
    strings: [],
    markup: 'php',
  },
  { id: 'css', name: 'CSS', extensions: ['css'], lineComments: [], blockComments: [{ open: '/*', close: '*/' }], strings: [DQ, SQ] },
  { id: 'scss', name: 'SCSS', extensions: ['scss', 'sass'], ...SLASH_COMMENTS, strings: [DQ, SQ], features: ['cssUrl'] },
  { id: 'less', name: 'Less', extensions: ['less'], ...SLASH_COMMENTS, strings: [DQ, SQ], features: ['cssUrl'] },
  { id: 'python', name: 'Python', extensions: ['py', 'pyi', 'pyw'], ...PYTHON_FAMILY },
  {
    id: 'starlark',
    name: 'Starlark',
    extensions: ['bzl', 'star', 'bazel'],
    filenames: ['build', 'workspace', 'build.bazel', 'workspace.bazel', 'module.bazel', 'tiltfile'],
    ...PYTHON_FAMILY,
  },
  {
    id: 'ruby',
    name: 'Ruby',
    extensions: ['rb', 'rake', 'gemspec', 'ru', 'rbw', 'podspec', 'jbuilder'],
    filenames: ['rakefile', 'gemfile', 'guardfile', 'vagrantfile', 'podfile', 'capfile', 'brewfile', 'fastfile', 'appfile', 'dangerfile'],
    lineComments: HASH_COMMENT,
    blockComments: [],
    lineBlockComments: [{ open: '=begin', close: '=end' }],
    strings: [
      { ...DQ_MULTI, interpolation: HASH_BRACE },
      { open: '`', escape: '\\', multiline: true, interpolation: HASH_BRACE },
      SQ_MULTI,
    ],
    features: ['specialVar', 'dataEnd', 'heredoc', 'regex', 'rubyPercent', 'questionChar'],
    regexKeywords: ['if', 'elsif', 'unless', 'while', 'until', 'when', 'and', 'or', 'not', 'return', 'then', 'do', 'in', 'puts', 'p', 'print', 'raise', 'yield', 'split', 'scan', 'sub', 'gsub', 'match', 'case'],
    heredoc: { open: '<<', flags: '~-', quotes: `'"\``, space: false, bareNeedsUpperUnlessFlag: true, indentedClose: 'flag' },
    identifierSuffix: '?!',
  },
  { id: 'shellscript', name: 'Shell', extensions: ['sh', 'bash', 'zsh', 'ksh', 'ash', 'dash', 'bats', 'command'], filenames: ['.bashrc', '.bash_profile', '.bash_login', '.bash_logout', '.profile', '.zshrc', '.zshenv', '.zprofile', '.zlogin', '.kshrc', '.envrc', 'pkgbuild', 'apkbuild'], ...SHELL_FAMILY },
  {
    id: 'fish',
    name: 'Fish',
    extensions: ['fish'],
    lineComments: [{ start: '#', after: SHELL_WORD_START }],
    blockComments: [],
    strings: [DQ_MULTI, SQ_MULTI],
    codeEscape: '\\',
  },
  {
    id: 'powershell',
    name: 'PowerShell',
    extensions: ['ps1', 'psm1', 'psd1'],
    lineComments: [{ start: '#', after: ' \t;(){}|&,=' }],
    blockComments: [{ open: '<#', close: '#>' }],
    strings: [
      { open: '@"', close: '"@', multiline: true, closeAtLineStart: true },
      { open: "@'", close: "'@", multiline: true, closeAtLineStart: true },
      { open: '"', escape: '`', doubled: true, multiline: true, interpolation: DOLLAR_PAREN },
      { open: "'", doubled: true, multiline: true },
    ],
    codeEscape: '`',
  },
  {
    id: 'yaml',
    name: 'YAML',
    extensions: ['yml', 'yaml'],
    filenames: ['.clang-format', '.clang-tidy'],
    lineComments: [{ start: '#', after: ' \t' }],
    blockComments: [],
    strings: [
      { open: '"', escape: '\\', multiline: true, valueStart: true },
      { open: "'", doubled: true, multiline: true, valueStart: true },
    ],
    features: ['yamlBlockScalar'],
  },
  {
    id: 'toml',
    name: 'TOML',
    extensions: ['toml'],
    filenames: ['pipfile', 'cargo.lock', 'poetry.lock', 'uv.lock'],
    lineComments: HASH_COMMENT,
    blockComments: [],
    strings: [{ open: '"""', escape: '\\', multiline: true }, { open: "'''", multiline: true }, DQ, { open: "'" }],
  },
  {
    id: 'ini',
    name: 'INI',
    extensions: ['ini', 'cfg', 'editorconfig', 'gitconfig', 'npmrc', 'desktop'],
    filenames: ['.editorconfig', '.gitconfig', '.npmrc', '.pylintrc', 'setup.cfg', 'tox.ini'],
    lineComments: [{ start: ';', lineStart: true }, { start: '#', lineStart: true }],
    blockComments: [],
    strings: [],
  },
  {
    id: 'properties',
    name: 'Java properties',
    extensions: ['properties'],
    lineComments: [{ start: '#', lineStart: true }, { start: '!', lineStart: true }],
    blockComments: [],
    strings: [],
  },
  {
    id: 'perl',
    name: 'Perl',
    extensions: ['pl', 'pm', 't', 'pod', 'psgi', 'cgi'],
    lineComments: HASH_COMMENT,
    blockComments: [],
    lineBlockComments: [{ open: '=', openNeedsLetter: true, close: '=cut' }],
    strings: [DQ_MULTI, SQ_MULTI, { open: '`', escape: '\\', multiline: true }],
    features: ['specialVar', 'dataEnd', 'heredoc', 'perlQuote', 'regex'],
    regexKeywords: ['split', 'grep', 'map', 'join', 'if', 'elsif', 'unless', 'and', 'or', 'not', 'xor', 'return', 'while', 'until', 'push', 'unshift', 'when', 'print', 'lt', 'gt', 'le', 'ge', 'eq', 'ne', 'cmp'],
    heredoc: { open: '<<', flags: '~', quotes: `'"`, space: false, indentedClose: 'flag' },
  },
  {
    id: 'r',
    name: 'R',
    extensions: ['r', 'rprofile'],
    filenames: ['.rprofile'],
    lineComments: HASH_COMMENT,
    blockComments: [],
    strings: [DQ_MULTI, SQ_MULTI, { open: '`', escape: '\\', multiline: true }],
    features: ['rRaw'],
  },
  {
    id: 'sql',
    name: 'SQL',
    extensions: ['sql', 'ddl', 'dml', 'pgsql', 'psql', 'mysql', 'hql'],
    lineComments: [{ start: '--' }],
    blockComments: [{ open: '/*', close: '*/' }],
    strings: [
      { open: "'", doubled: true, multiline: true },
      { open: '"', doubled: true, multiline: true },
      { open: '`', doubled: true, multiline: true },
    ],
  },
  {
    id: 'lua',
    name: 'Lua',
    extensions: ['lua', 'rockspec', 'luau'],
    lineComments: [{ start: '--' }],
    blockComments: [],
    strings: [DQ, SQ],
    features: ['longBrackets'],
    longBracketComment: '--',
  },
  {
    id: 'haskell',
    name: 'Haskell',
    extensions: ['hs', 'hsc', 'hs-boot'],
    lineComments: [],
    blockComments: [{ open: '{-', close: '-}', nests: true }],
    strings: [DQ],
    features: ['haskellDash', 'charLiteral'],
    primes: true,
  },
  { id: 'html', name: 'HTML', extensions: ['html', 'htm', 'xhtml', 'shtml', 'njk', 'hbs', 'handlebars', 'ejs', 'erb'], ...HTML_FAMILY },
  {
    id: 'xml',
    name: 'XML',
    extensions: ['xml', 'svg', 'xsd', 'xsl', 'xslt', 'plist', 'csproj', 'fsproj', 'vbproj', 'props', 'targets', 'xaml', 'resx', 'nuspec', 'wsdl', 'rss', 'atom', 'xul', 'pom'],
    ...HTML_FAMILY,
  },
  { id: 'vue', name: 'Vue', extensions: ['vue'], ...HTML_FAMILY },
  { id: 'svelte', name: 'Svelte', extensions: ['svelte'], ...HTML_FAMILY },
  {
    id: 'makefile',
    name: 'Makefile',
    extensions: ['mk', 'mak', 'make'],
    filenames: ['makefile', 'gnumakefile', 'bsdmakefile'],
    lineComments: HASH_COMMENT,
    blockComments: [],
    strings: [
      { open: '"', escape: '\\', tabLinesOnly: true },
      { open: "'", tabLinesOnly: true },
    ],
    codeEscape: '\\',
  },
  {
    id: 'dockerfile',
    name: 'Dockerfile',
    extensions: ['dockerfile', 'containerfile'],
    filenames: ['dockerfile', 'containerfile'],
    filenamePrefixes: ['dockerfile.', 'containerfile.'],
    lineComments: [{ start: '#', lineStart: true }],
    blockComments: [],
    strings: [],
  },
  {
    id: 'cmake',
    name: 'CMake',
    extensions: ['cmake'],
    filenames: ['cmakelists.txt'],
    lineComments: HASH_COMMENT,
    blockComments: [],
    strings: [DQ_MULTI],
    features: ['longBrackets'],
    longBracketComment: '#',
  },
  {
    id: 'elixir',
    name: 'Elixir',
    extensions: ['ex', 'exs', 'heex', 'leex'],
    filenames: ['mix.lock'],
    lineComments: HASH_COMMENT,
    blockComments: [],
    strings: [
      { open: '"""', escape: '\\', multiline: true, interpolation: HASH_BRACE },
      { open: "'''", escape: '\\', multiline: true, interpolation: HASH_BRACE },
      { ...DQ_MULTI, interpolation: HASH_BRACE },
      { ...SQ_MULTI, interpolation: HASH_BRACE },
    ],
    features: ['elixirSigil', 'questionChar'],
    identifierSuffix: '?!',
  },
  {
    id: 'erlang',
    name: 'Erlang',
    extensions: ['erl', 'hrl', 'escript', 'app.src'],
    filenames: ['rebar.config', 'sys.config'],
    lineComments: [{ start: '%' }],
    blockComments: [],
    strings: [{ open: '"""', multiline: true }, DQ_MULTI, SQ_MULTI],
    features: ['dollarChar'],
  },
  {
    id: 'clojure',
    name: 'Clojure',
    extensions: ['clj', 'cljs', 'cljc', 'edn', 'bb'],
    lineComments: [{ start: ';' }],
    blockComments: [],
    strings: [DQ_MULTI],
    features: ['backslashChar'],
  },
  {
    id: 'julia',
    name: 'Julia',
    extensions: ['jl'],
    lineComments: HASH_COMMENT,
    blockComments: [{ open: '#=', close: '=#', nests: true }],
    strings: [
      { open: '"""', escape: '\\', multiline: true, interpolation: DOLLAR_PAREN },
      { ...DQ_MULTI, interpolation: DOLLAR_PAREN },
      { open: '```', escape: '\\', multiline: true },
      { open: '`', escape: '\\', multiline: true },
    ],
    features: ['charLiteral'],
    primes: true,
  },
  {
    id: 'terraform',
    name: 'Terraform / HCL',
    extensions: ['tf', 'tfvars', 'hcl', 'nomad', 'tftest.hcl'],
    lineComments: [{ start: '#' }, { start: '//' }],
    blockComments: [{ open: '/*', close: '*/' }],
    strings: [{ ...DQ, interpolation: [{ open: '${', bracket: '{' }, { open: '%{', bracket: '{' }] }],
    features: ['heredoc'],
    heredoc: { open: '<<', flags: '-', quotes: '', space: false, indentedClose: 'always' },
  },
  { id: 'proto', name: 'Protocol Buffers', extensions: ['proto'], ...SLASH_COMMENTS, strings: [DQ, SQ] },
  {
    id: 'graphql',
    name: 'GraphQL',
    extensions: ['graphql', 'graphqls', 'gql'],
    lineComments: HASH_COMMENT,
    blockComments: [],
    strings: [{ open: '"""', escape: '\\', multiline: true }, DQ],
  },
];

/** The PHP code between `<?php` and `?>`; the `php` entry above is the markup host that embeds it. */
export const PHP_CODE: LanguageSyntax = {
  id: 'php',
  name: 'PHP',
  extensions: [],
  lineComments: [{ start: '//' }, { start: '#', notFollowedBy: '[' }],
  blockComments: [{ open: '/*', close: '*/' }],
  strings: [
    SQ_MULTI,
    { ...DQ_MULTI, interpolation: [{ open: '{$', bracket: '{' }] },
    { open: '`', escape: '\\', multiline: true },
  ],
  features: ['heredoc'],
  heredoc: { open: '<<<', flags: '', quotes: `'"`, space: true, indentedClose: 'always', closeMayContinue: true },
  identifierChars: '$',
};

export const LANGUAGE_IDS: readonly string[] = LANGUAGES.map((l) => l.id);

const byId = new Map<string, LanguageSyntax>();
const byExtension = new Map<string, LanguageSyntax>();
const byFilename = new Map<string, LanguageSyntax>();
const byPrefix: Array<[string, LanguageSyntax]> = [];
for (const lang of LANGUAGES) {
  byId.set(lang.id, lang);
  for (const ext of lang.extensions) byExtension.set(ext, lang);
  for (const name of lang.filenames ?? []) byFilename.set(name, lang);
  for (const prefix of lang.filenamePrefixes ?? []) byPrefix.push([prefix, lang]);
}

export function languageById(id: string): LanguageSyntax | undefined {
  return byId.get(id);
}

/**
 * The syntax for a file, by basename (`Makefile`, `Dockerfile.dev`, `.bashrc`, case-insensitive) or else by
 * extension (case-insensitive: `.R` and `.r`). Two-part extensions such as `.tftest.hcl` are tried before the last one.
 */
export function languageForPath(path: string): LanguageSyntax | undefined {
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  const base = path.slice(slash + 1).toLowerCase();
  if (base === '') return undefined;
  const named = byFilename.get(base);
  if (named) return named;
  for (const [prefix, lang] of byPrefix) if (base.startsWith(prefix) && base.length > prefix.length) return lang;
  const last = base.lastIndexOf('.');
  if (last < 0) return undefined;
  const before = base.lastIndexOf('.', last - 1);
  if (before >= 0) {
    const double = byExtension.get(base.slice(before + 1));
    if (double) return double;
  }
  return byExtension.get(base.slice(last + 1));
}

/** Whether citations are looked for in this file (its type is in the table). */
export function isSourcePath(path: string): boolean {
  return languageForPath(path) !== undefined;
}
