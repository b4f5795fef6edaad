import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** Layers import only downwards: core/data -> embedding -> store -> ui (see README). */
const layer = (files, banned, message) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      { patterns: [{ group: banned, message }] },
    ],
  },
});

export default tseslint.config(
  { ignores: ['dist', 'dist-e2e', 'node_modules', 'public', 'test-results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  layer(['src/core/**'], ['react', 'react-dom', 'zustand', '@huggingface/transformers', '**/data/*', '**/embedding/*', '**/analysis/*', '**/keywords/*', '**/store/*', '**/ui/*'], 'src/core is pure maths: no React, no models, no app state.'),
  layer(['src/data/**'], ['react', 'react-dom', 'zustand', '**/embedding/*', '**/analysis/*', '**/store/*', '**/ui/*'], 'src/data must not depend on models, state or UI.'),
  layer(['src/embedding/**'], ['react', 'react-dom', 'zustand', '**/store/*', '**/ui/*'], 'src/embedding must not depend on state or UI.'),
  layer(['src/api/**'], ['react', 'react-dom', 'zustand', '@huggingface/transformers', '**/store/*', '**/ui/*'], 'src/api talks to endpoints: no state, UI or local models.'),
  layer(['src/analysis/**'], ['react', 'react-dom', 'zustand', '@huggingface/transformers', '**/embedding/*', '**/store/*', '**/ui/*'], 'src/analysis runs in a worker: it may import src/core and src/data only.'),
  layer(['src/keywords/**'], ['react', 'react-dom', 'zustand', '@huggingface/transformers', '**/embedding/*', '**/analysis/*', '**/store/*', '**/ui/*'], 'src/keywords runs in a worker: it may import src/core and src/data only.'),
  // the stall guard is plain fetch code with no model in it: Hub datasets download through it as models do
  layer(['src/import/**'], ['react', 'react-dom', 'zustand', '@huggingface/transformers', '**/embedding/*', '!**/embedding/stallFetch', '**/analysis/*', '**/keywords/*', '**/store/*', '**/ui/*'], 'src/import reads files in a worker and keeps datasets: it may import src/core, src/data and the stall guard only.'),
  layer(['src/store/**'], ['react', 'react-dom', '**/ui/*'], 'src/store must not depend on UI.'),
  layer(['src/ui/**', 'src/App.tsx'], ['@huggingface/transformers', '**/embedding/client', '**/embedding/*.worker', '**/analysis/client', '**/analysis/*.worker', '**/keywords/client', '**/keywords/*.worker', '**/import/client', '**/import/*.worker', '**/api/apiEmbedder', '**/api/openaiClient'], 'UI talks to models only through store actions.'),
);
