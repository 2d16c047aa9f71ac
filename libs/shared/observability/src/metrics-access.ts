import { createHash, timingSafeEqual } from 'node:crypto';
import { BlockList, isIPv4 } from 'node:net';
import { clientAddress } from './client-address';
import { normalizeAddress, NO_TRUSTED_PROXIES, type TTrustedProxies } from './trusted-proxies';
import { metricsText } from './metrics';
import type { TMetricsAccess } from './observability.types';

/** Headers Cloudflare adds to every request it forwards (a client cannot strip them on the way). */
const CLOUDFLARE_HEADERS = [
  'cf-connecting-ip',
  'cf-ray',
  'cf-visitor',
  'cf-ipcountry',
  'cf-access-jwt-assertion',
];

/** Loopback, RFC 1918, link-local and IPv6 unique-local addresses: the machine and the cluster network. */
const PRIVATE_NETWORKS = (() => {
  const list = new BlockList();
  list.addSubnet('127.0.0.0', 8, 'ipv4');
  list.addSubnet('10.0.0.0', 8, 'ipv4');
  list.addSubnet('172.16.0.0', 12, 'ipv4');
  list.addSubnet('192.168.0.0', 16, 'ipv4');
  list.addSubnet('169.254.0.0', 16, 'ipv4');
  list.addAddress('::1', 'ipv6');
  list.addSubnet('fc00::', 7, 'ipv6');
  list.addSubnet('fe80::', 10, 'ipv6');
  return list;
})();

/** Whether `address` (IPv4, IPv6, IPv4-mapped IPv6, with or without a port) is loopback or private. */
export function isPrivateAddress(address: string): boolean {
  const host = normalizeAddress(address);
  if (!host) return false;
  return PRIVATE_NETWORKS.check(host, isIPv4(host) ? 'ipv4' : 'ipv6');
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/**
 * Who may read `/api/metrics`:
 *
 * 1. Never a request that came through Cloudflare (it carries `CF-Connecting-IP`/`CF-Ray`/…): the
 *    public path does not expose metrics, whatever else it sends (403).
 * 2. With `token` (METRICS_TOKEN) set: only `Authorization: Bearer <token>` (401 otherwise). This
 *    is the production setting; Prometheus sends it from inside the cluster.
 * 3. Without a token: only clients at loopback or private addresses (403 otherwise). The client is
 *    the socket peer, or what a trusted proxy (`trustedProxies`, TRUSTED_PROXIES) reported for it
 *    (`clientAddress`); a forwarding header from anyone else is ignored. The developer's machine
 *    and in-cluster scrapes work with no setup, anything relayed from a public address does not.
 */
export function metricsAccess(
  request: Request,
  options: { token?: string | undefined; trustedProxies?: TTrustedProxies },
): TMetricsAccess {
  const { headers } = request;
  if (CLOUDFLARE_HEADERS.some((name) => headers.has(name)))
    return { isAllowed: false, status: 403, reason: 'Metrics are not served through the public tunnel.' };
  if (options.token) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.get('authorization') ?? '');
    if (match?.[1] && timingSafeEqual(digest(match[1]), digest(options.token))) return { isAllowed: true };
    return { isAllowed: false, status: 401, reason: 'A valid METRICS_TOKEN Bearer token is required.' };
  }
  const client = clientAddress(headers, options.trustedProxies ?? NO_TRUSTED_PROXIES);
  if (!client)
    return { isAllowed: false, status: 403, reason: 'The client address is unknown; set METRICS_TOKEN.' };
  if (!isPrivateAddress(client))
    return {
      isAllowed: false,
      status: 403,
      reason: 'Without METRICS_TOKEN, metrics are served to loopback and private addresses only.',
    };
  return { isAllowed: true };
}

/**
 * The `GET /api/metrics` answer: the process's metrics in Prometheus text format 0.0.4 when
 * `metricsAccess` allows the request, else 401/403 JSON.
 */
export async function metricsResponse(
  request: Request,
  options: { token?: string | undefined; trustedProxies?: TTrustedProxies },
): Promise<Response> {
  const access = metricsAccess(request, options);
  if (!access.isAllowed) {
    return Response.json(
      { error: access.status === 401 ? 'unauthenticated' : 'forbidden', message: access.reason },
      {
        status: access.status,
        headers: {
          'Cache-Control': 'no-store',
          ...(access.status === 401 ? { 'WWW-Authenticate': 'Bearer realm="metrics"' } : {}),
        },
      },
    );
  }
  const { body, contentType } = await metricsText();
  return new Response(body, { headers: { 'Content-Type': contentType, 'Cache-Control': 'no-store' } });
}
