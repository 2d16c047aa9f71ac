// The in-browser runtime: a project booted in StackBlitz's WebContainer (`npm install`, `npm run
// dev`), its dev server shown in the preview, saves written into it. Loaded with a dynamic import
// only when chosen, so the editor's bundle does not carry it; `@webcontainer/api` itself comes from
// this app (projects/webcontainer-api/[...path]), never a CDN.

/** Where the app serves `@webcontainer/api`'s `dist` folder. */
export const WEBCONTAINER_API_URL = '/projects/webcontainer-api/index.js';

/** WebContainer's file tree format (`mount`). */
export type TFileSystemTree = {
  [name: string]: { file: { contents: string } } | { directory: TFileSystemTree };
};

/** The part of `@webcontainer/api` this runtime uses. */
type TProcess = { exit: Promise<number>; output: ReadableStream<string> };
type TWebContainer = {
  mount: (tree: TFileSystemTree) => Promise<void>;
  spawn: (command: string, args: string[]) => Promise<TProcess>;
  on: (event: 'server-ready', listener: (port: number, url: string) => void) => () => void;
  fs: { writeFile: (path: string, contents: string) => Promise<void> };
  teardown: () => void;
};
type TWebContainerApi = { WebContainer: { boot: () => Promise<TWebContainer> } };

export type TWebContainerSession = {
  writeFile: (path: string, content: string) => Promise<void>;
  teardown: () => void;
};

/** `{ 'src/a.ts': … }` → WebContainer's nested tree. */
export function toFileSystemTree(files: Record<string, string>): TFileSystemTree {
  const root: TFileSystemTree = {};
  for (const [path, contents] of Object.entries(files)) {
    const segments = path.split('/');
    const name = segments.pop();
    if (!name) continue;
    let dir = root;
    for (const segment of segments) {
      const entry = (dir[segment] ??= { directory: {} });
      if (!('directory' in entry)) throw new Error(`${path}: ${segment} is a file, not a folder`);
      dir = entry.directory;
    }
    dir[name] = { file: { contents } };
  }
  return root;
}

async function runToEnd(
  container: TWebContainer,
  command: string,
  args: string[],
  log: (line: string) => void,
) {
  const process = await container.spawn(command, args);
  void process.output.pipeTo(new WritableStream({ write: (chunk) => log(chunk) }));
  const code = await process.exit;
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${code}`);
}

/**
 * Boots WebContainer with `files`, installs and starts the dev server; `onServerReady` gets the URL
 * to show in the preview. One WebContainer per page (the API allows no second boot).
 */
export async function startWebContainerSession(options: {
  files: Record<string, string>;
  onStatus: (text: string) => void;
  onServerReady: (url: string) => void;
  log?: (line: string) => void;
}): Promise<TWebContainerSession> {
  const log = options.log ?? (() => undefined);
  options.onStatus('Loading WebContainer…');
  const api = (await import(
    /* webpackIgnore: true */ /* turbopackIgnore: true */ WEBCONTAINER_API_URL
  )) as TWebContainerApi;
  options.onStatus('Booting WebContainer (StackBlitz)…');
  const container = await api.WebContainer.boot();
  await container.mount(toFileSystemTree(options.files));
  container.on('server-ready', (_port, url) => options.onServerReady(url));
  options.onStatus('npm install…');
  await runToEnd(container, 'npm', ['install'], log);
  options.onStatus('npm run dev…');
  void container
    .spawn('npm', ['run', 'dev'])
    .then((dev) => dev.output.pipeTo(new WritableStream({ write: (chunk) => log(chunk) })));
  return {
    writeFile: (path, content) => container.fs.writeFile(path, content),
    teardown: () => container.teardown(),
  };
}
