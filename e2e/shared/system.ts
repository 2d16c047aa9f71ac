import type { TestInfo } from '@playwright/test';
import { isSystemId, SYSTEMS, type TSystem } from '@lumenforge/config';

/** The system under test: each Playwright project is named after its app. */
export function systemUnderTest(testInfo: TestInfo): TSystem {
  const name = testInfo.project.name;
  if (!isSystemId(name)) throw new Error(`Playwright project "${name}" is not one of the six systems`);
  return SYSTEMS[name];
}

/**
 * Systems whose home page is their working tool rather than the generic system home (purpose,
 * capabilities, own health panel): SLATE opens on its token explorer. Their own specs cover it.
 */
export const TOOL_HOME_SYSTEMS: ReadonlySet<string> = new Set(['slate']);
