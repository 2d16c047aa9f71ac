import { beforeAll, describe, expect, it } from 'vitest';
import { installPeerAddressHeader, PEER_ADDRESS_HEADER } from './client-address';
import { isPrivateAddress, metricsAccess, metricsResponse } from './metrics-access';
import { parsePrometheusText } from './prometheus-text';
import { parseTrustedProxies } from './trusted-proxies';

// The peer as the HTTP server stamps it (installPeerAddressHeader), plus the request's own headers.
const request = (headers: Record<string, string>, peer = '127.0.0.1') =>
  new Request('http://app/api/metrics', { headers: { [PEER_ADDRESS_HEADER]: peer, ...headers } });
beforeAll(() => installPeerAddressHeader());
const TOKEN = 'metrics-token-0123456789';

describe('isPrivateAddress', () => {
  it.each([
    ['127.0.0.1', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['10.42.0.17', true],
    ['172.20.1.1', true],
    ['192.168.86.13', true],
    ['[fd00::1]:9090', true],
    ['10.0.0.5:51234', true],
    ['172.32.0.1', false],
    ['8.8.8.8', false],
    ['2606:4700::1', false],
    ['unknown', false],
    ['', false],
  ])('%s → %s', (address, expected) => {
    expect(isPrivateAddress(address)).toBe(expected);
  });
});

describe('metricsAccess', () => {
  it('without a token: private and loopback peers only, never through Cloudflare', () => {
    expect(metricsAccess(request({}), {})).toEqual({ isAllowed: true });
    expect(metricsAccess(request({}, '10.42.0.9'), {}).isAllowed).toBe(true);
    expect(metricsAccess(request({}, '203.0.113.9'), {})).toMatchObject({ isAllowed: false, status: 403 });
    // A public client cannot claim a private address: its own X-Forwarded-For is not believed.
    expect(metricsAccess(request({ 'x-forwarded-for': '127.0.0.1' }, '203.0.113.9'), {})).toMatchObject({
      isAllowed: false,
      status: 403,
    });
    // Through a trusted ingress, the client it reports decides.
    const trustedProxies = parseTrustedProxies('10.0.0.0/8');
    expect(
      metricsAccess(request({ 'x-forwarded-for': '203.0.113.9' }, '10.0.0.2'), { trustedProxies }),
    ).toMatchObject({ isAllowed: false, status: 403 });
    expect(
      metricsAccess(request({ 'x-forwarded-for': '192.168.1.20' }, '10.0.0.2'), { trustedProxies }).isAllowed,
    ).toBe(true);
    expect(
      metricsAccess(
        new Request('http://app/api/metrics', { headers: { 'x-forwarded-for': '127.0.0.1' } }),
        {},
      ),
    ).toMatchObject({ isAllowed: false, status: 403, reason: expect.stringMatching(/unknown/) });
    expect(metricsAccess(request({ 'cf-connecting-ip': '127.0.0.1' }), {})).toMatchObject({
      isAllowed: false,
      status: 403,
    });
  });

  it('with a token: the Bearer token, from anywhere but Cloudflare', () => {
    const token = { token: TOKEN };
    expect(metricsAccess(request({ authorization: `Bearer ${TOKEN}` }), token)).toEqual({ isAllowed: true });
    expect(metricsAccess(request({ 'x-forwarded-for': '127.0.0.1' }), token)).toMatchObject({ status: 401 });
    expect(metricsAccess(request({ authorization: 'Bearer wrong' }), token)).toMatchObject({ status: 401 });
    expect(
      metricsAccess(request({ authorization: `Bearer ${TOKEN}`, 'cf-ray': '8a1b2c3d4e5f-AMS' }), token),
    ).toMatchObject({ status: 403 });
  });
});

describe('metricsResponse', () => {
  it('answers the exposition when allowed and JSON 401 / 403 otherwise', async () => {
    const allowed = await metricsResponse(request({ authorization: `Bearer ${TOKEN}` }), { token: TOKEN });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(parsePrometheusText(await allowed.text()).has('process_cpu_user_seconds_total')).toBe(true);

    const missing = await metricsResponse(request({}), { token: TOKEN });
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
    expect(await missing.json()).toMatchObject({ error: 'unauthenticated' });

    const publicPeer = await metricsResponse(request({}, '198.51.100.7'), {});
    expect(publicPeer.status).toBe(403);
    expect(await publicPeer.json()).toMatchObject({ error: 'forbidden' });
  });
});
