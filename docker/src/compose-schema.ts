// The Compose specification JSON schema (vendored in docker/schema/, see its README) compiled with
// Ajv, plus the custom formats compose-go registers for it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2019 from 'ajv/dist/2019.js';
import { DOCKER_DIR, type TYamlMap } from './compose-files';

export const COMPOSE_SCHEMA_PATH = join(DOCKER_DIR, 'schema', 'compose-spec.json');

const PORT = '\\d{1,5}(?:-\\d{1,5})?';
const HOST_IP = '(?:[0-9.]+|\\[[0-9a-fA-F:]+\\])';

/** compose-go's formats: Go durations, port and expose specs, CIDR subnets. */
export const COMPOSE_FORMATS: Record<string, RegExp> = {
  duration: /^[-+]?(?:0|(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+)$/,
  ports: new RegExp(`^(?:(?:${HOST_IP}:)?(?:${PORT})?:)?${PORT}(?:/(?:tcp|udp|sctp))?$`),
  expose: new RegExp(`^${PORT}(?:/(?:tcp|udp|sctp))?$`),
  subnet_ip_address: /^(?:[0-9.]+|[0-9a-fA-F:]+)\/\d{1,3}$/,
};

export type TSchemaIssue = { path: string; message: string };

type TSchemaNode = { [key: string]: unknown };
const NAME_MAPS = new Set(['properties', 'patternProperties', 'definitions']);

/**
 * Drops the draft-04 style `id` keywords the 2021 schema carries ("id": "#/properties/services").
 * They only annotate (every `$ref` is a JSON pointer), compose-go's validator ignores them, and
 * Ajv refuses them. Keys of `properties`/`definitions` maps are names, never keywords.
 */
function withoutIdKeywords(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutIdKeywords);
  if (!node || typeof node !== 'object') return node;
  const copy: TSchemaNode = {};
  for (const [key, value] of Object.entries(node as TSchemaNode)) {
    if (key === 'id' && typeof value === 'string') continue;
    copy[key] =
      NAME_MAPS.has(key) && value && typeof value === 'object'
        ? Object.fromEntries(
            Object.entries(value as TSchemaNode).map(([name, child]) => [name, withoutIdKeywords(child)]),
          )
        : withoutIdKeywords(value);
  }
  return copy;
}

export function createComposeValidator(): (document: TYamlMap) => TSchemaIssue[] {
  const schema = withoutIdKeywords(JSON.parse(readFileSync(COMPOSE_SCHEMA_PATH, 'utf8'))) as TSchemaNode;
  // The file names its draft as "http://…/draft/2019-09/schema#"; Ajv2019 knows that draft as its
  // default meta-schema under the https id, so the (equivalent) declaration is dropped.
  delete schema['$schema'];
  // strict: false: the schema uses annotations Ajv's strict mode does not know.
  const ajv = new Ajv2019({ allErrors: true, strict: false });
  for (const [name, pattern] of Object.entries(COMPOSE_FORMATS))
    ajv.addFormat(name, { type: 'string', validate: (value: string) => pattern.test(value) });
  const validate = ajv.compile(schema);
  return (document) => {
    if (validate(document)) return [];
    return (validate.errors ?? []).map((error) => ({
      path: error.instancePath || '/',
      message: `${error.message ?? 'invalid'} ${JSON.stringify(error.params)}`,
    }));
  };
}
