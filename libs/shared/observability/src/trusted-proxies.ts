// Which reverse proxies the platform believes (`TRUSTED_PROXIES`) and how addresses are compared.
// No I/O: the env fragment validates the variable with it.
import { BlockList, isIPv4, isIPv6 } from 'node:net';

/**
 * Cloudflare's published edge ranges (https://www.cloudflare.com/ips-v4 and /ips-v6), trusted with
 * `TRUSTED_PROXIES=cloudflare`. Copied on {@link CLOUDFLARE_IP_RANGES_AS_OF} from the list Cloudflare
 * has published unchanged since 2023; compare with those two URLs when upgrading.
 */
export const CLOUDFLARE_IP_RANGES: readonly string[] = [
  '173.245.48.0/20',
  '103.21.244.0/22',
  '103.22.200.0/22',
  '103.31.4.0/22',
  '141.101.64.0/18',
  '108.162.192.0/18',
  '190.93.240.0/20',
  '188.114.96.0/20',
  '197.234.240.0/22',
  '198.41.128.0/17',
  '162.158.0.0/15',
  '104.16.0.0/13',
  '104.24.0.0/14',
  '172.64.0.0/13',
  '131.0.72.0/22',
  '2400:cb00::/32',
  '2606:4700::/32',
  '2803:f800::/32',
  '2405:b500::/32',
  '2405:8100::/32',
  '2a06:98c0::/29',
  '2c0f:f248::/32',
];
export const CLOUDFLARE_IP_RANGES_AS_OF = '2026-12-07';

/** The proxies whose forwarding headers are believed (`TRUSTED_PROXIES`, parsed). */
export type TTrustedProxies = {
  /** Whether `address` (an IP as {@link normalizeAddress} returns it) is one of the trusted proxies. */
  has(address: string): boolean;
  /** Cloudflare's ranges are in the list (`cloudflare`): `CF-Connecting-IP` is believed from them. */
  readonly includesCloudflare: boolean;
  /** The entries as given, for logs. */
  readonly entries: readonly string[];
};

/** No proxy is trusted: every request's client is its socket peer. */
export const NO_TRUSTED_PROXIES: TTrustedProxies = parseTrustedProxies(undefined);

/**
 * An IP address without port, brackets, zone index or IPv4-mapped prefix (`[::ffff:1.2.3.4]:80` →
 * `1.2.3.4`); null when `value` is not an IP address at all.
 */
export function normalizeAddress(value: string | null | undefined): string | null {
  let host = (value ?? '').trim();
  if (!host) return null;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(host);
  if (bracketed?.[1]) host = bracketed[1];
  else if (/^[\d.]+:\d+$/.test(host)) host = host.slice(0, host.lastIndexOf(':'));
  host = host.replace(/%.*$/, ''); // zone index (fe80::1%eth0)
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(host);
  if (mapped?.[1]) host = mapped[1];
  if (isIPv4(host)) return host;
  if (isIPv6(host)) return host.toLowerCase();
  return null;
}

function addCidr(list: BlockList, entry: string): void {
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIPv4(address) ? 'ipv4' : isIPv6(address) ? 'ipv6' : null;
  if (!family || rest.length > 0)
    throw new Error(`"${entry}" is not an IPv4 or IPv6 address or CIDR range (e.g. 10.0.0.0/8, fd00::/8)`);
  const maxBits = family === 'ipv4' ? 32 : 128;
  if (prefix === undefined) {
    list.addAddress(address, family);
    return;
  }
  const bits = /^\d{1,3}$/.test(prefix) ? Number(prefix) : Number.NaN;
  if (!(bits >= 0 && bits <= maxBits))
    throw new Error(
      `"${entry}" has an invalid prefix length (0–${maxBits} for ${family === 'ipv4' ? 'IPv4' : 'IPv6'})`,
    );
  list.addSubnet(address, bits, family);
}

/**
 * Parses `TRUSTED_PROXIES`: comma-separated IPv4/IPv6 addresses and CIDR ranges, and the word
 * `cloudflare` for {@link CLOUDFLARE_IP_RANGES} (e.g. `cloudflare,10.0.0.0/8`). Unset or empty: no
 * proxy is trusted. Throws an Error naming the bad entry.
 */
export function parseTrustedProxies(value: string | undefined): TTrustedProxies {
  const entries = (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const list = new BlockList();
  let includesCloudflare = false;
  for (const entry of entries) {
    if (entry.toLowerCase() === 'cloudflare') {
      includesCloudflare = true;
      for (const range of CLOUDFLARE_IP_RANGES) addCidr(list, range);
    } else addCidr(list, entry);
  }
  return {
    entries,
    includesCloudflare,
    has: (address) => {
      const normalized = normalizeAddress(address);
      if (!normalized) return false;
      return list.check(normalized, isIPv4(normalized) ? 'ipv4' : 'ipv6');
    },
  };
}
