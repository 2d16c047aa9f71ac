// Checks that package-lock.json is complete: every dependency, optional dependency and required
// peer that a locked package declares is locked too, for every platform. npm only writes the
// optional binaries of other platforms (e.g. @next/swc-darwin-arm64) when the registry served
// them at lock time; a lockfile without them is rewritten by the next `npm install` elsewhere and
// refused by `npm ci`.

type TLockEntry = {
  link?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
};
export type TLockfile = { lockfileVersion: number; packages: Record<string, TLockEntry> };

/**
 * Where Node would find `name` from the package at `from` ("" is the root, "apps/slate" a
 * workspace, "node_modules/a/node_modules/b" a nested package): its own node_modules, then each
 * node_modules above it, then the root's.
 */
function resolveInLock(packages: TLockfile['packages'], from: string, name: string): string | null {
  let base = from;
  for (;;) {
    const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!base) return null;
    const nested = base.lastIndexOf('/node_modules/');
    base = nested >= 0 ? base.slice(0, nested) : '';
  }
}

/** "<package> -> <dependency> (<kind>)" for each declared dependency the lockfile does not hold. */
export function missingLockEntries(lock: TLockfile): string[] {
  const missing: string[] = [];
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (entry.link) continue;
    const required = {
      dependencies: Object.keys(entry.dependencies ?? {}),
      optionalDependencies: Object.keys(entry.optionalDependencies ?? {}),
      peerDependencies: Object.keys(entry.peerDependencies ?? {}).filter(
        (name) => !entry.peerDependenciesMeta?.[name]?.optional,
      ),
    };
    for (const [kind, names] of Object.entries(required))
      for (const name of names)
        if (!resolveInLock(lock.packages, path, name))
          missing.push(`${path || '(root)'} -> ${name} (${kind})`);
  }
  return missing;
}
