import type { Readable } from 'node:stream';
import { createInterface } from 'node:readline';

const COLORS = [33, 34, 91, 35, 31, 36, 32, 90];
const useColor = Boolean(process.stdout.isTTY) && !process.env['NO_COLOR'];
const PREFIX_WIDTH = 9;

function paint(code: number, text: string): string {
  return useColor ? `\u001b[${code}m${text}\u001b[0m` : text;
}

/** `[slate]    message` with a stable colour per name, so six apps read as one log. */
export function prefixer(name: string, index: number): (line: string) => string {
  const label = paint(COLORS[index % COLORS.length] ?? 37, `[${name}]`.padEnd(PREFIX_WIDTH + 2));
  return (line) => `${label} ${line}`;
}

/** Forwards each line of a child's output to our stdout with the prefix. */
export function pipeLines(
  stream: Readable | null,
  prefix: (line: string) => string,
  sink: NodeJS.WritableStream = process.stdout,
): void {
  if (!stream) return;
  createInterface({ input: stream }).on('line', (line) => sink.write(`${prefix(line)}\n`));
}

export const log = {
  info: (message: string) => console.log(`${paint(90, '[lumenforge]')} ${message}`),
  step: (message: string) => console.log(`${paint(36, '[lumenforge]')} ${message}`),
  error: (message: string) => console.error(`${paint(31, '[lumenforge]')} ${message}`),
  bold: (text: string) => paint(1, text),
  dim: (text: string) => paint(90, text),
};
