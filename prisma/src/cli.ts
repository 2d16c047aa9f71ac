// `tsx src/cli.ts <prisma arguments>`: the Prisma CLI with this project's offline fixes, output to
// the terminal. Used by the Nx targets (build, migrate-deploy, migrate-dev) and by the db lib's
// test databases. DATABASE_URL comes from the environment.
import { readDatabaseUrl } from './env';
import { runPrisma } from './prisma-cli';

const args = process.argv.slice(2);
if (args.length === 0) {
  console.error('usage: tsx prisma/src/cli.ts <prisma command> [options]   e.g. migrate deploy');
  process.exit(2);
}

if (args[0] !== 'generate' && !readDatabaseUrl()) {
  console.error(
    `prisma ${args.join(' ')}: DATABASE_URL is not set (postgresql://user:password@host:port/database).`,
  );
  process.exit(2);
}

try {
  await runPrisma(args, { inheritStdio: true, timeoutMs: 600_000 });
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
