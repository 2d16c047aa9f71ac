import { searchRoute } from '@lumenforge/runtime/server';
import { getRuntime } from '../../../runtime';

export const dynamic = 'force-dynamic';

/** The workspace search behind the shell's Ctrl/⌘-K palette (components, tokens, projects, deployments). */
export const GET = searchRoute(getRuntime);
