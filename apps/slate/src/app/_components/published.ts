import 'server-only';
import { DbNotFoundError } from '@lumenforge/db';
import type { TTokenVersionSummary } from '@lumenforge/slate-data-access';
import type { TTokenSet } from '@lumenforge/tokens';
import { tokenService } from '../../tokens';

/** The workspace's latest published version and its set, or null before the first publish. */
export async function publishedOrNull(
  workspaceId: string,
): Promise<{ version: TTokenVersionSummary; set: TTokenSet } | null> {
  try {
    return await tokenService().published(workspaceId);
  } catch (error) {
    if (error instanceof DbNotFoundError) return null;
    throw error;
  }
}
