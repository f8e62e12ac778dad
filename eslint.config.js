// The lint that `npm test` runs. The rule set is deliberately small: each rule catches a class of bug
// the type checker does not (a promise nobody awaits, a value nobody reads, a `!` that hides a
// missing value) or keeps one way of writing a thing (type-only imports). Type-aware: the rules see
// the same types `tsc` and `vue-tsc` do.
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import vueParser from 'vue-eslint-parser';

const rules = {
  '@typescript-eslint/no-floating-promises': 'error',
  '@typescript-eslint/no-unused-vars': [
    'error',
    // `_name` marks a value that is there on purpose (a positional parameter, a discarded element).
    { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
  ],
  '@typescript-eslint/no-unused-expressions': 'error',
  '@typescript-eslint/no-non-null-assertion': 'error',
  '@typescript-eslint/consistent-type-imports': [
    'error',
    // `typeof import('./x.ts')` in a type stays allowed: the CLI names a lazily loaded module's types that way.
    { prefer: 'type-imports', fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
  ],
};

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', 'demo-data/', 'tmp/', 'scratch/', 'artefacts/', '**/*.js', '**/*.mjs'] },
  {
    files: ['src/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    plugins: { '@typescript-eslint': tseslint.plugin },
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules,
  },
  {
    files: ['src/web/client/**/*.vue'],
    plugins: { '@typescript-eslint': tseslint.plugin, vue },
    languageOptions: {
      parser: vueParser,
      parserOptions: {
        parser: tseslint.parser,
        project: './src/web/client/tsconfig.json',
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.vue'],
        sourceType: 'module',
      },
    },
    processor: vue.processors['.vue'],
    rules: {
      ...rules,
      // A template that names a value the script does not have, or declares one it never uses.
      'vue/no-unused-vars': 'error',
    },
  },
  {
    // In a test, a benchmark or the demo generator a `!` on a lookup that must succeed is itself the check: it
    // fails loudly at once. Product code says what it does when the value is missing.
    files: ['test/**', 'bench/**', 'src/**/*.test.ts', 'src/demo/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
