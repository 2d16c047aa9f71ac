// Limits on a project's file tree, and the typed errors the API turns into 400/404/409/413.

/** A path is at most this long (the `project_files.path` column is VARCHAR(512)). */
export const MAX_PATH_LENGTH = 512;
/** One file at most 5 MB (UTF-8 bytes). */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** A whole tree at most 50 MB. */
export const MAX_TREE_BYTES = 50 * 1024 * 1024;

/** Base of the workspace errors; `status` is the HTTP status an API answers with. */
export abstract class WorkspaceError extends Error {
  abstract readonly code: string;
  abstract readonly status: 400 | 404 | 409 | 413;
}

/** The path is not a safe relative path inside the tree. */
export class InvalidFilePathError extends WorkspaceError {
  readonly code = 'INVALID_PATH';
  readonly status = 400;
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`Invalid file path ${JSON.stringify(path.slice(0, 100))}: ${reason}.`);
    this.name = 'InvalidFilePathError';
  }
}

/** One file, or the tree after a write, is larger than the limit. Nothing was stored. */
export class FileTooLargeError extends WorkspaceError {
  readonly code = 'TOO_LARGE';
  readonly status = 413;
  constructor(
    readonly scope: 'file' | 'tree',
    readonly sizeBytes: number,
    readonly limitBytes: number,
  ) {
    super(
      scope === 'file'
        ? `The file is ${formatBytes(sizeBytes)}; a file may be at most ${formatBytes(limitBytes)}.`
        : `The project would be ${formatBytes(sizeBytes)}; a project may be at most ${formatBytes(limitBytes)}.`,
    );
    this.name = 'FileTooLargeError';
  }
}

/** The file changed since the caller read it (its sha256 is not the one the caller expected). */
export class FileConflictError extends WorkspaceError {
  readonly code = 'CONFLICT';
  readonly status = 409;
  constructor(
    readonly path: string,
    readonly expectedSha256: string | null,
    readonly actualSha256: string | null,
  ) {
    super(
      actualSha256 === null
        ? `${path} no longer exists; reload the project.`
        : expectedSha256 === null
          ? `${path} already exists; reload it before overwriting.`
          : `${path} was changed by someone else since you opened it; reload it and apply your edit again.`,
    );
    this.name = 'FileConflictError';
  }
}

/** The project or the file does not exist. */
export class FileNotFoundError extends WorkspaceError {
  readonly code = 'NOT_FOUND';
  readonly status = 404;
  constructor(message: string) {
    super(message);
    this.name = 'FileNotFoundError';
  }
}

export function isWorkspaceError(error: unknown): error is WorkspaceError {
  return error instanceof WorkspaceError;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} B`;
}

// Names a tree may not hold: the work directory's own (dependencies, caches, generated theme).
const RESERVED_FIRST_SEGMENTS = new Set(['node_modules', '.git', '.ignis']);
// Control characters (incl. NUL) and backslashes (a Windows separator would escape on some tools).
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CHARACTERS = /[\u0000-\u001f\u007f\\]/;

/**
 * Checks that `path` is a safe relative POSIX path inside a tree and returns it unchanged:
 * not empty, at most {@link MAX_PATH_LENGTH} characters, not absolute, no `.` or `..` or empty
 * segments, no NUL/control characters or backslashes, not under node_modules/.git/.ignis.
 * @throws InvalidFilePathError
 */
export function validateFilePath(path: string): string {
  if (typeof path !== 'string' || path.length === 0)
    throw new InvalidFilePathError(String(path), 'it is empty');
  if (path.length > MAX_PATH_LENGTH)
    throw new InvalidFilePathError(path, `it is longer than ${MAX_PATH_LENGTH} characters`);
  if (FORBIDDEN_CHARACTERS.test(path))
    throw new InvalidFilePathError(path, 'it contains a control character, NUL or a backslash');
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path))
    throw new InvalidFilePathError(path, 'it must be relative to the project root');
  const segments = path.split('/');
  if (segments.some((segment) => segment === '..'))
    throw new InvalidFilePathError(path, '`..` would leave the project');
  if (segments.some((segment) => segment === '' || segment === '.'))
    throw new InvalidFilePathError(path, 'it has an empty or `.` segment');
  if (RESERVED_FIRST_SEGMENTS.has(segments[0] ?? ''))
    throw new InvalidFilePathError(path, `${segments[0]} is managed by IGNIS`);
  return path;
}

const utf8 = new TextEncoder();

/** UTF-8 size of `content`. */
export function contentBytes(content: string): number {
  return utf8.encode(content).byteLength;
}

/**
 * Checks one file's content against {@link MAX_FILE_BYTES}.
 * @throws FileTooLargeError
 */
export function validateFileSize(content: string): number {
  const size = contentBytes(content);
  if (size > MAX_FILE_BYTES) throw new FileTooLargeError('file', size, MAX_FILE_BYTES);
  return size;
}

/**
 * Validates a whole tree (paths, file sizes and the total).
 * @throws InvalidFilePathError | FileTooLargeError
 */
export function validateTree(files: Readonly<Record<string, string>>): number {
  let total = 0;
  for (const [path, content] of Object.entries(files)) {
    validateFilePath(path);
    total += validateFileSize(content);
  }
  if (total > MAX_TREE_BYTES) throw new FileTooLargeError('tree', total, MAX_TREE_BYTES);
  return total;
}
