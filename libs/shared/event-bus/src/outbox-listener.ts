import pg from 'pg';
import { OUTBOX_CHANNEL } from '@lumenforge/db/server';

/**
 * A dedicated connection that LISTENs on the outbox channel: `onNotification` runs when an outbox
 * row commits in any process, `onLost` when the connection fails (the caller reconnects).
 */
export async function listenToOutbox(options: {
  databaseUrl: string;
  onNotification: () => void;
  onLost: (error: Error) => void;
}): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: options.databaseUrl, connectionTimeoutMillis: 5_000 });
  client.on('notification', options.onNotification);
  client.on('error', options.onLost);
  await client.connect();
  await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
  return client;
}

/** Ends a listener connection; bounded, because `end()` can wait forever on a half-open socket. */
export async function endListener(client: pg.Client | undefined): Promise<void> {
  if (!client) return;
  await Promise.race([
    client.end().catch(() => undefined),
    new Promise((resolveWait) => setTimeout(resolveWait, 2_000).unref()),
  ]);
}
