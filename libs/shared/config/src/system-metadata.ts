import { SYSTEMS, type TSystemId } from './systems';

/** Page metadata for a system's root layout: "Page · Slate · LumenForge" titles and its tagline. */
export function systemMetadata(id: TSystemId) {
  const { name, tagline } = SYSTEMS[id];
  return {
    title: { default: `${name} · LumenForge`, template: `%s · ${name} · LumenForge` },
    description: tagline,
  };
}
