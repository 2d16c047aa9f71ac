import { createHash } from 'node:crypto';
import { getOrSet, type TCache, cacheKeys } from '@lumenforge/cache';
import { DbConflictError } from '@lumenforge/db';
import type { TDbClient } from '@lumenforge/db/server';
import {
  type TIssue,
  type TTemplate,
  validateTemplate,
  ZTemplateFileSchema,
  ZTemplateManifestSchema,
} from '@lumenforge/ignition-templates';
import { compareSemver } from '@lumenforge/tokens';

/** A template in the gallery: what it is and its newest version. */
export type TTemplateSummary = {
  id: string;
  key: string;
  name: string;
  description: string;
  latestVersion: string;
  builtIn: boolean;
  tags: string[];
  fileCount: number;
  updatedAt: string;
};

/** One stored version of a template, ready to render. */
export type TStoredTemplate = { summary: TTemplateSummary; version: string; template: TTemplate };

/** What a save did: stored a new version, or found the same content already stored under it. */
export type TTemplateSaveResult = { outcome: 'created' | 'unchanged'; summary: TTemplateSummary };

/** A template upload that does not validate: answered 422 with every issue; nothing was stored. */
export class TemplateInvalidError extends Error {
  constructor(readonly issues: readonly TIssue[]) {
    super(
      `The template is not valid: ${issues.length === 1 ? issues[0]?.message : `${issues.length} problems`}`,
    );
    this.name = 'TemplateInvalidError';
  }
}

const CACHE_TTL_MS = 60_000;
const digest = (template: TTemplate) =>
  createHash('sha256')
    .update(JSON.stringify([template.manifest, template.files]))
    .digest('hex');

type TTemplateRow = {
  id: string;
  key: string;
  name: string;
  description: string;
  latestVersion: string;
  builtIn: boolean;
  updatedAt: Date;
};

function toSummary(row: TTemplateRow, template: TTemplate): TTemplateSummary {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    description: row.description,
    latestVersion: row.latestVersion,
    builtIn: row.builtIn,
    tags: template.manifest.tags,
    fileCount: template.files.length,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * IGNITION's templates in PostgreSQL, per workspace. Versions are immutable: a save validates the
 * template (`validateTemplate`: manifest, parameters, every file's syntax, a sample render), then
 * stores it as a new version, which must be newer than the latest; the same content under the same
 * version is a no-op (so storing the built-ins at every start is cheap), other content under an
 * existing version is refused. Reads go through the cache; a save clears the workspace's entries.
 */
export class TemplateRepository {
  constructor(
    private readonly db: TDbClient,
    private readonly cache: TCache,
  ) {}

  /** The workspace's templates, by name. */
  list(workspaceId: string): Promise<TTemplateSummary[]> {
    return getOrSet(
      this.cache,
      `${cacheKeys.templates(workspaceId)}list`,
      async () => {
        const rows = await this.db.template.findMany({
          where: { workspaceId },
          orderBy: [{ name: 'asc' }, { key: 'asc' }],
          include: { versions: { select: { version: true, manifest: true, files: true } } },
        });
        return rows.flatMap((row) => {
          const latest = row.versions.find((version) => version.version === row.latestVersion);
          return latest ? [toSummary(row, this.parseStored(latest.manifest, latest.files))] : [];
        });
      },
      { ttlMs: CACHE_TTL_MS },
    );
  }

  /** A template by key, at `version` (default: its latest); null when the workspace has no such template or version. */
  get(workspaceId: string, key: string, version?: string): Promise<TStoredTemplate | null> {
    return getOrSet(
      this.cache,
      `${cacheKeys.templates(workspaceId)}${key}@${version ?? 'latest'}`,
      async () => {
        const row = await this.db.template.findUnique({ where: { workspaceId_key: { workspaceId, key } } });
        if (!row) return null;
        const stored = await this.db.templateVersion.findUnique({
          where: { templateId_version: { templateId: row.id, version: version ?? row.latestVersion } },
        });
        if (!stored) return null;
        const template = this.parseStored(stored.manifest, stored.files);
        return { summary: toSummary(row, template), version: stored.version, template };
      },
      { ttlMs: CACHE_TTL_MS },
    );
  }

  /**
   * Validates and stores `input` (`{ manifest, files }` as uploaded) as a version of the template
   * its manifest names. Throws {@link TemplateInvalidError} (nothing stored) or `DbConflictError`
   * (an older version, or other content under an existing one).
   */
  async save(
    workspaceId: string,
    input: { manifest: unknown; files: unknown },
    options: { actorUserId: string | null; builtIn?: boolean },
  ): Promise<TTemplateSaveResult> {
    const { template, issues } = validateTemplate(input.manifest, input.files);
    if (!template) throw new TemplateInvalidError(issues);
    const { manifest } = template;
    const sha256 = digest(template);
    const result = await this.db.$transaction(async (tx) => {
      // The row lock orders concurrent saves of one template; the unique (template, version) decides the rest.
      const existing = await tx.template.findUnique({
        where: { workspaceId_key: { workspaceId, key: manifest.id } },
      });
      if (existing) {
        await tx.$queryRaw`SELECT id FROM templates WHERE id = ${existing.id}::uuid FOR UPDATE`;
        const same = await tx.templateVersion.findUnique({
          where: { templateId_version: { templateId: existing.id, version: manifest.version } },
          select: { sha256: true },
        });
        if (same) {
          if (same.sha256 === sha256) return { outcome: 'unchanged' as const, row: existing };
          throw new DbConflictError(
            `Version ${manifest.version} of ${manifest.id} already exists with other content: give the change a new version`,
            ['version'],
          );
        }
        if (compareSemver(manifest.version, existing.latestVersion) < 0)
          throw new DbConflictError(
            `Version ${manifest.version} is older than ${manifest.id}'s latest version ${existing.latestVersion}`,
            ['version'],
          );
      }
      const row = existing
        ? await tx.template.update({
            where: { id: existing.id },
            data: { name: manifest.name, description: manifest.description, latestVersion: manifest.version },
          })
        : await tx.template.create({
            data: {
              workspaceId,
              key: manifest.id,
              name: manifest.name,
              description: manifest.description,
              latestVersion: manifest.version,
              builtIn: options.builtIn ?? false,
            },
          });
      await tx.templateVersion.create({
        data: {
          templateId: row.id,
          version: manifest.version,
          manifest: manifest as object,
          files: template.files as object[],
          sha256,
          createdById: options.actorUserId,
        },
      });
      return { outcome: 'created' as const, row };
    });
    if (result.outcome === 'created') await this.cache.deleteByPrefix(cacheKeys.templates(workspaceId));
    return { outcome: result.outcome, summary: toSummary(result.row, template) };
  }

  /** Stores each of `templates` (the built-ins) that the workspace lacks at its version. */
  async storeBuiltIns(workspaceId: string, templates: readonly TTemplate[]): Promise<void> {
    for (const template of templates) {
      try {
        await this.save(workspaceId, template, { actorUserId: null, builtIn: true });
      } catch (error) {
        // The workspace already has a newer version of a built-in (an admin updated it): keep theirs.
        if (!(error instanceof DbConflictError)) throw error;
      }
    }
  }

  /** A stored version was fully validated when it was saved; reading it back only re-parses its shape. */
  private parseStored(manifest: unknown, files: unknown): TTemplate {
    return {
      manifest: ZTemplateManifestSchema.parse(manifest),
      files: ZTemplateFileSchema.array().parse(files),
    };
  }
}
