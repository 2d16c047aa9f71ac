import { createNextConfig } from '@lumenforge/config/next';

export default createNextConfig(import.meta.dirname, {
  // The built-in templates (@lumenforge/ignition-templates/built-in) are read from their folder with
  // node:fs when a workspace first opens the gallery or creates a project, which file tracing
  // cannot see, so the standalone server gets the folder explicitly.
  outputFileTracingIncludes: {
    '/api/**/*': ['../../libs/ignition/templates/templates/**/*'],
  },
});
