// The page the stories render in: a Vite project written next to the components, built in
// development mode (React's development build, so its warnings reach the console), with Tailwind
// and the workspace's token stylesheet, so axe-core judges contrast on the real colours.

/** Where the browser side keeps its functions (see HARNESS_RUNTIME). */
export type THarnessWindow = {
  /** The story export names of one component's stories module. */
  __sparkStories: (module: number) => Promise<string[]>;
  __sparkRender: (
    module: number,
    story: string,
    timeoutMs: number,
  ) => Promise<{ rendered: boolean; renderError?: string; playError?: string }>;
};

/**
 * The browser runtime: renders one CSF3 story (args of meta and story, render or the component,
 * decorators) into `#storybook-root` and runs its `play({ canvasElement, canvas, args, step,
 * userEvent })`. A render that throws is caught by an error boundary (`rendered: false`).
 */
const HARNESS_RUNTIME = `import { Component, createElement, type ComponentType, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { clearAllMocks, userEvent, within } from 'storybook/test';

type TStory = {
  args?: Record<string, unknown>;
  render?: (args: Record<string, unknown>, context: unknown) => ReactNode;
  decorators?: ((story: ComponentType, context: unknown) => ReactNode)[];
  play?: (context: Record<string, unknown>) => Promise<void> | void;
};
type TMeta = TStory & { component?: ComponentType<Record<string, unknown>>; title?: string };
type TStoryModule = Record<string, unknown> & { default?: TMeta };

class Boundary extends Component<{ children?: ReactNode; onError: (error: unknown) => void }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override componentDidCatch(error: unknown) {
    this.props.onError(error);
  }
  override render() {
    return this.state.failed ? null : this.props.children;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? \`\${error.name}: \${error.message}\` : String(error);
}

function storiesOf(module: TStoryModule): string[] {
  const order = Array.isArray(module['__namedExportsOrder']) ? (module['__namedExportsOrder'] as string[]) : null;
  return (order ?? Object.keys(module)).filter(
    (name) => name !== 'default' && name !== '__namedExportsOrder' && (typeof module[name] === 'object' || typeof module[name] === 'function') && module[name] !== null,
  );
}

export function installHarness(loaders: (() => Promise<TStoryModule>)[]) {
  const target = window as unknown as Record<string, unknown>;
  target['__sparkStories'] = async (moduleIndex: number) => {
    const load = loaders[moduleIndex];
    if (!load) throw new Error(\`No story module \${moduleIndex}\`);
    return storiesOf(await load());
  };
  target['__sparkRender'] = async (moduleIndex: number, name: string, timeoutMs: number) => {
    const load = loaders[moduleIndex];
    if (!load) throw new Error(\`No story module \${moduleIndex}\`);
    const module = await load();
    const meta = module.default ?? {};
    const exported = module[name];
    const story: TStory = typeof exported === 'function' ? { render: exported as TStory['render'] } : (exported as TStory);
    const args: Record<string, unknown> = { ...meta.args, ...story.args };
    const canvasElement = document.getElementById('storybook-root') as HTMLElement;
    const context: Record<string, unknown> = {
      args,
      initialArgs: { ...args },
      argTypes: {},
      globals: {},
      parameters: {},
      id: name,
      name,
      title: meta.title ?? '',
      viewMode: 'story',
      loaded: {},
      canvasElement,
      canvas: within(canvasElement),
      userEvent,
      step: async (_label: string, run: (context: unknown) => Promise<void> | void) => run(context),
    };
    clearAllMocks();
    const render = story.render ?? meta.render ?? ((storyArgs) => {
      if (!meta.component) throw new Error('The story has no render function and its meta no component.');
      return createElement(meta.component, storyArgs);
    });
    let Current: ComponentType = () => render(args, context);
    for (const decorator of [...(story.decorators ?? []), ...(meta.decorators ?? [])]) {
      const Inner: ComponentType = Current;
      Current = () => decorator(Inner, context);
    }
    let renderError: string | undefined;
    const onError = (error: unknown) => {
      renderError = messageOf(error);
    };
    const root = createRoot(canvasElement);
    flushSync(() => root.render(createElement(Boundary, { onError }, createElement(Current))));
    // Effects and state updates scheduled by the first render settle before play starts.
    await new Promise((resolve) => setTimeout(resolve, 50));
    if (renderError !== undefined) return { rendered: false, renderError };
    const play = story.play ?? meta.play;
    if (!play) return { rendered: true };
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      await Promise.race([
        play(context),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(\`play did not finish within \${timeoutMs} ms\`)), timeoutMs);
        }),
      ]);
      return { rendered: renderError === undefined, ...(renderError ? { renderError } : {}) };
    } catch (error) {
      return { rendered: renderError === undefined, playError: messageOf(error) };
    } finally {
      clearTimeout(timer);
    }
  };
}
`;

export type THarnessComponent = { folder: string; name: string };

/** The files of the harness project, relative to its folder (components are written beside them). */
export function harnessFiles(
  components: THarnessComponent[],
  themeCss: string,
  page: { system: string; theme: 'light' | 'dark' },
): Record<string, string> {
  const loaders = components
    .map(({ folder, name }) => `  () => import('./${folder}/${name}.stories.tsx'),`)
    .join('\n');
  return {
    'harness-runtime.tsx': HARNESS_RUNTIME,
    'main.tsx': `import './harness.css';\nimport { installHarness } from './harness-runtime';\n\ninstallHarness([\n${loaders}\n]);\n`,
    'harness.css': `@import 'tailwindcss';\n@import './theme.css';\n${components
      .map(({ folder }) => `@source './${folder}/*.tsx';`)
      .join('\n')}\n`,
    'theme.css': themeCss,
    'index.html': `<!doctype html>
<html lang="en" data-system="${page.system}" data-theme="${page.theme}">
  <head>
    <meta charset="utf-8" />
    <title>Story</title>
    <link rel="icon" href="data:," />
  </head>
  <body class="bg-bg text-fg font-sans">
    <main><div id="storybook-root"></div></main>
    <script type="module" src="./main.tsx"></script>
  </body>
</html>
`,
    'vite.config.mjs': `import tailwindcss from '@tailwindcss/vite';

export default {
  logLevel: 'warn',
  plugins: [tailwindcss()],
  // React's development build: its warnings (missing keys, invalid props) reach the console.
  define: { 'process.env.NODE_ENV': '"development"' },
  cacheDir: 'vite-cache',
  build: { outDir: 'dist', minify: false, sourcemap: false, reportCompressedSize: false, emptyOutDir: true },
};
`,
  };
}
