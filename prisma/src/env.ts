// The only reader of process.env in this project's modules (prisma.config.ts reads DATABASE_URL itself).

/** DATABASE_URL of the current process, or undefined when unset or empty. */
export function readDatabaseUrl(): string | undefined {
  return process.env.DATABASE_URL || undefined;
}

/** A copy of the current environment, as the base of a Prisma CLI child's environment. */
export function currentEnv(): NodeJS.ProcessEnv {
  return { ...process.env };
}
