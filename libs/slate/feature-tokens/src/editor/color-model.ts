// Editing a colour: hex and OKLCH fields ↔ a DTCG colour value (always written as oklch + hex).
import { hexToOklch, oklchToHex } from '@lumenforge/tokens';

export type TColorFields = { hex: string; l: string; c: string; h: string; alpha: string };

export type TEditableColor = {
  colorSpace: 'oklch';
  components: [number, number, number];
  alpha?: number;
  hex: string;
};

const HEX = /^#?([0-9a-f]{6}|[0-9a-f]{3})$/i;

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  const rounded = Math.round(value * factor) / factor;
  return Object.is(rounded, -0) ? 0 : rounded;
}

/** `#ABC`, `abc123` → `#aabbcc`, `#abc123`; `null` when it is not a hex colour. */
export function normalizeHex(text: string): string | null {
  const match = HEX.exec(text.trim());
  const digits = match?.[1]?.toLowerCase();
  if (!digits) return null;
  return `#${digits.length === 3 ? [...digits].map((digit) => digit + digit).join('') : digits}`;
}

/** The fields of a colour value (any DTCG colour object with a hex, or oklch components). */
export function fieldsFromColor(value: unknown): TColorFields {
  const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const components = Array.isArray(record['components']) ? (record['components'] as unknown[]) : [];
  const hex = typeof record['hex'] === 'string' ? (normalizeHex(record['hex']) ?? '#000000') : null;
  const alpha = typeof record['alpha'] === 'number' ? record['alpha'] : 1;
  let oklch: readonly [number, number, number] | null = null;
  if (
    record['colorSpace'] === 'oklch' &&
    components.every((item) => typeof item === 'number' || item === 'none')
  )
    oklch = [0, 1, 2].map((index) =>
      typeof components[index] === 'number' ? (components[index] as number) : 0,
    ) as [number, number, number];
  if (!oklch && hex) oklch = hexToOklch(hex);
  const [l, c, h] = oklch ?? [0, 0, 0];
  return {
    hex: hex ?? oklchToHex([l, c, h]),
    l: String(round(l, 4)),
    c: String(round(c, 4)),
    h: String(round(h, 2)),
    alpha: String(alpha),
  };
}

export type TColorResult =
  | { ok: true; value: TEditableColor; fields: TColorFields }
  | { ok: false; error: string };

function withAlpha(color: Omit<TEditableColor, 'alpha'>, alpha: number): TEditableColor {
  return alpha === 1 ? color : { ...color, alpha };
}

function parseAlpha(text: string): number | null {
  const alpha = Number(text);
  return text.trim() !== '' && Number.isFinite(alpha) && alpha >= 0 && alpha <= 1 ? alpha : null;
}

/** A hex edit: the OKLCH fields follow. */
export function colorFromHex(fields: TColorFields): TColorResult {
  const hex = normalizeHex(fields.hex);
  if (!hex) return { ok: false, error: 'Enter a hex colour like #3b82f6.' };
  const alpha = parseAlpha(fields.alpha);
  if (alpha === null) return { ok: false, error: 'Alpha is a number from 0 to 1.' };
  const [l, c, h] = hexToOklch(hex);
  const components: [number, number, number] = [round(l, 4), round(c, 4), round(h, 2)];
  return {
    ok: true,
    value: withAlpha({ colorSpace: 'oklch', components, hex }, alpha),
    fields: {
      hex,
      l: String(components[0]),
      c: String(components[1]),
      h: String(components[2]),
      alpha: fields.alpha,
    },
  };
}

/** An OKLCH edit: the hex follows (clipped to sRGB; the validator says when the colour is outside it). */
export function colorFromOklch(fields: TColorFields): TColorResult {
  const l = Number(fields.l);
  const c = Number(fields.c);
  const h = Number(fields.h);
  if ([fields.l, fields.c, fields.h].some((text) => text.trim() === '') || ![l, c, h].every(Number.isFinite))
    return { ok: false, error: 'L, C and H are numbers.' };
  if (l < 0 || l > 1) return { ok: false, error: 'L (lightness) is from 0 to 1.' };
  if (c < 0 || c > 0.5) return { ok: false, error: 'C (chroma) is from 0 to 0.5.' };
  if (h < 0 || h > 360) return { ok: false, error: 'H (hue) is from 0 to 360.' };
  const alpha = parseAlpha(fields.alpha);
  if (alpha === null) return { ok: false, error: 'Alpha is a number from 0 to 1.' };
  const hex = oklchToHex([l, c, h]);
  return {
    ok: true,
    value: withAlpha({ colorSpace: 'oklch', components: [l, c, h], hex }, alpha),
    fields: { ...fields, hex },
  };
}

/** CSS of the preview swatch. */
export function colorCss(value: unknown): string {
  const fields = fieldsFromColor(value);
  return `oklch(${fields.l} ${fields.c} ${fields.h}${fields.alpha !== '1' ? ` / ${fields.alpha}` : ''})`;
}
