import { describe, expect, it } from 'vitest';
import { ZObservabilityEnv } from './env';
import { CLOUDFLARE_IP_RANGES, normalizeAddress, parseTrustedProxies } from './trusted-proxies';

describe('normalizeAddress', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    [' 203.0.113.7:51234 ', '203.0.113.7'],
    ['::ffff:10.1.2.3', '10.1.2.3'],
    ['[2001:DB8::1]:443', '2001:db8::1'],
    ['fe80::1%eth0', 'fe80::1'],
    ['unknown', null],
    ['', null],
    ['1.2.3', null],
    ['203.0.113.7/24', null],
  ])('%s → %s', (value, expected) => {
    expect(normalizeAddress(value)).toBe(expected);
  });
});

describe('parseTrustedProxies (CIDR matching)', () => {
  it('matches IPv4 and IPv6 ranges at their edges, single addresses, and IPv4-mapped peers', () => {
    const trusted = parseTrustedProxies('10.0.0.0/8, 192.168.1.0/24,fd00::/8, 203.0.113.9, 2001:db8::1');
    expect(trusted.entries).toHaveLength(5);
    for (const inside of ['10.0.0.0', '10.255.255.255', '192.168.1.0', '192.168.1.255', 'fd12:3456::1'])
      expect(trusted.has(inside), inside).toBe(true);
    for (const outside of [
      '11.0.0.0',
      '9.255.255.255',
      '192.168.2.0',
      'fe00::1',
      '203.0.113.10',
      '2001:db8::2',
    ])
      expect(trusted.has(outside), outside).toBe(false);
    expect(trusted.has('203.0.113.9')).toBe(true);
    expect(trusted.has('2001:DB8::1')).toBe(true);
    expect(trusted.has('::ffff:10.9.8.7')).toBe(true); // how Node reports IPv4 peers on a dual-stack socket
    expect(trusted.has('not an address')).toBe(false);
    expect(trusted.includesCloudflare).toBe(false);
  });

  it('trusts nothing when unset or empty, and everything with /0', () => {
    for (const value of [undefined, '', ' , '])
      expect(parseTrustedProxies(value).has('127.0.0.1')).toBe(false);
    expect(parseTrustedProxies('0.0.0.0/0').has('198.51.100.1')).toBe(true);
    expect(parseTrustedProxies('0.0.0.0/0').has('2001:db8::1')).toBe(false);
  });

  it('expands `cloudflare` to Cloudflare’s published ranges, next to other entries', () => {
    const trusted = parseTrustedProxies('Cloudflare,10.0.0.0/8');
    expect(trusted.includesCloudflare).toBe(true);
    expect(CLOUDFLARE_IP_RANGES.length).toBeGreaterThan(20);
    for (const edge of ['173.245.48.1', '104.16.0.1', '172.71.255.254', '2606:4700::6810:84e5', '10.1.1.1'])
      expect(trusted.has(edge), edge).toBe(true);
    expect(trusted.has('8.8.8.8')).toBe(false);
  });

  it.each([
    ['10.0.0.0/33', /invalid prefix length \(0–32 for IPv4\)/],
    ['fd00::/129', /invalid prefix length \(0–128 for IPv6\)/],
    ['10.0.0.0/x', /invalid prefix length/],
    ['10.0.0/8', /not an IPv4 or IPv6 address/],
    ['proxy.internal', /not an IPv4 or IPv6 address/],
    ['10.0.0.0/8/8', /not an IPv4 or IPv6 address/],
  ])('refuses %s', (value, message) => {
    expect(() => parseTrustedProxies(value)).toThrow(message);
  });

  it('is validated by the env fragment with an error naming TRUSTED_PROXIES', () => {
    const parsed = ZObservabilityEnv.safeParse({ TRUSTED_PROXIES: 'cloudflare,10.0.0.0/99' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({
      path: ['TRUSTED_PROXIES'],
      message: expect.stringContaining('"10.0.0.0/99" has an invalid prefix length'),
    });
    expect(ZObservabilityEnv.parse({ TRUSTED_PROXIES: 'cloudflare,10.0.0.0/8' }).TRUSTED_PROXIES).toBe(
      'cloudflare,10.0.0.0/8',
    );
  });
});
