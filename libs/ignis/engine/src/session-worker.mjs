// One IGNIS dev session: a Vite dev server for one materialised work directory, run by the engine
// in a sandboxed child process (spawnLimited), so a crashing or runaway user project never takes
// the engine down. Plain ESM (no TypeScript loader inside the sandbox).
//
// Protocol: the engine writes JSON lines to stdin ({ "type": "tokens", "css": "…" }); this process
// writes `@@ignis {json}` lines to stdout ({ type: "ready", port } | { type: "fatal", message }).
// Configuration comes from the environment the sandbox passes (nothing else is in it).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createServer } from 'vite';

// eslint-disable-next-line no-restricted-properties -- the sandboxed worker's whole configuration is the environment spawnLimited passes
const env = process.env;
const dir = env.IGNIS_SESSION_DIR;
const base = env.IGNIS_SESSION_BASE;
const clientPort = Number(env.IGNIS_CLIENT_PORT);
const clientProtocol = env.IGNIS_CLIENT_PROTOCOL === 'wss' ? 'wss' : 'ws';
const tokensFile = env.IGNIS_TOKENS_FILE ?? 'lumenforge-tokens.css';

/** @param {Record<string, unknown>} message */
function emit(message) {
  process.stdout.write(`@@ignis ${JSON.stringify(message)}\n`);
}

if (!dir || !base || !Number.isInteger(clientPort)) {
  emit({
    type: 'fatal',
    message: 'IGNIS_SESSION_DIR, IGNIS_SESSION_BASE and IGNIS_CLIENT_PORT are required',
  });
  process.exit(2);
}

const tokensPath = join(dir, tokensFile);
/** @type {string | null} the stylesheet the engine last sent; null: the file on disk */
let tokensCss = null;

/** The custom HMR event that carries a new token stylesheet to the previews. */
const TOKENS_EVENT = 'lumenforge:tokens';
const isTokensModule = (id) => id.split('?')[0] === tokensPath;
/** @param {string} text */
const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The token stylesheet as a virtual module: its content comes from the engine (not the disk, whose
 * watcher ignores it), so `wissil.tokens.updated` reaches every preview as a CSS hot update.
 * @returns {import('vite').Plugin}
 */
function lumenforgeTokens() {
  return {
    name: 'lumenforge-tokens',
    enforce: 'pre',
    load(id) {
      if (tokensCss !== null && isTokensModule(id)) return tokensCss;
      return null;
    },
  };
}

/**
 * The fast path of a token update: the served token module also listens for TOKENS_EVENT and hands
 * its stylesheet to Vite's own `updateStyle` (the <style> element the module created). A restyle is
 * then one WebSocket message, with no module fetch and no pass through the CSS pipeline (Tailwind's
 * plugin included); the regular hot update that follows finds the same text and changes nothing.
 * Runs after `vite:css-post`, whose output is the module's JavaScript.
 * @returns {import('vite').Plugin}
 */
function lumenforgeTokensListener() {
  return {
    name: 'lumenforge-tokens-listener',
    apply: 'serve',
    enforce: 'post',
    transform: {
      // Only the token module reaches this hook (no call per module of the project).
      filter: { id: new RegExp(`^${escapeRegExp(tokensPath)}(?:\\?|$)`) },
      handler(code, id) {
        if (!isTokensModule(id) || !code.includes('import.meta.hot')) return null;
        const client = JSON.stringify(`${base}@vite/client`);
        return {
          code: `${code}
import { updateStyle as __lumenforge_updateStyle } from ${client};
import.meta.hot.on(${JSON.stringify(TOKENS_EVENT)}, (css) => __lumenforge_updateStyle(${JSON.stringify(id)}, css));
`,
          map: null,
        };
      },
    },
  };
}

// Light/dark from the embedding page: it changes only the fragment of the iframe's URL
// (`#theme=dark`), which is a same-document navigation (no reload, state kept).
const THEME_SCRIPT =
  '(function(){function apply(){var m=/(?:^|[#&])theme=(light|dark)/.exec(location.hash);' +
  "if(m)document.documentElement.setAttribute('data-theme',m[1]);else document.documentElement.removeAttribute('data-theme');}" +
  "apply();addEventListener('hashchange',apply);})();";

/** @returns {import('vite').Plugin} */
function lumenforgeTheme() {
  return {
    name: 'lumenforge-theme',
    transformIndexHtml(html) {
      return { html, tags: [{ tag: 'script', children: THEME_SCRIPT, injectTo: 'head-prepend' }] };
    },
  };
}

const configFile = ['vite.config.ts', 'vite.config.js', 'vite.config.mjs']
  .map((name) => join(dir, name))
  .find((file) => existsSync(file));

const server = await createServer({
  root: dir,
  base,
  configFile: configFile ?? false,
  // node_modules is the shared read-only install: the optimizer's cache lives in the work dir.
  cacheDir: join(dir, '.ignis', 'vite-cache'),
  clearScreen: false,
  logLevel: 'info',
  plugins: [lumenforgeTokens(), lumenforgeTokensListener(), lumenforgeTheme()],
  server: {
    host: '127.0.0.1',
    port: 0,
    strictPort: false,
    // The engine in front of this server is the gate (preview ids, CSP); it forwards the browser's Host.
    allowedHosts: true,
    // The browser reaches the HMR socket through the engine's port, under this session's base.
    ws: { clientPort, protocol: clientProtocol },
    hmr: { overlay: true },
    watch: { ignored: [`**/${tokensFile}`, '**/.ignis/**'] },
    fs: { strict: true, allow: [dir] },
  },
});

server.httpServer?.on('error', (error) => {
  emit({ type: 'fatal', message: String(error) });
  process.exit(1);
});
await server.listen();
const address = server.httpServer?.address();
if (!address || typeof address === 'string') {
  emit({ type: 'fatal', message: 'the dev server has no TCP address' });
  process.exit(1);
}
emit({ type: 'ready', port: address.port });

async function updateTokens(css) {
  tokensCss = css;
  const environment = server.environments.client;
  const modules = environment.moduleGraph.getModulesByFile(tokensPath);
  if (!modules || modules.size === 0) return;
  // The stylesheet itself to every open preview first (lumenforgeTokensListener applies it)…
  environment.hot.send({ type: 'custom', event: TOKENS_EVENT, data: css });
  // …then the module's regular hot update: it invalidates the module for pages opened later, and a
  // page whose token module was still loading during the event fetches the new one.
  for (const module of modules) await environment.reloadModule(module);
}

createInterface({ input: process.stdin }).on('line', (line) => {
  let command;
  try {
    command = JSON.parse(line);
  } catch {
    return;
  }
  if (command?.type === 'tokens' && typeof command.css === 'string') {
    updateTokens(command.css).then(
      () => emit({ type: 'tokens-applied' }),
      (error) => emit({ type: 'error', message: `token update failed: ${String(error)}` }),
    );
  }
});
process.stdin.on('end', () => void server.close().finally(() => process.exit(0)));
for (const signal of ['SIGTERM', 'SIGINT'])
  process.on(signal, () => void server.close().finally(() => process.exit(0)));
