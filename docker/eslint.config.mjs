import baseConfig, { mayReadProcessEnv } from '../eslint.config.mjs';
// The image build script reads its arguments like any tool outside the apps.
export default [...baseConfig, { files: ['scripts/**/*.mjs'], ...mayReadProcessEnv }];
