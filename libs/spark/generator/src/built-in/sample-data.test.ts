import { describe, expect, it } from 'vitest';
import { fieldIdentifiers, sampleRows, sampleValue } from './sample-data';

describe('fieldIdentifiers', () => {
  it('turns plan fields into distinct camelCase identifiers without id', () => {
    expect(fieldIdentifiers(['Created at', 'e-mail', 'id', 'E-Mail', 'amount'], ['name'])).toEqual(['createdAt', 'eMail', 'amount']);
  });

  it('falls back to the defaults and keeps at most five', () => {
    expect(fieldIdentifiers(['', '!!'], ['name', 'email'])).toEqual(['name', 'email']);
    expect(fieldIdentifiers(['a', 'b', 'c', 'd', 'e', 'f'], [])).toHaveLength(5);
  });
});

describe('sampleRows', () => {
  it('gives every row an id and values unique per column, none inside another', () => {
    const fields = ['name', 'email', 'createdAt', 'amount', 'status'];
    const rows = sampleRows(fields, 25);
    expect(rows.map((row) => row.id)).toEqual(Array.from({ length: 25 }, (_, index) => String(index + 1)));
    for (const field of fields) {
      const values = rows.map((row) => row[field] as string);
      expect(new Set(values).size).toBe(values.length);
      for (const value of values) expect(values.filter((other) => other !== value && other.includes(value))).toEqual([]);
    }
  });

  it('shapes values by what the field holds', () => {
    expect(sampleValue('email', 0)).toMatch(/^[a-z]+@example\.com$/);
    expect(sampleValue('createdAt', 3)).toMatch(/^2026-01-\d{2}$/);
    expect(sampleValue('amount', 2)).toMatch(/^\d{3}\.00$/);
    expect(sampleValue('branch', 1)).toMatch(/^[A-Z][a-z]+ branch$/);
  });
});
