// No `mayReadProcessEnv`: only src/env.ts reads process.env (the root rule allows env.ts and tests).
import baseConfig from '../../eslint.config.mjs';

export default [...baseConfig];
