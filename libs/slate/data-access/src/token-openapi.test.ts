import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tokenApiOpenApiDocument } from './token-openapi';

const API_DIR = join(import.meta.dirname, '../../../../apps/slate/src/app/api/tokens');
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** Every `route.ts` under the tokens API with the methods it exports, as OpenAPI paths. */
function implementedOperations(): string[] {
  const operations: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name === 'route.ts') {
        const source = readFileSync(path, 'utf8');
        const route = `/api/tokens/${relative(API_DIR, dir).split(sep).join('/')}`
          .replace(/\/$/, '')
          .replace(/\[(\w+)\]/g, '{$1}');
        for (const method of METHODS)
          if (new RegExp(`export const ${method}\\b`).test(source)) operations.push(`${method} ${route}`);
      }
    }
  };
  walk(API_DIR);
  return operations.sort();
}

describe('token API OpenAPI document', () => {
  const document = tokenApiOpenApiDocument('https://slate.lumenforge.io');

  it('describes exactly the routes SLATE implements, method for method', () => {
    const documented = Object.entries(document.paths)
      .flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`))
      .sort();
    expect(documented).toEqual(implementedOperations());
  });

  it('resolves every $ref and gives each operation responses and a permission', () => {
    const refs = JSON.stringify(document).match(/#\/components\/schemas\/\w+/g) ?? [];
    for (const ref of new Set(refs)) {
      const name = ref.split('/').pop() ?? '';
      expect(document.components.schemas, ref).toHaveProperty(name);
    }
    for (const item of Object.values(document.paths)) {
      for (const operation of Object.values(item) as unknown as {
        responses: object;
        description: string;
      }[]) {
        expect(Object.keys(operation.responses).length).toBeGreaterThan(1);
        expect(operation.description).toMatch(/tokens\.(read|write)/);
      }
    }
  });

  it('takes request bodies from the zod schemas the routes parse with', () => {
    const publish = document.paths['/api/tokens/publish'].post.requestBody.content['application/json']
      .schema as {
      properties: Record<string, unknown>;
      required: string[];
    };
    expect(Object.keys(publish.properties)).toEqual(['changelog', 'semver', 'expectedUpdatedAt']);
    expect(publish.required).toEqual(['changelog']);
  });
});
