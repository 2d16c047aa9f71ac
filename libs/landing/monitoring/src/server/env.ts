import { z } from 'zod';

const optionalUrl = z.preprocess((value) => (value === '' ? undefined : value), z.url().optional());
const optionalText = z.preprocess(
  (value) => (value === '' ? undefined : value),
  z.string().min(1).optional(),
);

/**
 * The monitor's own optional variables (as `npm run ops -- status` reads them): NATS_MONITOR_URL
 * (the 8222 port: connections, subscriptions, `in_msgs`), REGISTRY_URL (the OCI registry) and
 * REGISTRY_STORAGE_DIR (its storage volume, for the storage percentage).
 */
export const ZMonitorEnv = z.object({
  NATS_MONITOR_URL: optionalUrl,
  REGISTRY_URL: optionalUrl,
  REGISTRY_STORAGE_DIR: optionalText,
});
export type TMonitorEnv = z.infer<typeof ZMonitorEnv>;

/** The monitor's variables from the process environment; a malformed URL throws, naming it. */
export function readMonitorEnv(source: Record<string, string | undefined> = process.env): TMonitorEnv {
  return ZMonitorEnv.parse(source);
}
