// Sample rows for generated tables, tests and stories: every value unique in its column and no value
// inside another (so a generated test can filter by one and expect exactly one row), sortable in a
// known order, and free of anything the token check would read as a design value.
const WORDS = [
  'Amber', 'Birch', 'Cedar', 'Delta', 'Ember', 'Fjord', 'Garnet', 'Harbor', 'Indigo', 'Juniper',
  'Kestrel', 'Lumen', 'Maple', 'Nimbus', 'Onyx', 'Pebble', 'Quartz', 'Raven', 'Sierra', 'Tundra',
  'Umber', 'Vesper', 'Willow', 'Xenon', 'Yarrow', 'Zephyr',
]; // prettier-ignore
const SURNAMES = ['Lane', 'Okafor', 'Silva', 'Nakamura', 'Novak', 'Haddad', 'Ivanova', 'Moreau'];

/** Plan fields (`Created at`, `e-mail`) → distinct camelCase identifiers, `id` excluded, at most five. */
export function fieldIdentifiers(fields: readonly string[], defaults: readonly string[]): string[] {
  const identifiers = fields
    .map((field) =>
      field
        .replace(/[^A-Za-z0-9]+/g, ' ')
        .trim()
        .split(' ')
        .filter(Boolean)
        .map((word, index) =>
          index === 0 ? word.toLowerCase() : word.charAt(0).toUpperCase() + word.slice(1).toLowerCase(),
        )
        .join(''),
    )
    .filter((identifier) => /^[a-z][A-Za-z0-9]*$/.test(identifier) && identifier !== 'id');
  const unique = [...new Set(identifiers)].slice(0, 5);
  return unique.length > 0 ? unique : [...defaults];
}

/** The sample value of `field` in row `index` (0-based, up to 25 rows distinct). */
export function sampleValue(field: string, index: number): string {
  const word = WORDS[(index * 7) % WORDS.length] as string;
  const lower = field.toLowerCase();
  if (/mail/.test(lower)) return `${word.toLowerCase()}@example.com`;
  if (/(name|person|author|user|owner|customer|member)$/.test(lower))
    return `${word} ${SURNAMES[index % SURNAMES.length] as string}`;
  if (/(date|time|created|updated|at)$/.test(lower))
    return `2026-01-${String(((index * 11) % 28) + 1).padStart(2, '0')}`;
  if (/(amount|price|total|cost|revenue|balance)$/.test(lower))
    return `${100 + ((index * 37) % 900)}.00`;
  return `${word} ${field.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}`;
}

/** `count` rows with an `id` and every field. */
export function sampleRows(fields: readonly string[], count: number): Array<Record<string, string>> {
  return Array.from({ length: count }, (_, index) => ({
    id: String(index + 1),
    ...Object.fromEntries(fields.map((field) => [field, sampleValue(field, index)])),
  }));
}
