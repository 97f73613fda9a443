import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'bench/node_modules/', 'bench/data/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { languageOptions: { globals: { ...globals.node } } },
  {
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    rules: {
      // STYLE §4.1: imports point one way only; nothing imports cli/, pure stages import only domain/.
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './src/!(cli)/**', from: './src/cli' },
            { target: './src/metrics', from: ['./src/ingest', './src/render', './src/config/load-config.ts'] },
            { target: './src/render', from: './src/ingest' },
            { target: './src/domain', from: ['./src/ingest', './src/render', './src/metrics', './src/config'] },
          ],
        },
      ],
      'no-console': 'error',
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);
