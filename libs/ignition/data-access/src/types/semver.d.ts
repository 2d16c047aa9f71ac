// The two functions of `semver` (npm's own range rules) this lib uses; the package ships no types.
declare module 'semver' {
  export function validRange(range: string): string | null;
  export function maxSatisfying(versions: readonly string[], range: string): string | null;
}
