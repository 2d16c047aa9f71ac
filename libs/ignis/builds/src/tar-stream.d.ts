// tar-stream 2 ships no types (and @types/tar-stream is not installed): the part artifact.ts uses.
declare module 'tar-stream' {
  import type { Readable } from 'node:stream';
  type TEntryHeader = { name: string; size: number; mode?: number; mtime?: Date; uid?: number; gid?: number };
  interface Pack extends Readable {
    entry(header: TEntryHeader, content: Buffer, callback: (error?: Error | null) => void): void;
    finalize(): void;
  }
  export function pack(): Pack;
}
