import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'build/shim/**/*.class', 'test-artifacts/**', '.data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser, ...globals.mocha } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['plugin-ui/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      // The helper's contract reaches the bundle as types only.
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: ['**/agent-helper/**'], allowTypeImports: true, message: 'Import the helper contract with `import type`.' }] }],
    },
  },
  {
    files: ['plugin-ui/**/*.{ts,tsx}'],
    ignores: ['plugin-ui/teamcity/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'Literal[value=/app\\/rest|locator=|fields=/], TemplateElement[value.raw=/app\\/rest|locator=|fields=/]', message: 'REST routes and locators live in plugin-ui/teamcity.' },
      ],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/agent-helper/**'], allowTypeImports: true, message: 'Import the helper contract with `import type`.' },
            { group: ['**/teamcity/rest', '**/teamcity/paging'], message: 'Use the named methods of TeamCity.' },
          ],
        },
      ],
    },
  },
);
