import 'server-only';
import { resolve } from 'node:path';
import type { TTemplate } from '@lumenforge/ignition-templates';
import { loadBuiltInTemplates } from '@lumenforge/ignition-templates/built-in';

/**
 * The built-in templates' folder seen from the app's folder: the same relative path under `next dev`
 * (cwd `apps/ignition`) and in the standalone server (cwd `.next/standalone/apps/ignition`, the
 * folder traced beside it by `outputFileTracingIncludes` in next.config.mjs).
 */
const BUILT_IN_TEMPLATES_FROM_APP = '../../libs/ignition/templates/templates';

/** The built-in templates, read from their folder (this module is imported lazily: see ignition-services). */
export function loadAppBuiltInTemplates(): Promise<TTemplate[]> {
  return loadBuiltInTemplates(resolve(process.cwd(), BUILT_IN_TEMPLATES_FROM_APP));
}
