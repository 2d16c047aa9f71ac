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
