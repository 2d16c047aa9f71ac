// `tsx libs/shared/db/src/cli/seed.ts` (or `nx run prisma:seed`): seeds the demo data into DATABASE_URL.
import { disconnectDb, getDb } from '../client';
import { seedDemoData } from '../seed';

try {
  const result = await seedDemoData(getDb());
  const summary = result.users.map(({ user, membership }) => `${user.email} (${membership.role})`).join(', ');
  console.log(
    `Seeded workspace "${result.workspace.workspace.slug}" with ${summary}: ${result.createdCount} rows created, ${result.keptCount} kept.`,
  );
} catch (error) {
  console.error(`Seeding failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await disconnectDb();
}
