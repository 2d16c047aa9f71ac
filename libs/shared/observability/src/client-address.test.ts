import { request as httpRequest, createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAddress, installPeerAddressHeader, PEER_ADDRESS_HEADER, peerAddress } from './client-address';
import { NO_TRUSTED_PROXIES, parseTrustedProxies } from './trusted-proxies';

const headers = (peer: string, extra: Record<string, string> = {}) =>
  new Headers({ [PEER_ADDRESS_HEADER]: peer, ...extra });

describe('without the peer-address hook', () => {
  it('ignores a peer header a client sent: the address is unknown', () => {
    // This file installs the hook only in the suites below; vitest isolates test files.
    expect(peerAddress(headers('10.0.0.1'))).toBeNull();
    expect(
      clientAddress(headers('10.0.0.1', { 'x-forwarded-for': '1.2.3.4' }), NO_TRUSTED_PROXIES),
    ).toBeNull();
  });
});

describe('clientAddress (the X-Forwarded-For walk)', () => {
  beforeAll(() => installPeerAddressHeader());
  const trusted = parseTrustedProxies('10.0.0.0/8,fd00::/8');

  it('is the socket peer when the peer is not a trusted proxy, whatever the headers say', () => {
    const forged = { 'x-forwarded-for': '198.51.100.1', 'cf-connecting-ip': '198.51.100.2' };
    expect(clientAddress(headers('203.0.113.7', forged), trusted)).toBe('203.0.113.7');
    expect(clientAddress(headers('::ffff:203.0.113.7', forged), NO_TRUSTED_PROXIES)).toBe('203.0.113.7');
    expect(clientAddress(headers('10.1.1.1', forged), NO_TRUSTED_PROXIES)).toBe('10.1.1.1');
  });

  it('walks from the right past trusted proxies; what the client wrote on the left is never read', () => {
    const via = (xff: string) => clientAddress(headers('10.0.0.2', { 'x-forwarded-for': xff }), trusted);
    expect(via('203.0.113.7')).toBe('203.0.113.7');
    expect(via('198.51.100.99, 203.0.113.7')).toBe('203.0.113.7'); // client-sent hop on the left
    expect(via('198.51.100.99, 203.0.113.7, 10.0.0.5, fd00::3')).toBe('203.0.113.7');
    expect(via('203.0.113.7:4711 , [fd00::9]:80')).toBe('203.0.113.7');
    expect(via('10.0.0.7, 10.0.0.8')).toBe('10.0.0.7'); // all trusted: the leftmost
    expect(via('')).toBe('10.0.0.2'); // no header: the proxy itself
    expect(via('garbage, 10.0.0.8')).toBe('10.0.0.8'); // a malformed hop ends the walk
    expect(via('203.0.113.7, garbage')).toBe('10.0.0.2');
  });

  it('believes CF-Connecting-IP only from a trusted peer and only with `cloudflare` trusted', () => {
    const cf = { 'cf-connecting-ip': '198.51.100.20', 'x-forwarded-for': '198.51.100.20, 162.158.1.1' };
    expect(clientAddress(headers('162.158.1.1', cf), parseTrustedProxies('cloudflare'))).toBe(
      '198.51.100.20',
    );
    // A Cloudflare Tunnel connector inside the cluster forwards Cloudflare's headers.
    expect(clientAddress(headers('10.0.0.3', cf), parseTrustedProxies('cloudflare,10.0.0.0/8'))).toBe(
      '198.51.100.20',
    );
    // Trusted ingress, Cloudflare not configured: the header is the client's own and ignored.
    expect(clientAddress(headers('10.0.0.3', cf), trusted)).toBe('162.158.1.1');
    expect(clientAddress(headers('198.51.100.5', cf), parseTrustedProxies('cloudflare'))).toBe(
      '198.51.100.5',
    );
  });
});

describe('installPeerAddressHeader over real HTTP', () => {
  let url = '';
  const seen: Array<{ header: string | undefined; raw: string[] }> = [];
  const server = createServer((request, response) => {
    seen.push({
      header: request.headers[PEER_ADDRESS_HEADER] as string | undefined,
      raw: request.rawHeaders.filter(
        (_, index, all) => all[index - 1]?.toLowerCase() === PEER_ADDRESS_HEADER,
      ),
    });
    response.end('ok');
  });
  beforeAll(async () => {
    installPeerAddressHeader();
    installPeerAddressHeader(); // idempotent
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('replaces a forged peer header (even sent twice) with the socket address', async () => {
    await fetch(url, { headers: { [PEER_ADDRESS_HEADER]: '198.51.100.1' } });
    await new Promise<void>((resolve, reject) => {
      const request = httpRequest(url);
      request.setHeader(PEER_ADDRESS_HEADER, ['1.1.1.1', '2.2.2.2']); // two header lines
      request.on('response', (response) => response.resume().on('end', resolve));
      request.on('error', reject);
      request.end();
    });
    await fetch(url);
    expect(seen).toEqual([
      { header: '127.0.0.1', raw: ['127.0.0.1'] },
      { header: '127.0.0.1', raw: ['127.0.0.1'] },
      { header: '127.0.0.1', raw: ['127.0.0.1'] },
    ]);
  });
});
