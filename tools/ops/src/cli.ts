// `npm run ops -- <command>`: see USAGE in args.ts and the README's Operations section.
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs, USAGE, UsageError } from './args';
import { CorruptArchiveError } from './archive';
import { runBackup } from './backup';
import { readOpsEnv } from './env';
import { renderMigrationStatus, runMigrate } from './migrate';
import { renderReport, STATUS_ICON, totalsOf } from './report';
import { RestoreRefusedError, runRestore } from './restore';
import { collectStatus, renderStatus } from './status';
import { backupDir, DatabaseNotFoundError, resolveDatabase } from './targets';
import { runVerify } from './verify';

const VERSION = '0.1.0';
const say = (line: string) => console.log(line);

async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseArgs(argv);
  if (parsed.command === 'help') {
    say(USAGE);
    return 0;
  }
  const env = readOpsEnv();
  switch (parsed.command) {
    case 'status': {
      const report = await collectStatus(env, { strict: parsed.strict });
      say(parsed.json ? JSON.stringify(report, null, 2) : renderStatus(report));
      return report.overall === 'down' || (parsed.strict && report.overall !== 'ok') ? 1 : 0;
    }
    case 'migrate': {
      const database = resolveDatabase(env);
      const statuses = await runMigrate(database, { statusOnly: parsed.statusOnly, log: say });
      say(renderMigrationStatus(statuses));
      return statuses.some((status) => status.state === 'failed') ? 1 : 0;
    }
    case 'backup': {
      const result = await runBackup({
        database: resolveDatabase(env),
        dir: resolve(backupDir(env, parsed.dir)),
        method: parsed.method,
        keepDays: parsed.keepDays,
        rotate: parsed.rotate,
        registryStorageDir: env.REGISTRY_STORAGE_DIR,
        pgDumpBin: env.PG_DUMP_BIN,
        log: say,
      });
      say(`Backup complete: ${result.archive}`);
      return 0;
    }
    case 'restore': {
      const database = resolveDatabase(env);
      await runRestore({
        archive: resolve(parsed.archive),
        database,
        yes: parsed.yes,
        pgRestoreBin: env.PG_RESTORE_BIN,
        log: say,
      });
      say(`Restore complete: ${database.description}`);
      return 0;
    }
    case 'verify': {
      const startedAt = new Date();
      const { checks, infrastructure } = await runVerify(env);
      const totals = totalsOf(checks);
      if (parsed.json) say(JSON.stringify({ totals, checks }, null, 2));
      else {
        for (const check of checks)
          say(
            `${STATUS_ICON[check.status]} [${check.category}] ${check.name} (${check.target}): ${check.details}`,
          );
        say(
          `\n${totals.total} checks: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`,
        );
      }
      if (parsed.report) {
        const path = resolve(parsed.report);
        await writeFile(
          path,
          renderReport({
            checks,
            generatedAt: startedAt,
            version: `${VERSION} (ops verify)`,
            infrastructure,
          }),
        );
        if (!parsed.json) say(`Report written to ${path}`);
      }
      return totals.failed > 0 ? 1 : 0;
    }
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`ops: ${error.message}\n\n${USAGE}`);
    process.exitCode = 2;
  } else if (
    error instanceof DatabaseNotFoundError ||
    error instanceof RestoreRefusedError ||
    error instanceof CorruptArchiveError
  ) {
    console.error(`ops: ${error.message}`);
    process.exitCode = 1;
  } else {
    console.error(`ops: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
