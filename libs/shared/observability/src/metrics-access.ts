import { createHash, timingSafeEqual } from 'node:crypto';
import { BlockList, isIPv4, isIPv6 } from 'node:net';
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
  let host = address.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(host);
  if (bracketed?.[1]) host = bracketed[1];
  else if (/^[\d.]+:\d+$/.test(host)) host = host.slice(0, host.lastIndexOf(':'));
  host = host.replace(/%.*$/, ''); // zone index (fe80::1%eth0)
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(host);
  if (mapped?.[1]) host = mapped[1];
  if (isIPv4(host)) return PRIVATE_NETWORKS.check(host, 'ipv4');
  if (isIPv6(host)) return PRIVATE_NETWORKS.check(host, 'ipv6');
  return false;
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
 * 3. Without a token: only requests whose every known hop (`X-Forwarded-For`, which Next fills with
 *    the socket address when absent, and `X-Real-IP`) is loopback or private (403 otherwise): the
 *    developer's machine and in-cluster scrapes work with no setup, anything relayed from a public
 *    address does not.
 */
export function metricsAccess(request: Request, options: { token?: string | undefined }): TMetricsAccess {
  const { headers } = request;
  if (CLOUDFLARE_HEADERS.some((name) => headers.has(name)))
    return { isAllowed: false, status: 403, reason: 'Metrics are not served through the public tunnel.' };
  if (options.token) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.get('authorization') ?? '');
    if (match?.[1] && timingSafeEqual(digest(match[1]), digest(options.token))) return { isAllowed: true };
    return { isAllowed: false, status: 401, reason: 'A valid METRICS_TOKEN Bearer token is required.' };
  }
  const hops = [
    ...(headers.get('x-forwarded-for')?.split(',') ?? []),
    ...(headers.get('x-real-ip') ? [headers.get('x-real-ip') ?? ''] : []),
  ]
    .map((hop) => hop.trim())
    .filter(Boolean);
  if (hops.length === 0)
    return { isAllowed: false, status: 403, reason: 'The client address is unknown; set METRICS_TOKEN.' };
  if (!hops.every(isPrivateAddress))
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
  options: { token?: string | undefined },
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
