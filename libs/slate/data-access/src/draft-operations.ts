/**
 * Applying editor operations (set, remove, rename a token) to a token set. Pure: returns a new set
 * and the problems that stop an operation from applying (a missing token, a taken name); the
 * result is then validated as a whole.
 */
import {
  isToken,
  type TThemeName,
  type TTokenGroup,
  type TTokenIssue,
  type TTokenSet,
} from '@lumenforge/tokens';
import type { TDraftOperation } from './token-api.types';

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function sourceOf(set: TTokenSet, theme: TThemeName | null | undefined): TTokenGroup {
  return theme ? set.themes[theme] : set.base;
}

function splitPath(path: string): string[] {
  return path.split('.');
}

function issue(operation: TDraftOperation, message: string): TTokenIssue {
  return {
    path: operation.path,
    message,
    rule: 'shape',
    severity: 'error',
    ...(operation.theme ? { theme: operation.theme } : {}),
  };
}

/** The group holding the last segment of `segments`, creating groups on the way when `create`. */
function parentGroup(tree: TTokenGroup, segments: string[], create: boolean): TTokenGroup | undefined {
  let node: TTokenGroup = tree;
  for (const segment of segments.slice(0, -1)) {
    const next: unknown = node[segment];
    if (next === undefined && create) {
      const group: TTokenGroup = {};
      node[segment] = group;
      node = group;
      continue;
    }
    if (!isPlainObject(next) || isToken(next)) return undefined;
    node = next as TTokenGroup;
  }
  return node;
}

/**
 * Applies `operations` in order to a copy of `set`. An operation that cannot apply is reported
 * (and skipped); the caller validates the resulting set for everything else.
 */
export function applyDraftOperations(
  set: TTokenSet,
  operations: readonly TDraftOperation[],
): { set: TTokenSet; issues: TTokenIssue[] } {
  const next = structuredClone(set);
  const issues: TTokenIssue[] = [];
  for (const operation of operations) {
    const tree = sourceOf(next, operation.theme);
    const segments = splitPath(operation.path);
    const name = segments[segments.length - 1] ?? '';
    if (segments.some((segment) => segment.length === 0)) {
      issues.push(issue(operation, `"${operation.path}" is not a token path`));
      continue;
    }
    if (operation.op === 'set') {
      const parent = parentGroup(tree, segments, true);
      const existing: unknown = parent?.[name];
      if (!parent || (isPlainObject(existing) && !isToken(existing))) {
        issues.push(issue(operation, `${operation.path} is a group or lies inside a token`));
        continue;
      }
      parent[name] = structuredClone(operation.token) as TTokenGroup[string];
      continue;
    }
    const parent = parentGroup(tree, segments, false);
    const existing: unknown = parent?.[name];
    if (!parent || !isToken(existing)) {
      issues.push(issue(operation, `No token at ${operation.path}`));
      continue;
    }
    if (operation.op === 'remove') {
      delete parent[name];
      continue;
    }
    const target = splitPath(operation.to);
    const targetName = target[target.length - 1] ?? '';
    const targetParent = parentGroup(tree, target, true);
    if (target.some((segment) => segment.length === 0) || !targetParent) {
      issues.push(issue(operation, `"${operation.to}" is not a token path`));
      continue;
    }
    if (targetParent[targetName] !== undefined) {
      issues.push(issue(operation, `${operation.to} already exists`));
      continue;
    }
    delete parent[name];
    targetParent[targetName] = existing;
  }
  return { set: next, issues };
}
