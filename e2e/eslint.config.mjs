import baseConfig, { mayReadProcessEnv } from '../eslint.config.mjs';

export default [...baseConfig, mayReadProcessEnv];
