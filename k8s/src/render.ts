import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { KUBECTL } from './env';

/** k8s/ (this package's root). */
export const K8S_ROOT = resolve(import.meta.dirname, '..');

export const OVERLAYS = ['development', 'staging', 'production'] as const;
export type TOverlay = (typeof OVERLAYS)[number];

/** A rendered Kubernetes object; fields are read through the typed helpers below. */
export type TK8sObject = {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  // Rendered manifests are untyped YAML: the tests narrow what they read.
  [field: string]: unknown;
};

/** The kubectl the tests render with; throws (never skips) when there is none. */
export function kubectlVersion(): string {
  try {
    return execFileSync(KUBECTL, ['version', '--client'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    throw new Error(
      `kubectl not found (${KUBECTL}): install kubernetes-client (\`apt-get install -y kubernetes-client\`) ` +
        `or point KUBECTL at a kubectl binary. The manifests cannot be checked without it. (${String(error)})`,
    );
  }
}

/** `kubectl kustomize <dir>` parsed into objects; `dir` is relative to k8s/. */
export function render(dir: string): TK8sObject[] {
  kubectlVersion();
  const output = execFileSync(KUBECTL, ['kustomize', join(K8S_ROOT, dir)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 32 * 1024 * 1024,
  });
  return parseManifests(output);
}

export function parseManifests(text: string): TK8sObject[] {
  return parseAllDocuments(text)
    .map((document) => {
      if (document.errors.length > 0) throw new Error(document.errors.map(String).join('\n'));
      return document.toJS() as TK8sObject | null;
    })
    .filter((object): object is TK8sObject => object !== null);
}

const cache = new Map<string, TK8sObject[]>();

/** Each overlay rendered once per test file. */
export function renderOverlay(overlay: TOverlay): TK8sObject[] {
  const key = `overlays/${overlay}`;
  let objects = cache.get(key);
  if (!objects) {
    objects = render(key);
    cache.set(key, objects);
  }
  return objects;
}

export function find(objects: TK8sObject[], kind: string, name: string): TK8sObject {
  const found = objects.find((object) => object.kind === kind && object.metadata.name === name);
  if (!found) throw new Error(`${kind}/${name} is not rendered`);
  return found;
}

/** A generated ConfigMap keeps its name plus kustomize's hash suffix. */
export function findGenerated(objects: TK8sObject[], kind: string, name: string): TK8sObject {
  const found = objects.filter(
    (object) => object.kind === kind && new RegExp(`^${name}-[a-z0-9]{10}$`).test(object.metadata.name),
  );
  if (found.length !== 1)
    throw new Error(`expected one generated ${kind} ${name}-<hash>, found ${found.length}`);
  return found[0] as TK8sObject;
}

export function ofKind(objects: TK8sObject[], kind: string): TK8sObject[] {
  return objects.filter((object) => object.kind === kind);
}

/** `KEY=value` lines (comments and blank lines skipped), as kustomize and `kubectl create secret --from-env-file` read them. */
export function readEnvFile(path: string): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const line of readFileSync(join(K8S_ROOT, path), 'utf8').split('\n')) {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#')) continue;
    const at = trimmed.indexOf('=');
    entries[trimmed.slice(0, at)] = trimmed.slice(at + 1);
  }
  return entries;
}

/** Reads a nested field: get(obj, 'spec', 'template', 'spec'). */
export function get<T = unknown>(value: unknown, ...path: Array<string | number>): T {
  let current: unknown = value;
  for (const key of path) {
    if (current === null || current === undefined) return undefined as T;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current as T;
}
