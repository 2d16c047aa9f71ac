// Who sent a request: the socket peer, or, when the peer is a proxy the operator trusts, the client
// address that proxy reported. Rate limits, audit rows and the /api/metrics rule all use this one
// answer, so a client cannot pick its own bucket by sending `X-Forwarded-For` or `CF-Connecting-IP`.
import type { IncomingMessage } from 'node:http';
import { Server } from 'node:http';
import { normalizeAddress, type TTrustedProxies } from './trusted-proxies';

/**
 * The request header that carries the socket peer's address from the HTTP server to the app. Next.js
 * 16 exposes no socket address to `proxy.ts` or route handlers (and only fills `X-Forwarded-For`
 * when a client did not send one), so {@link installPeerAddressHeader} writes it for every request,
 * after removing any value a client sent.
 */
export const PEER_ADDRESS_HEADER = 'x-lumenforge-peer-address';

type TPeerHookGlobal = { __lumenforgePeerAddressHeader?: boolean };
const hookGlobal = globalThis as typeof globalThis & TPeerHookGlobal;

/** Whether this process's HTTP servers stamp {@link PEER_ADDRESS_HEADER} (see {@link installPeerAddressHeader}). */
export function isPeerAddressHeaderInstalled(): boolean {
  return hookGlobal.__lumenforgePeerAddressHeader === true;
}

/** Replaces whatever a client sent as {@link PEER_ADDRESS_HEADER} with the socket's own address. */
function stampPeerAddress(request: IncomingMessage): void {
  delete request.headers[PEER_ADDRESS_HEADER];
  const raw = request.rawHeaders;
  for (let index = raw.length - 2; index >= 0; index -= 2)
    if (raw[index]?.toLowerCase() === PEER_ADDRESS_HEADER) raw.splice(index, 2);
  const address = request.socket?.remoteAddress;
  if (!address) return;
  request.headers[PEER_ADDRESS_HEADER] = address;
  raw.push(PEER_ADDRESS_HEADER, address);
}

/**
 * Makes every `node:http` server of this process (Next's standalone server, `next dev`, test
 * servers) put the socket peer's address into {@link PEER_ADDRESS_HEADER} of each request before
 * any handler sees it, dropping a value a client sent. Idempotent; `startAppRuntime` calls it at
 * boot. Servers created before the call are covered too (the hook sits on `http.Server.prototype`).
 */
export function installPeerAddressHeader(): void {
  if (isPeerAddressHeaderInstalled()) return;
  const emit = Server.prototype.emit;
  Server.prototype.emit = function emitWithPeerAddress(
    this: Server,
    event: string | symbol,
    ...args: unknown[]
  ) {
    if ((event === 'request' || event === 'upgrade' || event === 'checkContinue') && args[0])
      stampPeerAddress(args[0] as IncomingMessage);
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  } as typeof emit;
  hookGlobal.__lumenforgePeerAddressHeader = true;
}

/**
 * The socket peer's address as the server stamped it, or null when this process does not stamp it
 * (then a {@link PEER_ADDRESS_HEADER} in the request came from the client and is ignored).
 */
export function peerAddress(headers: Headers): string | null {
  if (!isPeerAddressHeaderInstalled()) return null;
  return normalizeAddress(headers.get(PEER_ADDRESS_HEADER));
}

/**
 * The client's address, or null when it cannot be known (the server does not stamp the peer).
 *
 * - A peer that is not a trusted proxy is the client: forwarding headers are ignored.
 * - From a trusted peer, with `cloudflare` in the list: `CF-Connecting-IP` (Cloudflare overwrites it).
 * - Else `X-Forwarded-For`, walked from the right: each proxy appends the address it was connected
 *   from, so hops are skipped while they are trusted proxies; the first untrusted one is the client.
 *   Entries left of it were written by the client and are never read. A malformed hop ends the walk
 *   at the last trusted hop; when every hop is trusted, the leftmost is the client.
 */
export function clientAddress(headers: Headers, trusted: TTrustedProxies): string | null {
  const peer = peerAddress(headers);
  if (!peer || !trusted.has(peer)) return peer;
  if (trusted.includesCloudflare) {
    const viaCloudflare = normalizeAddress(headers.get('cf-connecting-ip'));
    if (viaCloudflare) return viaCloudflare;
  }
  const hops = (headers.get('x-forwarded-for') ?? '').split(',');
  let client = peer;
  for (let index = hops.length - 1; index >= 0; index -= 1) {
    const raw = hops[index]?.trim();
    if (!raw) continue;
    const hop = normalizeAddress(raw);
    if (!hop) return client;
    client = hop;
    if (!trusted.has(hop)) return hop;
  }
  return client;
}
