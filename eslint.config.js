import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'bench/node_modules/', 'bench/data/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { languageOptions: { globals: { ...globals.node } } },
  // STYLE §4.1: imports point one way only. Nothing imports cli/; the pure stages (metrics, sample,
  // followups) and render/ never import ingest/; domain/ imports no other stage.
  { files: ['src/**/*.ts'], rules: { 'no-console': 'error' } },
  restrictImports(['src/!(cli)/**/*.ts', 'src/*.ts'], ['**/cli/*', '**/cli/**']),
  restrictImports(
    ['src/metrics/**/*.ts', 'src/sample/**/*.ts', 'src/followups/**/*.ts'],
    ['**/ingest/*', '**/render/*', '**/cli/*'],
  ),
  restrictImports(['src/render/**/*.ts', 'src/contracts/**/*.ts'], ['**/ingest/*', '**/cli/*']),
  restrictImports(['src/domain/**/*.ts'], ['**/ingest/*', '**/render/*', '**/metrics/*', '**/config/*', '**/cli/*']),
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);

function restrictImports(files, group) {
  return {
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group, message: 'Imports point one way (STYLE §4.1): cli → stages → domain.' }] },
      ],
    },
  };
}
