import { SYSTEM_IDS, SYSTEMS, type TSystemId } from './systems';

export type TSystemUrlOptions = {
  /** Production domain, e.g. `lumenforge.io`: landing is the apex, the others its subdomains, over https. */
  domain?: string | undefined;
  /** Host for local runs when no domain is set (default `localhost`): `http://{host}:{port}`. */
  localHost?: string | undefined;
};

/** The public URL of one system (no trailing slash). */
export function systemUrl(id: TSystemId, options: TSystemUrlOptions = {}): string {
  const system = SYSTEMS[id];
  if (options.domain) {
    const host = system.subdomain ? `${system.subdomain}.${options.domain}` : options.domain;
    return `https://${host}`;
  }
  return `http://${options.localHost ?? 'localhost'}:${system.port}`;
}

/** URLs of all six systems, keyed by id. */
export function systemUrls(options: TSystemUrlOptions = {}): Record<TSystemId, string> {
  return Object.fromEntries(SYSTEM_IDS.map((id) => [id, systemUrl(id, options)])) as Record<
    TSystemId,
    string
  >;
}

export type TSystemLink = { id: TSystemId; name: string; tagline: string; url: string };

/** The six systems as links for the shell's switcher, in catalog order. */
export function systemLinks(options: TSystemUrlOptions = {}): TSystemLink[] {
  return SYSTEM_IDS.map((id) => ({
    id,
    name: SYSTEMS[id].name,
    tagline: SYSTEMS[id].tagline,
    url: systemUrl(id, options),
  }));
}

/** URL options from an app's validated platform env. */
export function urlOptionsFromEnv(env: {
  LUMENFORGE_DOMAIN?: string | undefined;
  LUMENFORGE_LOCAL_HOST: string;
}): TSystemUrlOptions {
  return { domain: env.LUMENFORGE_DOMAIN, localHost: env.LUMENFORGE_LOCAL_HOST };
}
