import nextPlugin from '@next/eslint-plugin-next';
import nx from '@nx/eslint-plugin';
import baseConfig from '../../eslint.config.mjs';

export default [
  { plugins: { '@next/next': nextPlugin }, rules: { ...nextPlugin.configs.recommended.rules } },
  ...nx.configs['flat/react-typescript'],
  ...baseConfig,
];
