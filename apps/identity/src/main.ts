// Entry of the local identity provider: `node --import tsx apps/identity/src/main.ts`
// (`npx nx serve identity`; `npm start` runs it when OIDC_ISSUER is unset).
import { join } from 'node:path';
import { DEMO_ACCOUNTS_FILE } from './demo-accounts';
import { readIdentityEnv } from './env';
import { startIdentityServer } from './server';

try {
  const env = readIdentityEnv();
  const identity = await startIdentityServer({
    issuer: env.issuer,
    home: env.home,
    port: env.port,
    host: env.bindHost,
    landingUrl: env.landingUrl,
    landingClientId: env.landingClientId,
    landingClientSecret: env.landingClientSecret,
    agentClientId: env.agentClientId,
    agentClientSecret: env.agentClientSecret,
    apiAudience: env.apiAudience,
    trustProxy: env.trustProxy,
  });
  console.log(`identity: issuer ${identity.issuer}, listening on ${identity.url}`);
  console.log(`identity: demo accounts in ${join(env.home, DEMO_ACCOUNTS_FILE)}`);

  let isStopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (isStopping) return;
      isStopping = true;
      identity.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
