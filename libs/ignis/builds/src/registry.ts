import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

// Pushes a stored OCI image layout (artifact.ts) to a registry over the OCI Distribution API with
// Node's fetch: the artifact of a cluster-mode build lives in the registry, addressed by digest, for
// WAYPOINT to pull. Blobs are uploaded monolithically (POST → PUT ?digest=) after a HEAD shows them
// missing, so pushing the same artifact again uploads nothing.

export type TRegistryAuth =
  | { kind: 'basic'; username: string; password: string }
  | { kind: 'bearer'; token: string };

export type TRegistryTarget = {
  /** `http(s)://host[:port]` of the registry (its `/v2/` API). */
  url: string;
  /** Repository name, e.g. `lumenforge/ignis/<workspace id>`. */
  repository: string;
  auth?: TRegistryAuth;
  /** Per request; a registry that does not answer in time counts as unreachable. */
  timeoutMs?: number;
};

export type TPushResult = {
  /** `<registry host>/<repository>@sha256:…`: where the artifact is, by digest. */
  reference: string;
  /** Blob digests uploaded by this push (empty when the registry had them all). */
  uploadedBlobs: string[];
  /** Blob digests the registry already had. */
  existingBlobs: string[];
};

export type TRegistryErrorKind =
  | 'unreachable'
  | 'unauthorized'
  | 'rejected'
  | 'digest-mismatch'
  | 'invalid-artifact';

/** A push that did not happen, with the registry's own words where it gave any. */
export class RegistryError extends Error {
  constructor(
    readonly kind: TRegistryErrorKind,
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'RegistryError';
  }
}

const REPOSITORY_PATTERN =
  /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
const TAG_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
const DIGEST_PATTERN = /^sha256:[a-f0-9]{64}$/;

type TOciDescriptor = { mediaType: string; digest: string; size: number };
type TOciManifest = { mediaType?: string; config: TOciDescriptor; layers: TOciDescriptor[] };

/** The registry's host (and port) as it appears in an image reference. */
export function registryHost(url: string): string {
  return new URL(url).host;
}

/** Where a builder pushes artifacts: one repository per workspace under `repositoryPrefix`. */
export type TArtifactRegistry = Omit<TRegistryTarget, 'repository'> & { repositoryPrefix: string };

export function artifactRepository(registry: TArtifactRegistry, workspaceId: string): TRegistryTarget {
  return { ...registry, repository: `${registry.repositoryPrefix}/${workspaceId.toLowerCase()}` };
}

/**
 * The registry of the builder's environment: none without IGNIS_REGISTRY_URL. IGNIS_REGISTRY_TOKEN
 * (bearer) wins over IGNIS_REGISTRY_USERNAME + IGNIS_REGISTRY_PASSWORD (basic).
 */
export function registryFromEnv(env: {
  IGNIS_REGISTRY_URL?: string;
  IGNIS_REGISTRY_REPOSITORY: string;
  IGNIS_REGISTRY_TOKEN?: string;
  IGNIS_REGISTRY_USERNAME?: string;
  IGNIS_REGISTRY_PASSWORD?: string;
}): TArtifactRegistry | null {
  if (!env.IGNIS_REGISTRY_URL) return null;
  const auth: TRegistryAuth | undefined = env.IGNIS_REGISTRY_TOKEN
    ? { kind: 'bearer', token: env.IGNIS_REGISTRY_TOKEN }
    : env.IGNIS_REGISTRY_USERNAME && env.IGNIS_REGISTRY_PASSWORD
      ? { kind: 'basic', username: env.IGNIS_REGISTRY_USERNAME, password: env.IGNIS_REGISTRY_PASSWORD }
      : undefined;
  return { url: env.IGNIS_REGISTRY_URL, repositoryPrefix: env.IGNIS_REGISTRY_REPOSITORY, auth };
}

/** Whether `reference` is an artifact of `target` (a reused build's push can be skipped). */
export function isReferenceIn(reference: string | null | undefined, target: TRegistryTarget): boolean {
  return !!reference?.startsWith(`${registryHost(target.url)}/${target.repository}@`);
}

function authorization(auth: TRegistryAuth | undefined): Record<string, string> {
  if (!auth) return {};
  return auth.kind === 'bearer'
    ? { authorization: `Bearer ${auth.token}` }
    : { authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}` };
}

/** The registry's error body (`{ errors: [{ code, message }] }`) or its first characters. */
async function describeBody(response: Response): Promise<string> {
  const text = (await response.text().catch(() => '')).trim();
  try {
    const body = JSON.parse(text) as { errors?: Array<{ code?: string; message?: string }> };
    if (Array.isArray(body.errors) && body.errors.length > 0)
      return body.errors.map((error) => [error.code, error.message].filter(Boolean).join(': ')).join('; ');
  } catch {
    // Not JSON: the text itself says what went wrong.
  }
  return text.slice(0, 300) || '(empty body)';
}

class RegistryClient {
  private readonly base: string;

  constructor(private readonly target: TRegistryTarget) {
    if (!REPOSITORY_PATTERN.test(target.repository))
      throw new RegistryError(
        'rejected',
        `"${target.repository}" is not a valid repository name (lowercase, a-z0-9 and ._-/)`,
      );
    this.base = `${target.url.replace(/\/+$/, '')}/v2/${target.repository}`;
  }

  async request(
    method: string,
    url: string,
    what: string,
    init: { body?: Buffer; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: { ...authorization(this.target.auth), ...init.headers },
        body: init.body ? new Uint8Array(init.body) : undefined,
        redirect: 'follow',
        signal: AbortSignal.timeout(this.target.timeoutMs ?? 30_000),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const reason = cause?.code ?? cause?.message ?? (error as Error).message;
      throw new RegistryError(
        'unreachable',
        `registry ${registryHost(this.target.url)} is unreachable (${reason}) while trying to ${what}`,
      );
    }
    if (response.status === 401 || response.status === 403) {
      const challenge = response.headers.get('www-authenticate');
      throw new RegistryError(
        'unauthorized',
        `registry ${registryHost(this.target.url)} refused to ${what}: ${response.status} ${await describeBody(response)}` +
          (challenge
            ? ` (it asks for ${challenge.split(' ')[0]} credentials: set IGNIS_REGISTRY_TOKEN or IGNIS_REGISTRY_USERNAME/PASSWORD)`
            : ''),
        response.status,
      );
    }
    return response;
  }

  private async fail(response: Response, what: string): Promise<never> {
    throw new RegistryError(
      response.status >= 500 ? 'unreachable' : 'rejected',
      `registry ${registryHost(this.target.url)} could not ${what}: ${response.status} ${await describeBody(response)}`,
      response.status,
    );
  }

  /** Uploads one blob unless the registry has it; true when it was uploaded. */
  async pushBlob(digest: string, content: Buffer): Promise<boolean> {
    const head = await this.request('HEAD', `${this.base}/blobs/${digest}`, `check blob ${digest}`);
    if (head.ok) return false;
    if (head.status !== 404) await this.fail(head, `check blob ${digest}`);

    const start = await this.request('POST', `${this.base}/blobs/uploads/`, 'start a blob upload');
    const location = start.headers.get('location');
    if (start.status !== 202 || !location) await this.fail(start, 'start a blob upload');
    const upload = new URL(location as string, this.base);
    upload.searchParams.set('digest', digest);
    const put = await this.request('PUT', upload.toString(), `upload blob ${digest}`, {
      body: content,
      headers: { 'content-type': 'application/octet-stream', 'content-length': String(content.length) },
    });
    if (put.status !== 201) await this.fail(put, `upload blob ${digest}`);
    return true;
  }

  /** Puts the manifest under `tag` and checks the registry stored exactly our bytes. */
  async pushManifest(tag: string, digest: string, mediaType: string, content: Buffer): Promise<void> {
    const response = await this.request('PUT', `${this.base}/manifests/${tag}`, `store manifest ${digest}`, {
      body: content,
      headers: { 'content-type': mediaType },
    });
    if (response.status !== 201) await this.fail(response, `store manifest ${digest}`);
    const stored = response.headers.get('docker-content-digest');
    if (stored !== digest)
      throw new RegistryError(
        'digest-mismatch',
        `registry ${registryHost(this.target.url)} stored the manifest as ${stored ?? '(no Docker-Content-Digest)'}, expected ${digest}`,
        response.status,
      );
  }
}

/**
 * Pushes the OCI image layout at `layoutDir` (its manifest `digest`) to `target`, tagged `tag`.
 * Throws RegistryError; the artifact on disk is unchanged either way.
 */
export async function pushArtifact(
  layoutDir: string,
  digest: string,
  target: TRegistryTarget,
  tag: string,
): Promise<TPushResult> {
  if (!DIGEST_PATTERN.test(digest))
    throw new RegistryError('invalid-artifact', `"${digest}" is not a sha256 digest`);
  if (!TAG_PATTERN.test(tag)) throw new RegistryError('rejected', `"${tag}" is not a valid tag`);
  const blob = (d: string) => readFile(join(layoutDir, 'blobs', 'sha256', d.slice('sha256:'.length)));
  let manifestBytes: Buffer;
  let manifest: TOciManifest;
  try {
    manifestBytes = await blob(digest);
    manifest = JSON.parse(manifestBytes.toString('utf8')) as TOciManifest;
  } catch (error) {
    throw new RegistryError(
      'invalid-artifact',
      `artifact ${digest} is not readable in ${layoutDir}: ${(error as Error).message}`,
    );
  }
  const client = new RegistryClient(target);
  const uploadedBlobs: string[] = [];
  const existingBlobs: string[] = [];
  // Layers first, config last, manifest after both: a registry accepts a manifest only when its blobs exist.
  for (const descriptor of [...manifest.layers, manifest.config]) {
    const uploaded = await client.pushBlob(descriptor.digest, await blob(descriptor.digest));
    (uploaded ? uploadedBlobs : existingBlobs).push(descriptor.digest);
  }
  await client.pushManifest(
    tag,
    digest,
    manifest.mediaType ?? 'application/vnd.oci.image.manifest.v1+json',
    manifestBytes,
  );
  return {
    reference: `${registryHost(target.url)}/${target.repository}@${digest}`,
    uploadedBlobs,
    existingBlobs,
  };
}
