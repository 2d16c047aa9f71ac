// `npm run totp -- <email>`: the current TOTP code of a demo account (reads IDENTITY_HOME).
import { readDemoAccounts } from './demo-accounts';
import { readIdentityEnv } from './env';
import { currentTotp, TOTP_PERIOD_SECONDS } from './totp';

const email = process.argv[2]?.trim().toLowerCase();
try {
  const { home } = readIdentityEnv();
  const accounts = await readDemoAccounts(home);
  const account = accounts.find((entry) => entry.email === email);
  if (!account) {
    console.error(
      `Usage: npm run totp -- <email>\nDemo accounts: ${accounts.map((entry) => entry.email).join(', ')}`,
    );
    process.exit(2);
  }
  const secondsLeft = TOTP_PERIOD_SECONDS - (Math.floor(Date.now() / 1000) % TOTP_PERIOD_SECONDS);
  console.log(currentTotp(account.totpSecret));
  console.error(`(${account.email}: valid for ${secondsLeft} more s)`);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
