import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'src/harts/core/**', 'guests/**', '.clinic/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: Object.fromEntries(
        ['process', 'console', 'URL', 'performance', 'clearTimeout', 'setInterval',
          'clearInterval', 'WebAssembly', 'SharedArrayBuffer', 'Atomics', 'TextDecoder',
          'TextEncoder', 'structuredClone', 'queueMicrotask'].map((name) => [name, 'readonly']),
      ),
    },
  },
);
