// Prisma CLI configuration (Prisma 6.19). Migrations run through the JavaScript schema engine
// (`engine: "js"`, bundled WebAssembly) and the pg driver adapter, so no engine binary is ever
// downloaded. Run the CLI through this package (src/prisma-cli.ts or the Nx targets): they add the
// timer preload and CHECKPOINT_DISABLE=1 that make commands exit promptly. See README.md.
import { defineConfig } from 'prisma/config';
import { readDatabaseUrl } from './src/env';
import { createMigrationAdapter } from './src/migration-adapter';

export default defineConfig({
  experimental: { adapter: true },
  schema: './schema.prisma',
  migrations: {
    path: './migrations',
    seed: 'tsx ../libs/shared/db/src/cli/seed.ts',
  },
  engine: 'js',
  // Called only by commands that touch the database, so `prisma generate` needs no DATABASE_URL.
  adapter: async () => {
    const databaseUrl = readDatabaseUrl();
    if (!databaseUrl)
      throw new Error('DATABASE_URL is not set: the Prisma CLI needs the database to migrate.');
    return createMigrationAdapter(databaseUrl);
  },
});
