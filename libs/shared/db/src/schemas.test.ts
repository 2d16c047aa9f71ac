import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  MEMBERSHIP_ROLES,
  ZAppendAuditLogSchema,
  ZCreateUserSchema,
  ZCreateWorkspaceSchema,
  ZEmailSchema,
  ZListAuditLogsSchema,
} from './index';

describe('DTO schemas', () => {
  it('normalises emails to trimmed lower case', () => {
    expect(ZEmailSchema.parse('  Ada@LumenForge.Local ')).toBe('ada@lumenforge.local');
    expect(ZEmailSchema.safeParse('not an email').success).toBe(false);
    expect(ZCreateUserSchema.safeParse({ email: 'a@b.io', name: '   ' }).success).toBe(false);
  });

  it('accepts only url-safe workspace slugs', () => {
    expect(ZCreateWorkspaceSchema.parse({ slug: 'LumenForge', name: 'Demo' }).slug).toBe('lumenforge');
    for (const slug of ['-bad', 'bad-', 'has space', 'a_b', '']) {
      expect(ZCreateWorkspaceSchema.safeParse({ slug, name: 'x' }).success, slug).toBe(false);
    }
  });

  it('defaults audit entries to success with empty metadata and bounds list pages', () => {
    expect(ZAppendAuditLogSchema.parse({ action: 'user.login' })).toMatchObject({
      result: 'success',
      metadata: {},
    });
    expect(ZListAuditLogsSchema.parse({}).limit).toBe(50);
    expect(ZListAuditLogsSchema.safeParse({ limit: 1000 }).success).toBe(false);
  });

  it('lists the four roles', () => {
    expect(MEMBERSHIP_ROLES).toEqual(['designer', 'engineer', 'admin', 'agent']);
  });
});

describe('entry `.`', () => {
  // `@lumenforge/db` is imported from client components and contracts: it must not pull in Prisma or pg.
  it('reaches no Prisma, pg or Node-only module', () => {
    const srcDir = import.meta.dirname;
    const seen = new Set<string>();
    const forbidden: string[] = [];
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = readFileSync(file, 'utf8');
      for (const match of source.matchAll(/from '([^']+)'/g)) {
        const specifier = match[1] ?? '';
        if (specifier.startsWith('.')) visit(join(dirname(file), `${specifier}.ts`));
        else if (specifier !== 'zod') forbidden.push(`${file}: ${specifier}`);
      }
    };
    visit(join(srcDir, 'index.ts'));
    expect(forbidden).toEqual([]);
    expect([...seen].some((file) => file.includes('generated'))).toBe(false);
  });
});
