import { permissionsFor } from '@lumenforge/auth';
import { CARD_SYSTEMS, type TSystemCardsSummary } from '@lumenforge/landing-monitoring';
import { describe, expect, it } from 'vitest';
import { lifecycleForPermissions } from './system-cards-data';

// Each system's lifecycle as a marker: the filter passes them through untouched or drops them.
const summary = {
  generatedAt: '2026-12-07T10:00:00.000Z',
  lifecycle: Object.fromEntries(CARD_SYSTEMS.map((id) => [id, { marker: id }])),
} as unknown as TSystemCardsSummary;

describe('lifecycleForPermissions', () => {
  it('keeps every system for an admin', () => {
    const lifecycle = lifecycleForPermissions(summary, permissionsFor('admin'));
    for (const id of CARD_SYSTEMS) expect(lifecycle[id]).toEqual({ marker: id });
  });

  it('hides the systems a role may not use (their data is not the role’s to read)', () => {
    const lifecycle = lifecycleForPermissions(summary, ['tokens.read', 'components.read']);
    expect(lifecycle).toEqual({
      slate: { marker: 'slate' },
      ignition: null,
      spark: { marker: 'spark' },
      ignis: null,
      waypoint: null,
    });
    expect(Object.values(lifecycleForPermissions(summary, [])).every((value) => value === null)).toBe(true);
  });
});
