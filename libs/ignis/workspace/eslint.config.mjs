import baseConfig from '../../../eslint.config.mjs';
// The starter fixture is a user project (its own tsconfig and Vite config), not this lib's code.
export default [...baseConfig, { ignores: ['src/__fixtures__/**'] }];
