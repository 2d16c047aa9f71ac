import { themeStylesheetRoute } from '@lumenforge/runtime/server';
import { getRuntime } from '../../../runtime';

export const dynamic = 'force-dynamic';

/** The workspace's published theme (live restyling). */
export const GET = themeStylesheetRoute(getRuntime);
