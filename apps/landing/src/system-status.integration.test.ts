import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMemoryCache } from '@lumenforge/cache/server';
import { SYSTEM_IDS, type TSystemId } from '@lumenforge/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSystems, recentSystemsStatus, type TPeerChecks } from './system-status';

type TBehaviour = 'ok' | 'degraded' | 'down' | 'error' | 'silent';

/** A real HTTP server playing a system's /api/health; counts the probes it answered. */
async function startPeer(behaviour: TBehaviour) {
  let probes = 0;
  const server: Server = createServer((_request, response) => {
    probes += 1;
    if (behaviour === 'silent') return; // never answers: the 1.5 s timeout decides
    if (behaviour === 'error') {
      response.writeHead(500).end('Internal Server Error');
      return;
    }
    const status = behaviour;
    response.writeHead(status === 'down' ? 503 : 200, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify({
        status,
        service: 'peer',
        version: 't',
        uptimeSeconds: 1,
        checkedAt: new Date().toISOString(),
        checks: {},
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    probes: () => probes,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())).catch(() => undefined),
    server,
  };
}

describe('checkSystems and recentSystemsStatus against real HTTP peers', () => {
  const behaviours: Partial<Record<TSystemId, TBehaviour>> = {
    slate: 'ok',
    ignition: 'degraded',
    spark: 'down',
    ignis: 'error',
    waypoint: 'silent',
  };
  const peers: Awaited<ReturnType<typeof startPeer>>[] = [];
  let options: TPeerChecks;

  beforeAll(async () => {
    const urls = Object.fromEntries(SYSTEM_IDS.map((id) => [id, 'http://127.0.0.1:9'])) as Record<
      TSystemId,
      string
    >;
    for (const [id, behaviour] of Object.entries(behaviours) as [TSystemId, TBehaviour][]) {
      const peer = await startPeer(behaviour);
      peers.push(peer);
      urls[id] = peer.url;
    }
    // landing points at a closed port: refused at once.
    options = { urls, version: 'test' };
  });
  afterAll(async () => {
    for (const peer of peers) {
      peer.server.closeAllConnections();
      await peer.close();
    }
  });

  it('reports each system as its health says; an error status, silence or a refused connection is down', async () => {
    const status = await checkSystems(SYSTEM_IDS, options);
    expect(
      Object.fromEntries(Object.entries(status.systems).map(([id, system]) => [id, system.status])),
    ).toEqual({
      landing: 'down',
      slate: 'ok',
      ignition: 'degraded',
      spark: 'down',
      ignis: 'down',
      waypoint: 'down',
    });
    expect(status.systems.slate).toMatchObject({ source: 'check', error: null, checkedAt: status.checkedAt });
    expect(status.systems.slate?.latencyMs).toEqual(expect.any(Number));
    expect(status.systems.waypoint?.error).toBeTruthy();
  });

  it('checks every system but LANDING by default', async () => {
    const status = await checkSystems(undefined, options);
    expect(Object.keys(status.systems).sort()).toEqual(SYSTEM_IDS.filter((id) => id !== 'landing').sort());
  });

  it('shares one check for a few seconds between first paints of the same workspace', async () => {
    const cache = createMemoryCache({ max: 100 });
    const slate = peers[0];
    const before = slate?.probes() ?? 0;
    const first = await recentSystemsStatus('workspace-a', ['slate'], { cache, peers: options });
    const second = await recentSystemsStatus('workspace-a', ['slate'], { cache, peers: options });
    expect(second).toEqual(first);
    expect((slate?.probes() ?? 0) - before).toBe(1);
    await recentSystemsStatus('workspace-b', ['slate'], { cache, peers: options });
    expect((slate?.probes() ?? 0) - before).toBe(2);
  });
});
