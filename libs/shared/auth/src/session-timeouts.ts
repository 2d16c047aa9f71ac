import type { TSessionTimeouts } from './session-store.types';

/** A session or user id as both stores accept it; anything else matches no session. */
export const SESSION_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Rejects timeouts a store cannot honour (RangeError naming the field). */
export function checkSessionTimeouts(timeouts: TSessionTimeouts): TSessionTimeouts {
  const { idleTimeoutSeconds, absoluteTimeoutSeconds, touchIntervalSeconds } = timeouts;
  if (!(Number.isFinite(idleTimeoutSeconds) && idleTimeoutSeconds > 0))
    throw new RangeError(`idleTimeoutSeconds must be a positive number, got ${idleTimeoutSeconds}`);
  if (!(Number.isFinite(absoluteTimeoutSeconds) && absoluteTimeoutSeconds > 0))
    throw new RangeError(`absoluteTimeoutSeconds must be a positive number, got ${absoluteTimeoutSeconds}`);
  // A session touched less often than its idle timeout would end while in use.
  if (
    !(
      Number.isFinite(touchIntervalSeconds) &&
      touchIntervalSeconds >= 0 &&
      touchIntervalSeconds < idleTimeoutSeconds
    )
  )
    throw new RangeError(
      `touchIntervalSeconds must be at least 0 and below idleTimeoutSeconds (${idleTimeoutSeconds}), got ${touchIntervalSeconds}`,
    );
  return Object.freeze({ idleTimeoutSeconds, absoluteTimeoutSeconds, touchIntervalSeconds });
}
