import { describe, expect, it } from 'vitest';
import { createMemoryCache } from '@lumenforge/cache/server';
import type { TDbClient } from '@lumenforge/db/server';
import {
  buildSystemCards,
  cachedSystemCards,
  LIFECYCLE_LOADERS,
  systemCardsCacheKey,
} from './server/system-cards-service';
import {
  CARD_SYSTEMS,
  componentsLifecycleAfterEvent,
  describeLifecycle,
  LIFECYCLE_EMPTY_TEXT,
  newerComponentsLifecycle,
  newerTokensLifecycle,
  tokensLifecycleFromEvent,
  type TTokensLifecycle,
} from './system-cards';

const db = {} as TDbClient;
const WS = '7b0f5c1e-2a8e-4c36-9a51-3f1d1b1e0c11';
const formatDate = (iso: string) => iso.slice(0, 10);
const SLATE_URL = 'http://127.0.0.1:3001';
const tokens = (version: number, semver: string, isBreaking = false): TTokensLifecycle => ({
  kind: 'tokens',
  version,
  semver,
  publishedAt: '2026-11-24T09:30:00.000Z',
  isBreaking,
});

describe('system cards: lifecycle model', () => {
  it('has a loader per card system', () => {
    expect(Object.keys(LIFECYCLE_LOADERS).sort()).toEqual([...CARD_SYSTEMS].sort());
  });

  it('builds every card, and a failing loader makes only its card unavailable', async () => {
    const errors: string[] = [];
    const summary = await buildSystemCards(
      {
        db,
        cache: createMemoryCache({ max: 100 }),
        now: () => new Date('2026-11-24T10:00:00Z'),
        loaders: {
          slate: async () => tokens(3, '1.2.0', true),
          spark: async () => {
            throw new Error('relation "components" does not exist');
          },
          ignis: async () => ({ kind: 'empty' }),
          ignition: async () => ({ kind: 'empty' }),
          waypoint: async () => ({ kind: 'empty' }),
        },
        onError: (system) => errors.push(system),
      },
      WS,
    );
    expect(summary).toEqual({
      generatedAt: '2026-11-24T10:00:00.000Z',
      lifecycle: {
        slate: tokens(3, '1.2.0', true),
        spark: { kind: 'unavailable' },
        ignis: { kind: 'empty' },
        ignition: { kind: 'empty' },
        waypoint: { kind: 'empty' },
      },
    });
    expect(errors).toEqual(['spark']);
  });

  it('is cached under realtime:{workspace}:cards, apart from the status summary, for the TTL', async () => {
    const cache = createMemoryCache({ max: 100 });
    let loads = 0;
    const options = {
      db,
      cache,
      cacheTtlMs: 60_000,
      loaders: {
        slate: async () => {
          loads += 1;
          return tokens(loads, `1.${loads}.0`);
        },
      },
    };
    expect(systemCardsCacheKey(WS)).toBe(`realtime:${WS}:cards`);
    const [first, second] = await Promise.all([
      cachedSystemCards(options, WS),
      cachedSystemCards(options, WS),
    ]);
    expect(loads).toBe(1);
    expect(second).toEqual(first);
    expect(await cache.get(`realtime:${WS}`)).toBeUndefined();
    expect(await cache.get(systemCardsCacheKey(WS))).toEqual(first);
    await cache.delete(systemCardsCacheKey(WS));
    expect((await cachedSystemCards(options, WS)).lifecycle.slate).toEqual(tokens(2, '1.2.0'));
  });

  it('reads SLATE from a wissil.tokens.updated envelope and never goes back to an older version', () => {
    const event = {
      occurredAt: '2026-11-24T10:01:00.000Z',
      data: { version: 4, semver: '2.0.0', isBreaking: true, previousVersion: 3 },
    };
    const live = tokensLifecycleFromEvent(event);
    expect(live).toEqual({
      kind: 'tokens',
      version: 4,
      semver: '2.0.0',
      publishedAt: '2026-11-24T10:01:00.000Z',
      isBreaking: true,
    });
    expect(tokensLifecycleFromEvent({ occurredAt: event.occurredAt, data: { version: '4' } })).toBeNull();
    expect(tokensLifecycleFromEvent({ occurredAt: event.occurredAt, data: null })).toBeNull();
    if (!live) throw new Error('unreachable');
    expect(newerTokensLifecycle({ kind: 'empty' }, live)).toBe(live);
    expect(newerTokensLifecycle(live, tokens(3, '1.9.0'))).toBe(live);
    expect(newerTokensLifecycle(tokens(3, '1.9.0'), live)).toBe(live);
    expect(newerTokensLifecycle(live, { kind: 'unavailable' })).toBe(live);
  });

  it('describes SLATE: version linking to its page, date, breaking badge', () => {
    expect(
      describeLifecycle('slate', tokens(7, '1.4.0', true), { formatDate, systemUrl: SLATE_URL }),
    ).toEqual({
      kind: 'facts',
      facts: [
        { label: 'Published', value: 'v1.4.0', href: `${SLATE_URL}/versions/7` },
        { label: 'On', value: '2026-11-24' },
      ],
      badge: { text: 'Breaking', tone: 'danger' },
    });
    const plain = describeLifecycle('slate', tokens(1, '1.0.0'), { formatDate, systemUrl: SLATE_URL });
    expect(plain.kind === 'facts' && plain.badge).toBeNull();
  });

  it('describes empty and unavailable states in words', () => {
    for (const system of CARD_SYSTEMS) {
      const view = describeLifecycle(system, { kind: 'empty' }, { formatDate, systemUrl: '' });
      expect(view).toEqual({ kind: 'empty', text: LIFECYCLE_EMPTY_TEXT[system] });
    }
    expect(LIFECYCLE_EMPTY_TEXT.spark).toBe('No components yet — generated components appear here');
    expect(describeLifecycle('ignis', { kind: 'unavailable' }, { formatDate, systemUrl: '' }).kind).toBe(
      'unavailable',
    );
  });

  it('describes the shapes later loaders will fill', () => {
    const options = { formatDate, systemUrl: '' };
    expect(
      describeLifecycle(
        'ignis',
        {
          kind: 'build',
          status: 'failed',
          target: 'web',
          durationMs: 42_000,
          bundleBytes: 2 * 1024 * 1024,
          at: '2026-11-24T08:00:00Z',
        },
        options,
      ),
    ).toEqual({
      kind: 'facts',
      facts: [
        { label: 'Last build', value: 'web · failed', tone: 'danger' },
        { label: 'Took', value: '42 s' },
        { label: 'Bundle', value: '2.0 MB' },
      ],
      badge: null,
    });
    const spark = describeLifecycle(
      'spark',
      { kind: 'components', count: 12, lastGeneration: { name: 'Button', at: '2026-11-23T08:00:00Z' } },
      options,
    );
    expect(spark.kind === 'facts' && spark.facts.map((fact) => fact.value)).toEqual([
      '12',
      'Button · 2026-11-23',
    ]);
    const ignition = describeLifecycle(
      'ignition',
      { kind: 'projects', count: 0, lastProject: null },
      options,
    );
    expect(ignition.kind === 'facts' && ignition.facts).toEqual([{ label: 'Projects', value: '0' }]);
    expect(describeLifecycle('waypoint', { kind: 'deployments', environments: [] }, options).kind).toBe(
      'empty',
    );
    const waypoint = describeLifecycle(
      'waypoint',
      {
        kind: 'deployments',
        environments: [
          { environment: 'production', status: 'live', version: '1.2.0', at: '2026-11-24T07:00:00Z' },
        ],
      },
      options,
    );
    expect(waypoint.kind === 'facts' && waypoint.facts).toEqual([
      { label: 'production', value: '1.2.0 · live · 2026-11-24' },
    ]);
  });
});

describe('SPARK card live (wissil.component.*)', () => {
  const created = (name: string, origin: string, occurredAt = '2026-12-07T18:00:00.000Z') => ({
    subject: 'wissil.component.created',
    occurredAt,
    data: { componentId: '1a7e5e53-61e7-4e88-82b4-4a870896f3b0', name, version: 1, origin },
  });

  it('counts a new component, and a SPARK-generated one becomes the last generation', () => {
    const empty = { kind: 'empty' } as const;
    const first = componentsLifecycleAfterEvent(empty, created('Badge', 'manual'));
    expect(first).toEqual({ kind: 'components', count: 1, lastGeneration: null });
    const second = componentsLifecycleAfterEvent(first, created('PricingCard', 'spark'));
    expect(second).toEqual({
      kind: 'components',
      count: 2,
      lastGeneration: { name: 'PricingCard', at: '2026-12-07T18:00:00.000Z' },
    });
  });

  it('leaves the count alone for new versions and publishes, and an unavailable card unavailable', () => {
    const state = { kind: 'components', count: 3, lastGeneration: null } as const;
    expect(
      componentsLifecycleAfterEvent(state, {
        ...created('Badge', 'spark'),
        subject: 'wissil.component.updated',
      }),
    ).toBe(state);
    expect(componentsLifecycleAfterEvent({ kind: 'unavailable' }, created('Badge', 'spark'))).toEqual({
      kind: 'unavailable',
    });
  });

  it('never lets a cached summary undo a count or a newer generation the events brought', () => {
    const live = {
      kind: 'components',
      count: 5,
      lastGeneration: { name: 'Hero', at: '2026-12-07T18:05:00.000Z' },
    } as const;
    const cached = {
      kind: 'components',
      count: 4,
      lastGeneration: { name: 'Card', at: '2026-12-07T18:01:00.000Z' },
    } as const;
    expect(newerComponentsLifecycle(live, cached)).toEqual(live);
    const fresher = { ...cached, count: 6, lastGeneration: { name: 'Tabs', at: '2026-12-07T18:06:00.000Z' } };
    expect(newerComponentsLifecycle(live, fresher)).toEqual(fresher);
  });
});
