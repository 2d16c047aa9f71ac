/** Platform variables whose values must never reach untrusted code, even if a caller passes them by mistake. */
const SECRET_NAME = /SECRET|PASSWORD|TOKEN|PRIVATE|CREDENTIAL|DATABASE_URL|REDIS_URL|NATS_URL|_KEY$|^KEY_/i;

/**
 * The values of this process's secret-looking variables (at least 8 characters). The sandbox owns no config;
 * it reads the environment only to refuse passing these values on to sandboxed code.
 */
export function platformSecretValues(): Set<string> {
  const values = new Set<string>();
  for (const [name, value] of Object.entries(process.env)) {
    if (value && value.length >= 8 && SECRET_NAME.test(name)) values.add(value);
  }
  return values;
}

export type TIsolationSetting = 'auto' | 'container' | 'process';
const ISOLATION_SETTINGS: readonly TIsolationSetting[] = ['auto', 'container', 'process'];

/**
 * `IGNIS_ISOLATION`: how build stages run. `auto` (default): in a podman container where podman and the
 * base image are there, else as limited processes; `container`: containers or the stage fails saying why;
 * `process`: never containers. Read by every process that runs or describes builds (builder, ignis app).
 */
export function isolationSetting(): TIsolationSetting {
  const value = (process.env['IGNIS_ISOLATION'] ?? '').trim().toLowerCase() || 'auto';
  if (!ISOLATION_SETTINGS.includes(value as TIsolationSetting)) {
    throw new Error(
      `IGNIS_ISOLATION must be one of ${ISOLATION_SETTINGS.join(', ')} (got "${process.env['IGNIS_ISOLATION']}")`,
    );
  }
  return value as TIsolationSetting;
}
