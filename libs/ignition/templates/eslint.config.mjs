import baseConfig from '../../../eslint.config.mjs';

// templates/** is data: project files with template tags, linted in the projects they generate.
export default [{ ignores: ['templates/**'] }, ...baseConfig];
