// Citations live in comments, in every supported language, never in literals [^ci1c] [^ci4s].
import * as assert from 'node:assert/strict';
import { citationsInComments, commentSpansForPath, findCitations, isInComment } from '../../server/src/core/comments/citations';
import { scanComments, uniformSyntax } from '../../server/src/core/comments/comments';
import { isSourcePath, LANGUAGE_IDS, LANGUAGES, languageById, languageForPath, PHP_CODE } from '../../server/src/core/comments/languages';
import { LineIndex } from '../../server/src/core/text/lineIndex';
import { brief, diagnosticsOf, memoryWorkspace } from '../helpers/workspace';

/**
 * Fixture convention: every citation that must be found is written `[^okN]`, every trap that must not be found
 * `[^noN]` (or an id such as `a-z` inside a regex). Each test asserts the exact list of ids found, in order.
 */
const src = (...lines: string[]): string => lines.join('\n');
const ids = (path: string, text: string): string[] => findCitations(path, text).citations.map((c) => c.id);
/** The text of each comment span, for tests about what counts as a comment. */
const comments = (path: string, text: string): string[] => (commentSpansForPath(path, text) ?? []).map((s) => text.slice(s.start, s.end));

interface Case {
  name: string;
  path: string;
  text: string;
  expected: string[];
}

const languageCases: Case[] = [
  {
    name: 'C: strings, char literals, digit separators, line continuation',
    path: 'src/parse.c',
    text: src(
      '#include <stdio.h>',
      '// Parses input [^ok1]',
      'const char *re = "[^no1] // not a comment";',
      "char q = '\"'; /* block [^ok2] */",
      "char r = '\\''; int n = 1'000; // [^ok3]",
      '/* multi',
      ' * line [^ok4]',
      ' */',
      '#define X "/* [^no2] */"',
      '// continued \\',
      '   on the next line [^ok5]',
      'int after; /* [^ok6] */',
    ),
    expected: ['ok1', 'ok2', 'ok3', 'ok4', 'ok5', 'ok6'],
  },
  {
    name: 'C++: raw strings with and without delimiters',
    path: 'src/x.cpp',
    text: src(
      'auto a = R"([^no1] // )"; // [^ok1]',
      'auto b = R"xy(a )" [^no2] // )xy"; // [^ok2]',
      'auto c = u8R"(/* [^no3] */)"; /* [^ok3] */',
      'auto d = L"\\" [^no4]"; // [^ok4]',
    ),
    expected: ['ok1', 'ok2', 'ok3', 'ok4'],
  },
  {
    name: 'C++ header (.hpp)',
    path: 'include/x.hpp',
    text: src('// [^ok1]', 'std::string s = "// [^no1]";'),
    expected: ['ok1'],
  },
  {
    name: 'Objective-C: @"…" strings',
    path: 'App/View.m',
    text: src('NSString *s = @"// [^no1]"; // [^ok1]', '/* [^ok2] */'),
    expected: ['ok1', 'ok2'],
  },
  {
    name: 'C#: verbatim, interpolated, raw strings',
    path: 'src/Auth.cs',
    text: src(
      'var a = @"C:\\path\\ ""[^no1]"" // x"; // [^ok1]',
      'var b = $"{x} [^no2] {y["k"]}"; /* [^ok2] */',
      'var c = """',
      '  raw "[^no3]" "" // not',
      '  """; // [^ok3]',
      'var d = $@"{a} ""[^no4]"""; char e = \'"\'; // [^ok4]',
      '/// <summary>Doc [^ok5]</summary>',
    ),
    expected: ['ok1', 'ok2', 'ok3', 'ok4', 'ok5'],
  },
  {
    name: 'Java: text blocks, char literals, regex in a string',
    path: 'src/Main.java',
    text: src(
      'String s = "[^no1] /* no */";',
      'String t = """',
      '    text block "[^no2]" // no',
      '    """;',
      "char c = '\"'; // [^ok1]",
      '/** Javadoc [^ok2] */',
      'Pattern p = Pattern.compile("[^a-z]");',
    ),
    expected: ['ok1', 'ok2'],
  },
  {
    name: 'Kotlin: templates with nested quotes, raw strings, nested comments',
    path: 'app/Main.kt',
    text: src(
      'val s = "${map["[^no1]"]} // no"',
      'val r = """raw ${x} [^no2] // """',
      '/* a /* b */ [^ok1] */',
      "val c = '\"' // [^ok2]",
    ),
    expected: ['ok1', 'ok2'],
  },
  {
    name: 'Kotlin script (.kts)',
    path: 'build.gradle.kts',
    text: src('plugins { id("x") } // [^ok1]', 'val u = "http://[^no1]"'),
    expected: ['ok1'],
  },
  {
    name: 'Scala: interpolators, triple quotes, symbols and chars',
    path: 'src/A.scala',
    text: src(
      's"${a("[^no1]")} [^no2]"',
      'val t = """[^no3] // """',
      "val sym = 'sym // [^ok1]",
      "val c = '\"' // [^ok2]",
      '/* x /* y */ [^ok3] */',
    ),
    expected: ['ok1', 'ok2', 'ok3'],
  },
  {
    name: 'Swift: interpolation, raw strings, multi-line strings, nested comments',
    path: 'Sources/App.swift',
    text: src(
      'let a = "\\(f("[^no1]")) [^no2]"',
      'let b = #"raw \\(x) "[^no3]" "#',
      'let c = """',
      '  multi [^no4] // no',
      '  """',
      '/* /* */ [^ok1] */',
      '// [^ok2]',
    ),
    expected: ['ok1', 'ok2'],
  },
  {
    name: 'Go: raw strings in backquotes, runes',
    path: 'pkg/auth/session.go',
    text: src('s := `raw // [^no1]`', "r := '\"' // [^ok1]", '/* [^ok2] */', 're := regexp.MustCompile("[^a-z]")'),
    expected: ['ok1', 'ok2'],
  },
  {
    name: 'Rust: raw strings, byte strings, chars versus lifetimes, nested comments',
    path: 'src/lib.rs',
    text: src(
      'let s = r#"[^no1] // "#; // [^ok1]',
      "let c = '\"'; // [^ok2]",
      "fn f<'a>(x: &'a str) -> &'a str { x } // [^ok3]",
      '/* a /* b */ [^ok4] */',
      'let b = br##"x"# [^no2] "##;',
      "let bc = b'\"'; let e = '\\''; // [^ok5]",
      '/// Doc comment [^ok6]',
      'let m = "multi',
      ' line [^no3] // no";',
    ),
    expected: ['ok1', 'ok2', 'ok3', 'ok4', 'ok5', 'ok6'],
  },
  {
    name: 'a regex character class named in a comment is not a citation; an id that only looks like one is',
    path: 'src/signature.ts',
    text: src(
      '// Replace [^a-z0-9] with a single space, then [^A-Za-z_] and [^0-9a-f.-] too.',
      '// Normalised as [^ok1]; ids with a letter of their own: [^data-f] [^api-v2]',
    ),
    expected: ['ok1', 'data-f', 'api-v2'],
  },
  {
    name: 'Markdown footnote syntax explained in a comment is not a citation: a definition line and the references of the note it defines, an image-like `![^x]`',
    path: 'notes/render.go',
    text: src(
      '// A note is written later in the page as a definition:',
      '//',
      '//\t[^no1]: The note itself, on a line of its own.',
      '/* and in a block comment, shown as code:',
      ' *     [^no2]: Another note.',
      ' * [^ok5]: a citation with its reason after a colon (one blank after the marker: text, not quoted code)',
      ' */',
      '// [^ok4]: the same in a line comment',
      '// An image-like ![^no3] is a deferred note, not a citation.',
      '// Cited with a colon after it, later in the line: [^ok1]: the rule. Or [^ok2] alone.',
      '// (see [^ok3]): a bracket before it is text too',
      '// The page refers to it as [^no1] in its text; [^no2] too.',
    ),
    expected: ['ok5', 'ok4', 'ok1', 'ok2', 'ok3'],
  },
  {
    name: 'JavaScript: regex literals, strings, nested template literals, division',
    path: 'src/app.js',
    text: src(
      'const re = /[^a-z]/g; // [^ok1]',
      'const re2 = /\\/\\/ not a comment [^no1]/;',
      "const s = '[^no2]', d = \"// [^no3]\";",
      'const t = `template ${a + `nested ${b} [^no4]`} // [^no5]`;',
      '/* block [^ok2] */',
      'const x = a / b; // [^ok3]',
      'if (x) return /[^b]/.test(y);',
      'const y = (a) / 2 / 3; // [^ok4]',
    ),
    expected: ['ok1', 'ok2', 'ok3', 'ok4'],
  },
  {
    name: 'JSX: comments in braces, attribute strings',
    path: 'src/view.jsx',
    text: src('const v = <div className="[^no1]">{/* [^ok1] */}</div>; // [^ok2]', 'const r = /[^no2]/;'),
    expected: ['ok1', 'ok2'],
  },
  {
    name: 'TypeScript: generics, regex after keywords, comments inside ${} are comments',
    path: 'src/a.ts',
    text: src(
      'const m: Map<string, RegExp> = new Map(); // [^ok1]',
      'function f(s: string) { return /[^x-y]/.test(s); }',
      'const t = `${ a /* [^ok2] */ } and [^no1]`;',
      "type T = 'a' | '[^no2]';",
    ),
    expected: ['ok1', 'ok2'],
  },
  {
    name: 'TSX: attribute strings',
    path: 'src/c.tsx',
    text: src('export const C = () => <a href="http://x/[^no1]">x</a>; // [^ok1]'),
    expected: ['ok1'],
  },
  {
    name: 'Dart: raw strings, interpolation, nested comments',
    path: 'lib/main.dart',
    text: src(
      "var r = r'C:\\dir\\'; // [^ok1]",
      "var s = '${m['k']} [^no1]';",
      "var t = '''[^no2] // ''';",
      '/* a /* b */ [^ok2] */',
    ),
    expected: ['ok1', 'ok2'],
  },
  {
    name: 'PHP: HTML around, //, #, /* */, not #[ attributes, heredoc',
    path: 'web/index.php',
    text: src(
      '<html><!-- [^ok1] --><body title="[^no0]">',
      '<?php',
      '// [^ok2]',
      '# [^ok3]',
      "#[Attribute('x')]",
      "$s = \"[^no1] // no {$a['[^no5]']}\"; $t = 'it\\'s # [^no2]';",
      '$h = <<<EOT',
      '  # [^no3]',
      '  EOT;',
      '/* [^ok4] */ // [^ok5] ?><p>[^no4]</p>',
      '<?= $x ?> <!-- [^ok6] -->',
    ),
    expected: ['ok1', 'ok2', 'ok3', 'ok4', 'ok5', 'ok6'],
  },
  {
    name: 'CSS: only /* */ comments',
    path: 'styles/site.css',
    text: src('a::after { content: "/* [^no1] */"; } /* [^ok1] */', 'a { background: url(//cdn/[^no2].png); }', '// [^no3] is not a comment in CSS'),
    expected: ['ok1'],
  },
  {
    name: 'SCSS: // comments, but not in url(//…)',
    path: 'styles/site.scss',
    text: src('// [^ok1]', 'a { background: url(//cdn.example.com/[^no1].png); }', '$x: "// [^no2]"; /* [^ok2] */'),
    expected: ['ok1', 'ok2'],
  },
  {
    name: 'Less',
    path: 'styles/site.less',
    text: src("@s: '[^no1]'; // [^ok1]", '/* [^ok2] */'),
    expected: ['ok1', 'ok2'],
  },
  {
    name: 'Python: # comments and docstrings, not assigned triple-quoted strings',
    path: 'app/auth.py',
    text: src(
      '"""Module docstring [^ok1]."""',
      'import re',
      'PATTERN = re.compile(r"[^a-z]")  # [^ok2]',
      'SQL = """',
      "SELECT '[^no1]'  -- [^no2]",
      '"""',
      'def f(x):',
      '    """Function docstring [^ok3]."""',
      "    s = f\"{x['k']} [^no3] {'#'}\"  # [^ok4]",
      '    t = (',
      '        """[^no4]"""',
      '    )',
      '    u = \\',
      '        """[^no5]"""',
      '    return x',
      'class C:',
      "    r'''Raw docstring [^ok5]'''",
    ),
    expected: ['ok1', 'ok2', 'ok3', 'ok4', 'ok5'],
  },
  {
    name: 'Python stubs (.pyi) and f-strings with nested quotes (3.12)',
    path: 'app/types.pyi',
    text: src('x: int  # [^ok1]', 'y = f"{d["[^no1]"]} # [^no2]"', "b = rb'\\x00 # [^no3]'"),
    expected: ['ok1'],
  },
  {
    name: 'Ruby: interpolation, regex, %w, =begin, heredoc, ?c, __END__',
    path: 'lib/auth.rb',
    text: src(
      '# [^ok1]',
      's = "#{x} [^no1] # no"',
      'r = /[^a-z]/ # [^ok2]',
      'ok = s =~ /# [^no2]/',
      't = %w[a [^no3] b]',
      '=begin',
      'block [^ok3]',
      '=end',
      'h = <<~EOS',
      '  # [^no4]',
      'EOS',
      'c = ?# # [^ok4]',
      "v = $' + 'x # [^no6]' # [^ok5]",
      '__END__',
      '# [^no5]',
    ),
    expected: ['ok1', 'ok2', 'ok3', 'ok4', 'ok5'],
  },
  {
    name: 'Ruby by basename (Rakefile, Gemfile)',
    path: 'Rakefile',
    text: src('task :x do # [^ok1]', '  sh "echo # [^no1]"', 'end'),
    expected: ['ok1'],
  },
  {
    name: 'Shell: # at word starts only, quotes, $#, ${#var}, heredocs',
    path: 'scripts/deploy.sh',
    text: src(
      '#!/bin/bash',
      '# [^ok1]',
      'echo "#[^no1]" \'# [^no2]\' a#[^no3]',
      'n=${#arr[@]}  # [^ok2]',
      'echo $# # [^ok3]',
      'cat <<\'EOF\'',
      '# [^no4]',
      'EOF',
      'echo done;# [^ok4]',
      "echo $'it\\'s # [^no5]' \"$(echo \"# [^no6]\")\" # [^ok5]",
      'echo don\\\'t # [^ok6]',
    ),
    expected: ['ok1', 'ok2', 'ok3', 'ok4', 'ok5', 'ok6'],
  },
  {
    name: 'Zsh: indented heredoc (<<-)',
    path: 'scripts/x.zsh',
    text: src('cat <<-EOF', '\t# [^no1]', '\tEOF', '# [^ok1]'),
    expected: ['ok1'],
  },
  {
    name: 'Fish',
    path: 'conf.d/x.fish',
    text: src("echo 'it\\'s # [^no1]' # [^ok1]", 'echo a#[^no2]'),
    expected: ['ok1'],
  },
  {
    name: 'YAML: # outside quoted scalars, block scalars',
    path: '.github/workflows/ci.yml',
    text: src(
      '# [^ok1]',
      'key: "# [^no1]"',
      "other: 'it''s # [^no2]'",
      'plain: a#[^no3]',
      'url: http://x#[^no4]  # [^ok2]',
      "text: don't # [^ok3]",
      'script: |  # [^ok4]',
      '  # [^no5]',
      '  echo hi',
      'steps:',
      '  - run: >-',
      '      # [^no6]',
      '    name: x # [^ok5]',
      'next: value # [^ok6]',
    ),
    expected: ['ok1', 'ok2', 'ok3', 'ok4', 'ok5', 'ok6'],
  },
  {
    name: 'TOML: basic, literal and multi-line strings',
    path: 'pyproject.toml',
    text: src('# [^ok1]', 'a = "# [^no1]"', "b = '# [^no2]'", 'c = """', '# [^no3]', '"""', 'd = 1 # [^ok2]'),
    expected: ['ok1', 'ok2'],
  },
  {
    name: 'Perl: $#, s///, qw, qr{}, heredoc, POD, __END__',
    path: 'lib/Auth.pm',
    text: src(
      '# [^ok1]',
      'my $n = $#array; # [^ok2]',
      'my $s = "# [^no1]";',
      '$x =~ s/#[^no2]/y/g; # [^ok3]',
      'my @w = qw(# [^no3]);',
      'my $r = qr{[^a-z]};',
      'if ($x =~ /[^b]/) { }',
      'my $d = $u // 0; # [^ok4]',
      'print <<"EOT";',
      '# [^no4]',
      'EOT',
      '',
      '=pod',
      '',
      'Docs [^ok5]',
      '',
      '=cut',
      '',
      '__END__',
      '# [^no5]',
      '=head1 MORE',
      'POD after the data marker [^ok6]',
    ),
    expected: ['ok1', 'ok2', 'ok3', 'ok4', 'ok5', 'ok6'],
  },
  {
    name: 'Perl tests (.t)',
    path: 't/basic.t',
    text: src('ok(1, "# [^no1]"); # [^ok1]'),
    expected: ['ok1'],
  },
  {
    name: 'R: strings, raw strings, backquoted names',
    path: 'analysis/model.R',
    text: src('x <- "# [^no1]" # [^ok1]', 'y <- r"(# [^no2])"', '`odd # [^no3]` <- 1 # [^ok2]'),
    expected: ['ok1', 'ok2'],
  },
  {
    name: 'SQL: -- and /* */, doubled quotes',
    path: 'db/schema.sql',
    text: src("SELECT '--[^no1]', 'it''s -- [^no2]' -- [^ok1]", 'FROM "col -- [^no3]" /* [^ok2] */', 'WHERE x = 1; -- [^ok3]'),
    expected: ['ok1', 'ok2', 'ok3'],
  },
  {
    name: 'Lua: long comments and long strings by level',
    path: 'init.lua',
    text: src(
      '--[[ block [^ok1] ]]',
      '--[==[ [^ok2] ]] still ]==]',
      'local s = [[ -- [^no1] ]]',
      'local t = "--[^no2]"',
      'local u = [=[ ]] [^no3] ]=] -- [^ok3]',
    ),
    expected: ['ok1', 'ok2', 'ok3'],
  },
  {
    name: 'Haskell: -- but not operators, nested {- -}, primes and chars',
    path: 'src/Main.hs',
    text: src(
      'x = a --> b -- [^ok1]',
      'y = a |-- [^no1]',
      '{- a {- b -} [^ok2] -}',
      's = "-- [^no2]"',
      "z = foldl' f z xs -- [^ok3]",
      "c = '\"' -- [^ok4]",
      '--- [^ok5]',
    ),
    expected: ['ok1', 'ok2', 'ok3', 'ok4', 'ok5'],
  },
  {
    name: 'HTML: comments, attribute values, script and style',
    path: 'public/index.html',
    text: src(
      '<!-- [^ok1] -->',
      '<a title="<!-- [^no1] -->" href=\'x\'>[^no2]</a>',
      '<script>',
      '  // [^ok2]',
      '  const s = "</div> <!-- [^no3] -->";',
      '  /* [^ok3] */ const r = /[^a-z]/;',
      '</script>',
      '<style>',
      '  /* [^ok4] */ a { content: "/* [^no4] */" }',
      '</style>',
      '<script type="application/json">{"a": "// [^no5]"}</script>',
    ),
    expected: ['ok1', 'ok2', 'ok3', 'ok4'],
  },
  {
    name: 'XML and SVG: comments, attributes, CDATA, processing instructions',
    path: 'assets/icon.svg',
    text: src('<?xml version="1.0"?><!-- [^ok1] -->', '<a b="<!-- [^no1] -->"><![CDATA[ <!-- [^no2] --> ]]></a>', '<!-- multi', 'line [^ok2] -->'),
    expected: ['ok1', 'ok2'],
  },
  {
    name: 'Vue: template comments, <script lang="ts">, <style lang="scss">',
    path: 'src/App.vue',
    text: src(
      '<template><!-- [^ok1] --><div :title="\'[^no1]\'" /></template>',
      '<script setup lang="ts">',
      '// [^ok2]',
      'const r = /[^a-z]/',
      '</script>',
      '<style lang="scss">// [^ok3]',
      'a { b: "// [^no2]" }</style>',
    ),
    expected: ['ok1', 'ok2', 'ok3'],
  },
  {
    name: 'Svelte',
    path: 'src/App.svelte',
    text: src('<script>', '  let s = "[^no1]"; // [^ok1]', '</script>', '<!-- [^ok2] -->', '<p title="[^no2]">{s}</p>', '<style>/* [^ok3] */</style>'),
    expected: ['ok1', 'ok2', 'ok3'],
  },
  {
    name: 'Makefile: # comments, \\#, quotes on recipe lines',
    path: 'Makefile',
    text: src('# [^ok1]', 'CC = gcc # [^ok2]', 'X = a\\#[^no1]', 'all:', '\techo "# [^no2]" # [^ok3]'),
    expected: ['ok1', 'ok2', 'ok3'],
  },
  {
    name: 'Dockerfile: only lines starting with #',
    path: 'docker/Dockerfile.dev',
    text: src('# [^ok1]', 'FROM node:20', 'RUN echo "# [^no1]"', '  # [^ok2]', 'ENV A=b#[^no2]'),
    expected: ['ok1', 'ok2'],
  },
  {
    name: 'Groovy / Gradle: GStrings, slashy and dollar-slashy strings',
    path: 'build.gradle',
    text: src('def s = "${a} [^no1]"', 'def r = /[^a-z]/ // [^ok1]', "def t = '''[^no2]'''", 'def u = $/ [^no3] /$', '/* [^ok2] */'),
    expected: ['ok1', 'ok2'],
  },
  {
    name: 'Elixir: interpolation, sigils, ?c, heredocs',
    path: 'lib/app.ex',
    text: src('# [^ok1]', 's = "#{x} [^no1]"', 'r = ~r/#[^no2]/', 'c = ?# # [^ok2]', 'd = """', '# [^no3]', '"""', 'e = valid?(x) # [^ok3]'),
    expected: ['ok1', 'ok2', 'ok3'],
  },
  {
    name: 'Erlang: % comments, $c characters, atoms',
    path: 'src/app.erl',
    text: src('% [^ok1]', 'S = "% [^no1]",', 'C = $%, % [^ok2]', "A = '% [^no2]'."),
    expected: ['ok1', 'ok2'],
  },
  {
    name: 'Clojure: ; comments and \\; characters',
    path: 'src/core.clj',
    text: src('; [^ok1]', '(def s "; [^no1]")', '(def c \\;) ; [^ok2]', '(re-find #"[^a-z]" s)'),
    expected: ['ok1', 'ok2'],
  },
  {
    name: 'Julia: nested #= =#, interpolation, transpose versus chars',
    path: 'src/m.jl',
    text: src('# [^ok1]', '#= nested #= [^ok2] =# still =#', 's = "$(f("#")) [^no1]"', "a = x' # [^ok3]", "c = '\"' # [^ok4]", 'd = """[^no2]"""'),
    expected: ['ok1', 'ok2', 'ok3', 'ok4'],
  },
  {
    name: 'PowerShell: <# #>, backtick escapes, here-strings',
    path: 'build.ps1',
    text: src('# [^ok1]', '<# block [^ok2] #>', '$s = "a`"# [^no1]"', "$t = 'it''s # [^no2]'", 'Write-Host a#[^no3]', '$h = @"', '# [^no4]', '"@', '$x = 1 # [^ok3]'),
    expected: ['ok1', 'ok2', 'ok3'],
  },
  {
    name: 'Terraform / HCL: #, //, /* */, interpolation, heredocs',
    path: 'infra/main.tf',
    text: src('# [^ok1]', '// [^ok2]', '/* [^ok3] */', 'name = "${var.x} # [^no1]"', 'doc = <<-EOT', '  # [^no2]', '  EOT', 'x = 1 # [^ok4]'),
    expected: ['ok1', 'ok2', 'ok3', 'ok4'],
  },
  {
    name: 'Protocol Buffers',
    path: 'api/v1/auth.proto',
    text: src('// [^ok1]', 'option (x) = "// [^no1]";', '/* [^ok2] */'),
    expected: ['ok1', 'ok2'],
  },
  {
    name: 'GraphQL: # comments, block strings',
    path: 'schema.graphql',
    text: src('# [^ok1]', '"""', 'Description [^no1] # no', '"""', 'type A { b: String @deprecated(reason: "# [^no2]") } # [^ok2]'),
    expected: ['ok1', 'ok2'],
  },
  {
    name: 'INI: ; and # at line start only',
    path: 'config/app.ini',
    text: src('; [^ok1]', '  # [^ok2]', 'key = value ; [^no1]', 'url = http://x#[^no2]'),
    expected: ['ok1', 'ok2'],
  },
  {
    name: 'CMake: # and #[[ ]] comments, bracket arguments',
    path: 'CMakeLists.txt',
    text: src('# [^ok1]', '#[[ [^ok2] ]]', 'set(X "# [^no1]")', 'set(Y [=[ # [^no2] ]=]) # [^ok3]'),
    expected: ['ok1', 'ok2', 'ok3'],
  },
  {
    name: 'Starlark / Bazel BUILD files',
    path: 'pkg/BUILD.bazel',
    text: src('# [^ok1]', 'srcs = ["#[^no1]"]'),
    expected: ['ok1'],
  },
  {
    name: 'Java properties',
    path: 'src/main/resources/app.properties',
    text: src('# [^ok1]', '! [^ok2]', 'key=value # [^no1]'),
    expected: ['ok1', 'ok2'],
  },
];

describe('findCitations: per language', () => {
  for (const c of languageCases) {
    it(c.name, () => {
      assert.deepEqual(ids(c.path, c.text), c.expected);
    });
  }
});

describe('findCitations: results', () => {
  it('reports exact offsets of the citation and of its id', () => {
    const text = 'let a = 1; // see [^au3f] and [^b.2:x-y]';
    const found = findCitations('src/a.ts', text);
    assert.equal(found.language, 'typescript');
    const start = text.indexOf('[^au3f]');
    assert.deepEqual(found.citations[0], { id: 'au3f', start, end: start + 7, idStart: start + 2, idEnd: start + 6 });
    const second = found.citations[1]!;
    assert.equal(second.id, 'b.2:x-y');
    assert.equal(text.slice(second.start, second.end), '[^b.2:x-y]');
    assert.equal(text.slice(second.idStart, second.idEnd), 'b.2:x-y');
  });

  it('gives UTF-16 positions after non-ASCII text (emoji before the citation)', () => {
    const text = src('fn main() {}', '// 🚀 café [^ok1] ok');
    const [c] = findCitations('src/main.rs', text).citations;
    assert.ok(c);
    const lines = new LineIndex(text);
    // "// " is 3 code units, the rocket 2, " café " 6: the citation starts at character 11.
    assert.deepEqual(lines.positionAt(c.start), { line: 1, character: 11 });
    assert.deepEqual(lines.rangeOf(c.idStart, c.idEnd), { start: { line: 1, character: 13 }, end: { line: 1, character: 16 } });
  });

  it('ignores ids that do not match the grammar and `[^…]` without a closing bracket', () => {
    assert.deepEqual(ids('a.ts', '// [^] [^-x] [^.x] [^a b] [^ok1] [^ok2 [^ok3]'), ['ok1', 'ok3']);
  });

  it('skips citations inside backtick code spans and escaped ones', () => {
    const text = src(
      '// matches `[^a-z]` but cites [^ok1]',
      '// ``code with ` and [^no1]`` then [^ok2]',
      '// an unclosed ` backtick still allows [^ok3]',
      '// escaped \\[^no2] but not \\\\[^ok4]',
      '/* a `span',
      '   [^ok5]` does not cross lines */',
    );
    assert.deepEqual(ids('src/a.ts', text), ['ok1', 'ok2', 'ok3', 'ok4', 'ok5']);
  });

  it('returns no citations and no language for unknown file types, including Markdown', () => {
    assert.deepEqual(findCitations('notes.txt', '// [^x]'), { citations: [] });
    assert.deepEqual(findCitations('specs/auth.md', 'Text [^x]'), { citations: [] });
    assert.deepEqual(findCitations('LICENSE', '# [^x]'), { citations: [] });
  });

  it('returns the language even when the text has no `[^` at all', () => {
    assert.deepEqual(findCitations('a.py', 'x = 1  # nothing here'), { language: 'python', citations: [] });
  });

  describe('a comment citing several clauses at once [^ci2m]', () => {
    /** Each citation as `id=<text of its range>|<text of its id range>`. */
    const cited = (path: string, text: string): string[] =>
      findCitations(path, text).citations.map((c) => `${c.id}=${text.slice(c.start, c.end)}|${text.slice(c.idStart, c.idEnd)}`);

    it('`[^a, ^b]` (a pytest file\'s `# Test: … [^cmd1b, ^yaml1c]`) cites each id with its exact range', () => {
      const text = src('def check(path):', '    # Test: YAML frontmatter valid [^cmd1b, ^yaml1c]', '    return True');
      assert.deepEqual(cited('specs/tests/validate.py', text), ['cmd1b=[^cmd1b|cmd1b', 'yaml1c=^yaml1c]|yaml1c']);
      const [a, b] = findCitations('specs/tests/validate.py', text).citations;
      const lines = new LineIndex(text);
      assert.deepEqual(lines.rangeOf(a!.idStart, a!.idEnd), { start: { line: 1, character: 37 }, end: { line: 1, character: 42 } });
      assert.deepEqual(lines.rangeOf(b!.idStart, b!.idEnd), { start: { line: 1, character: 45 }, end: { line: 1, character: 51 } });
    });

    it('`[^a][^b]`, `[^a,b]`, `[^a, b]` and three ids with blanks and tabs', () => {
      assert.deepEqual(cited('src/a.ts', '// [^a][^b]'), ['a=[^a]|a', 'b=[^b]|b']);
      assert.deepEqual(cited('src/a.ts', '// [^a,b]'), ['a=[^a|a', 'b=b]|b']);
      assert.deepEqual(cited('src/a.ts', '// [^a, b]'), ['a=[^a|a', 'b=b]|b']);
      assert.deepEqual(cited('src/a.go', '// [^x.1 ,\t^y:2 , z-3]'), ['x.1=[^x.1|x.1', 'y:2=^y:2|y:2', 'z-3=z-3]|z-3']);
    });

    it('a list that does not close, or has an empty item, cites nothing', () => {
      assert.deepEqual(ids('src/a.ts', '// [^a, ^b [^a,] [^a,,b] [^a, ^] [^ok1]'), ['ok1']);
    });

    it('each id of a list resolves on its own: an unknown one is reported at its own range', () => {
      const index = memoryWorkspace({
        'specs/cmd.md': '# Commands {#cmd}\n\nUse `.md` files[^cmd1b].\n\n[^cmd1b]: Files end in `.md`.\n',
        'tests/test_cmd.py': 'def test_md():\n    # Test: [^cmd1b, ^yaml1c]\n    pass\n',
      });
      const diagnostics = diagnosticsOf(index);
      assert.deepEqual(brief(diagnostics), ['citation.unknown-id@tests/test_cmd.py:2']);
      assert.deepEqual(diagnostics[0]!.range, { start: { line: 1, character: 22 }, end: { line: 1, character: 28 } });
      assert.equal(index.model().resolve('cmd1b').citations.length, 1);
    });
  });

  it('finds citations only inside the given spans (citationsInComments)', () => {
    const text = '[^no1] /* [^ok1] */ [^no2]';
    assert.deepEqual(citationsInComments(text, [{ start: 7, end: 19 }]).map((c) => c.id), ['ok1']);
  });
});

describe('findCitations: a comment block\'s own Markdown footnotes (rustdoc, JSDoc, docstrings) [^citations]', () => {
  /** Each citation's id, with ` (footnote)` when it is its comment block's own footnote. */
  const marked = (path: string, text: string): string[] =>
    findCitations(path, text).citations.map((c) => `${c.id}${c.footnote ? ' (footnote)' : ''}`);

  it('a label the block both defines (`[^x]: …` first on a comment line) and refers to is the block\'s own note; every other `[^id]` still cites', () => {
    const text = src(
      '//! Reads the header[^hdr-note] and checks it [^ok1].',
      '//!',
      '//! [^hdr-note]: The vendor fixes the layout.',
      '',
      '/// Retries twice[^why]; see [^ok2].',
      '///',
      '/// [^why]: Measured on the test rig.',
      'fn retry() {}',
      '',
      '// [^ok3]: a citation with its reason, alone in its block',
      '// [^ok4] cited twice in one block, no definition line',
      '// and again [^ok4]; a colon later in a line defines nothing: [^ok5]: and [^ok5]',
    );
    assert.deepEqual(marked('src/header.rs', text), [
      'hdr-note (footnote)',
      'ok1',
      'hdr-note (footnote)',
      'why (footnote)',
      'ok2',
      'why (footnote)',
      'ok3',
      'ok4',
      'ok4',
      'ok5',
      'ok5',
    ]);
  });

  it('code between two comments ends the block: a definition in another item\'s doc comment makes no footnote', () => {
    const text = src('/// Uses the cache[^ok1].', 'fn a() {}', "/// [^ok1]: the next item's doc comment", 'fn b() {}');
    assert.deepEqual(marked('src/cache.rs', text), ['ok1', 'ok1']);
  });

  it('a JSDoc block, a Python docstring and `#` comments: one block each', () => {
    const js = src('/**', ' * Alpha[^m] and bravo[^m].', ' *', ' * [^m]: About m.', ' */', 'export const x = 1; // [^ok1]');
    assert.deepEqual(marked('src/x.ts', js), ['m (footnote)', 'm (footnote)', 'm (footnote)', 'ok1']);
    const py = src('def total(xs):', '    """Sums with compensation[^kahan] [^ok1].', '', '[^kahan]: Kahan, 1965.', '    """');
    assert.deepEqual(marked('lib/total.py', py), ['kahan (footnote)', 'ok1', 'kahan (footnote)']);
    // Indented as a docstring's text usually is, the definition is quoted code (the earlier rule): no `[^kahan]` at all.
    assert.deepEqual(marked('lib/total.py', py.replace('\n[^kahan]', '\n    [^kahan]')), ['ok1']);
    const sh = src('# Mirrors the upstream list[^up].', '#', '# [^up]: fetched weekly', 'echo ok # [^ok1]');
    assert.deepEqual(marked('bin/sync.sh', sh), ['up (footnote)', 'up (footnote)', 'ok1']);
  });

  it('a footnote names no clause, so it is no unknown id; one whose label a clause has still cites it; the rest are reported as before', () => {
    const index = memoryWorkspace({
      'specs/sessions.md': '# Sessions\n\n## Expiry {#au3f}\n\nSessions expire after 30 minutes.\n',
      'src/session.rs': src(
        '//! Session handling[^impl].',
        '//!',
        '//! [^impl]: The store is in memory.',
        '',
        '/// Expires idle sessions [^au3f].',
        '///',
        '/// The timings come from the load test[^lt].',
        '///',
        '/// [^lt]: Run on one core.',
        'pub fn expire() {}',
        '',
        '/// Kept for the audit[^au3f].',
        '///',
        '/// [^au3f]: The expiry rule.',
        'pub fn audit() {}',
        '',
        '/// Uses the cache[^cache].',
        'pub fn cached() {}',
        "/// [^cache]: in the next item's doc comment",
        'pub fn other() {}',
        '// Not defined anywhere: [^au3g]',
      ),
    });
    assert.deepEqual(brief(diagnosticsOf(index)), [
      'citation.unknown-id@src/session.rs:17',
      'citation.unknown-id@src/session.rs:19',
      'citation.unknown-id@src/session.rs:21',
    ]);
    assert.deepEqual(
      index
        .model()
        .resolve('au3f')
        .citations.map((c) => c.range.start.line + 1),
      [5, 12, 14],
    );
  });

  it('finishes on many definition lines and many blocks', () => {
    const defs = Array.from({ length: 50_000 }, (_, i) => `/// [^n${i % 7}]: note${i % 3 ? '' : ' [^n1]'}`).join('\n');
    assert.equal(findCitations('a.rs', defs).citations.length, 50_000 + Math.ceil(50_000 / 3));
    const blocks = Array.from({ length: 50_000 }, () => '// a[^x]\nx();\n// [^x]: y').join('\nz();\n');
    assert.ok(findCitations('a.rs', blocks).citations.every((c) => !c.footnote));
    const line = `// ${'[^a]:'.repeat(50_000)}`;
    assert.equal(findCitations('a.rs', line).citations.length, 50_000);
  });
});

describe('findCitations: the lexer stops after the last `[^`', () => {
  it('finds what a lex of the whole file finds: every language case, and cuts inside docstrings, templates, heredocs and block comments', () => {
    const extra: Case[] = [
      { name: 'docstring', path: 'a.py', text: src('def f():', '    """Docs [^ok1]', '    more', '    """', '    return 1  # tail'), expected: ['ok1'] },
      { name: 'template', path: 'a.ts', text: src('const s = `[^no1] ${x /* c */} more', '`; // [^ok1] done', 'const t = 1;'), expected: ['ok1'] },
      { name: 'block comment', path: 'a.rs', text: src('/* outer /* [^ok1] */ still */', 'fn main() {}'), expected: ['ok1'] },
      { name: 'heredoc', path: 'a.sh', text: src('cat <<EOF', '[^no1]', 'EOF', '# [^ok1]', 'echo done'), expected: ['ok1'] },
    ];
    for (const c of [...languageCases, ...extra]) {
      const lang = languageForPath(c.path)!;
      const whole = citationsInComments(c.text, scanComments(lang, c.text));
      assert.deepEqual(findCitations(c.path, c.text).citations, whole, c.name);
      if (extra.includes(c)) assert.deepEqual(whole.map((x) => x.id), c.expected, c.name);
    }
    // The stop really leaves the rest unlexed: a comment after the last `[^` is not reported.
    const text = src('// [^ok1]', 'let a = 1;', '// after');
    assert.deepEqual(scanComments(languageForPath('a.rs')!, text, text.lastIndexOf('[^')).map((s) => text.slice(s.start, s.end)), ['// [^ok1]']);
  });
});

describe('scanComments: edge cases', () => {
  it('handles an empty file', () => {
    assert.deepEqual(ids('a.ts', ''), []);
    for (const lang of LANGUAGES) assert.deepEqual(scanComments(lang, ''), [], lang.id);
  });

  it('runs an unterminated block comment to the end of the file', () => {
    const text = 'x = 1; /* open [^ok1]\nstill [^ok2]';
    assert.deepEqual(ids('a.c', text), ['ok1', 'ok2']);
    assert.deepEqual(commentSpansForPath('a.c', text), [{ start: 7, end: text.length, kind: 'block', unterminated: true }]);
  });

  it('runs an unterminated string to the end of the file (multi-line) or of its line (single-line)', () => {
    assert.deepEqual(ids('a.rs', 'let s = "never closed [^no1]\n// [^no2]'), []);
    assert.deepEqual(ids('a.ts', 'const s = "never closed [^no1]\n// [^ok1]'), ['ok1']);
    assert.deepEqual(ids('a.py', 'x = """open [^no1]\n# [^no2]'), []);
    assert.deepEqual(ids('a.py', '"""open docstring [^ok1]'), ['ok1']);
  });

  it('supports CRLF line endings', () => {
    const text = ['# [^ok1]', 'x = "# [^no1]"', 'def f():', '    """Doc [^ok2]"""', '    return 1  # [^ok3]'].join('\r\n');
    const found = findCitations('a.py', text).citations;
    assert.deepEqual(found.map((c) => c.id), ['ok1', 'ok2', 'ok3']);
    const lines = new LineIndex(text);
    assert.deepEqual(lines.positionAt(found[2]!.start), { line: 4, character: 16 });
    assert.deepEqual(comments('a.py', text)[0], '# [^ok1]');
  });

  it('supports CR-only line endings', () => {
    const text = ['// [^ok1]', 'const s = "[^no1]";', 'x(); // [^ok2]', '/* a', '[^ok3] */'].join('\r');
    const found = findCitations('a.js', text).citations;
    assert.deepEqual(found.map((c) => c.id), ['ok1', 'ok2', 'ok3']);
    const lines = new LineIndex(text);
    assert.deepEqual(lines.positionAt(found[1]!.start), { line: 2, character: 8 });
    assert.deepEqual(lines.positionAt(found[2]!.start), { line: 4, character: 0 });
    assert.deepEqual(comments('a.js', text)[0], '// [^ok1]');
  });

  it('finishes on 100,000 `[^` inside a string and finds nothing', () => {
    const text = `const s = "${'[^'.repeat(100_000)}";\n// end`;
    assert.deepEqual(findCitations('a.ts', text).citations, []);
    const text2 = `x = '''${'[^x'.repeat(100_000)}'''\n# end`;
    assert.deepEqual(findCitations('a.py', text2).citations, []);
  });

  it('finishes on 100,000 citations in one comment and on pathological inputs', () => {
    const many = `/* ${'[^a]'.repeat(100_000)} */`;
    assert.equal(findCitations('a.c', many).citations.length, 100_000);
    // Each of these would be quadratic with naive look-aheads; they must simply finish.
    const inputs: Array<[string, string]> = [
      ['a.js', `x = ${'/['.repeat(50_000)} // [^ok]`],
      ['a.js', '`${'.repeat(20_000) + ' // [^x]'],
      ['a.rs', `${'/*'.repeat(50_000)} [^x]`],
      ['a.hs', `${'-'.repeat(100_000)}> [^x]`],
      ['a.lua', `${'[='.repeat(50_000)} -- [^ok]`],
      ['a.sh', `${'<<'.repeat(50_000)} # [^ok]`],
      ['a.ts', `// ${'`'.repeat(1000)} ${'``x'.repeat(10_000)} [^ok]`],
      ['a.yml', `${'a: |\n'.repeat(20_000)}# [^ok]`],
      ['a.html', `${'<script>'.repeat(20_000)} <!-- [^ok] -->`],
      ['a.pl', `${'s{'.repeat(20_000)} # [^ok]`],
    ];
    for (const [path, text] of inputs) assert.doesNotThrow(() => findCitations(path, text), path);
  });

  it('never throws on any language with odd input', () => {
    const odd = ['\\', "'", '"', '`', '/', '#', '<<', '<?', '${', '#{', '\\(', 'r#', 'R"(', '@"', '$"', '[[', '--[[', '{-', '=begin', '<!--', '<script>', '\r', '\uD83D'];
    for (const lang of LANGUAGES) {
      for (const s of odd) {
        for (const text of [s, `x ${s}`, `${s} [^a]`, `${s}\n// [^a] # [^a]`]) assert.doesNotThrow(() => scanComments(lang, text), `${lang.id}: ${JSON.stringify(text)}`);
      }
    }
  });

  it('reports comment spans in order and without overlaps', () => {
    const text = src('/* a */ // b', 'x = `${ /* c */ 1 }` // d', '/* e /* f */');
    const spans = commentSpansForPath('a.ts', text)!;
    assert.deepEqual(spans.map((s) => text.slice(s.start, s.end)), ['/* a */', '// b', '/* c */', '// d', '/* e /* f */']);
    for (let k = 1; k < spans.length; k++) assert.ok(spans[k - 1]!.end <= spans[k]!.start);
  });

  it('does not take PHP #[ attributes for comments', () => {
    assert.deepEqual(comments('a.php', src('<?php', "#[Route('/x')]", '# real', 'function f() {}')), ['# real']);
  });

  it('treats Python docstrings as comments only when they stand alone', () => {
    assert.deepEqual(comments('a.py', src('"""doc"""', 'x = """no"""', 'f("""no""")', '  b"""bytes doc"""')), ['"""doc"""', 'b"""bytes doc"""']);
  });
});

describe('isInComment', () => {
  const text = src('const a = 1; // see [^', 'const b = "// [^"; /* x */', '/* open');
  it('is true inside line comments, including at their end', () => {
    assert.equal(isInComment('a.ts', text, text.indexOf('see')), true);
    assert.equal(isInComment('a.ts', text, text.indexOf('\n')), true);
  });
  it('is false in code, strings, before a comment and after a closed block comment', () => {
    assert.equal(isInComment('a.ts', text, 3), false);
    assert.equal(isInComment('a.ts', text, text.indexOf('// [^"') + 3), false);
    assert.equal(isInComment('a.ts', text, text.indexOf('/* x')), false);
    assert.equal(isInComment('a.ts', text, text.indexOf('*/') + 2), false);
  });
  it('is true at the end of an unterminated block comment', () => {
    assert.equal(isInComment('a.ts', text, text.length), true);
  });
  it('is false for unknown file types', () => {
    assert.equal(isInComment('a.md', '<!-- x -->', 5), false);
  });
});

describe('languageForPath', () => {
  const expectations: Array<[string, string | undefined]> = [
    ['a.c', 'c'], ['a.h', 'c'], ['a.cc', 'cpp'], ['a.cpp', 'cpp'], ['a.cxx', 'cpp'], ['a.hpp', 'cpp'], ['a.hh', 'cpp'],
    ['a.m', 'objective-c'], ['a.mm', 'objective-cpp'], ['a.cs', 'csharp'], ['A.java', 'java'], ['a.kt', 'kotlin'],
    ['build.gradle.kts', 'kotlin'], ['a.scala', 'scala'], ['a.sc', 'scala'], ['a.swift', 'swift'], ['a.go', 'go'],
    ['a.rs', 'rust'], ['a.js', 'javascript'], ['a.mjs', 'javascript'], ['a.cjs', 'javascript'], ['a.jsx', 'javascriptreact'],
    ['a.ts', 'typescript'], ['a.mts', 'typescript'], ['a.cts', 'typescript'], ['a.d.ts', 'typescript'], ['a.tsx', 'typescriptreact'],
    ['a.dart', 'dart'], ['a.php', 'php'], ['a.css', 'css'], ['a.scss', 'scss'], ['a.less', 'less'], ['a.py', 'python'],
    ['a.pyi', 'python'], ['a.rb', 'ruby'], ['a.sh', 'shellscript'], ['a.bash', 'shellscript'], ['a.zsh', 'shellscript'],
    ['a.ksh', 'shellscript'], ['a.fish', 'fish'], ['a.yml', 'yaml'], ['a.yaml', 'yaml'], ['a.toml', 'toml'], ['a.pl', 'perl'],
    ['a.pm', 'perl'], ['a.t', 'perl'], ['a.r', 'r'], ['a.R', 'r'], ['a.sql', 'sql'], ['a.lua', 'lua'], ['a.hs', 'haskell'],
    ['a.html', 'html'], ['a.htm', 'html'], ['a.xml', 'xml'], ['a.svg', 'xml'], ['a.vue', 'vue'], ['a.svelte', 'svelte'],
    ['Makefile', 'makefile'], ['sub/makefile', 'makefile'], ['GNUmakefile', 'makefile'], ['rules.mk', 'makefile'],
    ['Dockerfile', 'dockerfile'], ['docker/Dockerfile.prod', 'dockerfile'], ['api.dockerfile', 'dockerfile'], ['Containerfile', 'dockerfile'],
    ['Rakefile', 'ruby'], ['Gemfile', 'ruby'], ['a.groovy', 'groovy'], ['build.gradle', 'groovy'], ['Jenkinsfile', 'groovy'],
    ['a.ex', 'elixir'], ['a.exs', 'elixir'], ['a.erl', 'erlang'], ['a.clj', 'clojure'], ['a.jl', 'julia'], ['a.ps1', 'powershell'],
    ['a.tf', 'terraform'], ['a.hcl', 'terraform'], ['a.proto', 'proto'], ['a.graphql', 'graphql'], ['a.gql', 'graphql'], ['a.ini', 'ini'],
    ['CMakeLists.txt', 'cmake'], ['BUILD', 'starlark'], ['.bashrc', 'shellscript'],
    ['SRC/MAIN.PY', 'python'], ['Main.JAVA', 'java'], ['dir\\win.ts', 'typescript'],
    ['README.md', undefined], ['notes.txt', undefined], ['LICENSE', undefined], ['.gitignore', undefined], ['dir/', undefined], ['a.json', undefined],
  ];
  for (const [path, id] of expectations) {
    it(`${path} -> ${id ?? 'none'}`, () => {
      assert.equal(languageForPath(path)?.id, id);
      assert.equal(isSourcePath(path), id !== undefined);
    });
  }

  it('has unique ids, all resolvable', () => {
    assert.equal(new Set(LANGUAGE_IDS).size, LANGUAGE_IDS.length);
    for (const id of LANGUAGE_IDS) assert.equal(languageById(id)?.id, id);
  });

  it('the lexer reads every language, and each kind of rule, in one shape (the same keys in the same order) with the same values', () => {
    const shapes = new Map<string, Set<string>>();
    const see = (kind: string, o: object): void => {
      if (!shapes.has(kind)) shapes.set(kind, new Set());
      shapes.get(kind)!.add(Object.keys(o).join(','));
    };
    const defined = (o: object): Record<string, unknown> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
    for (const lang of [...LANGUAGES, PHP_CODE]) {
      const u = uniformSyntax(lang);
      assert.equal(uniformSyntax(lang), u, 'made once');
      assert.equal(uniformSyntax(u), u);
      see('language', u);
      for (const r of u.lineComments) see('line', r);
      for (const r of u.blockComments) see('block', r);
      for (const r of u.lineBlockComments ?? []) see('lineBlock', r);
      for (const r of u.strings) {
        see('string', r);
        for (const i of r.interpolation ?? []) see('interpolation', i);
      }
      if (u.heredoc) see('heredoc', u.heredoc);
      // The same values: the table's entry with its absent properties present as undefined.
      assert.deepEqual(defined({ ...u, lineComments: u.lineComments.map(defined), blockComments: u.blockComments.map(defined), lineBlockComments: u.lineBlockComments?.map(defined), strings: u.strings.map((r) => defined({ ...r, interpolation: r.interpolation?.map(defined) })), heredoc: u.heredoc && defined(u.heredoc) }), lang);
    }
    for (const [kind, keys] of shapes) assert.equal(keys.size, 1, `${kind}: ${[...keys].join(' | ')}`);
    assert.deepEqual([...shapes.keys()].sort(), ['block', 'heredoc', 'interpolation', 'language', 'line', 'lineBlock', 'string']);
  });
});
