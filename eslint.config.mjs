import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The core is pure: no IO, no editor, no network. Everything it needs comes through interfaces
// (see ARCHITECTURE.md). This rule is what keeps it that way [^pure_core] [^pc6z].
const forbiddenInCore = [
  'fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'child_process', 'node:child_process',
  'net', 'node:net', 'http', 'node:http', 'https', 'node:https', 'worker_threads', 'node:worker_threads',
  'vscode', 'vscode-languageserver', 'vscode-languageserver/node', 'vscode-languageclient', 'vscode-languageclient/node',
  'openai', 'fast-glob',
].map((name) => ({ name, message: 'server/src/core is pure: do IO in server/src/io and pass it in through an interface.' }));

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.vscode-test/**', '.bench-cache/**', 'test/fixtures/**', 'bench/experiments/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['server/src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: forbiddenInCore, patterns: [{ group: ['vscode-languageserver*', 'openai/*'], message: 'server/src/core is pure.' }] }],
      'no-restricted-globals': ['error', { name: 'process', message: 'server/src/core must not read process state; pass it in.' }, { name: 'require', message: 'no dynamic loading in the core.' }],
    },
  },
);
