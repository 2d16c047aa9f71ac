// Runs inside the sandbox (cwd = the work directory): re-encodes every PNG/JPEG/WebP/AVIF under dist/ with sharp
// and keeps the result when it is smaller. Usage: node images.mjs <sharp entry path> <report.json>
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

const [sharpEntry, reportFile] = process.argv.slice(2);
if (!sharpEntry || !reportFile) throw new Error('usage: images.mjs <sharp entry> <report.json>');
const sharp = (await import(pathToFileURL(sharpEntry).href)).default;
const root = join(process.cwd(), 'dist');

const ENCODERS = {
  '.png': (image) => image.png({ compressionLevel: 9, effort: 7, palette: true }),
  '.jpg': (image) => image.jpeg({ quality: 80, mozjpeg: true }),
  '.jpeg': (image) => image.jpeg({ quality: 80, mozjpeg: true }),
  '.webp': (image) => image.webp({ quality: 80, effort: 5 }),
  '.avif': (image) => image.avif({ quality: 55, effort: 4 }),
};

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.isFile()) yield full;
  }
}

const images = [];
for (const file of walk(root)) {
  const encode = ENCODERS[extname(file).toLowerCase()];
  if (!encode) continue;
  const original = readFileSync(file);
  const optimised = await encode(sharp(original, { failOn: 'error' }).rotate()).toBuffer();
  const kept = optimised.length < original.length;
  if (kept) writeFileSync(file, optimised);
  images.push({
    file: relative(root, file),
    beforeBytes: original.length,
    afterBytes: kept ? optimised.length : original.length,
  });
  process.stdout.write(
    `${relative(root, file)}: ${original.length} → ${kept ? optimised.length : original.length} bytes\n`,
  );
}
writeFileSync(reportFile, JSON.stringify({ images }));
process.stdout.write(`${images.length} images checked\n`);
