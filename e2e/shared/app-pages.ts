import type { APIRequestContext } from '@playwright/test';
import { systemUrl, type TSystemId } from '@lumenforge/config';

/** A page of an app, as the layout and accessibility specs visit it. */
export type TAppPage = {
  /** Short name for screenshots and messages: `admin-audit`. */
  name: string;
  path: string;
  /** Visited without a session (the sign-in page). */
  isSignedOut?: boolean;
};

/** A SPARK component whose source has a long line, so its page shows how long code is contained. */
async function sparkComponentPath(request: APIRequestContext): Promise<string> {
  const name = `LayoutProbe${Date.now()}${Math.floor(Math.random() * 1_000)}`;
  const longLine = `const classes = '${Array.from({ length: 24 }, (_, i) => `utility-class-${i}`).join(' ')}';`;
  const created = await request.post('/api/components', {
    headers: { Origin: systemUrl('spark') },
    data: {
      name,
      description: 'A component with one very long source line, for the layout and accessibility checks.',
      category: 'layout-checks',
      source: `${longLine}\n\nexport function ${name}() {\n  return <div className={classes}>${name}</div>;\n}\n`,
    },
  });
  if (created.status() !== 201)
    throw new Error(`Creating ${name}: HTTP ${created.status()} ${await created.text()}`);
  const { component } = (await created.json()) as { component: { id: string } };
  return `/components/${component.id}`;
}

/** Every page of an app (dynamic ones with real data: SPARK creates a component for its page). */
export async function pagesOf(system: TSystemId, request: APIRequestContext): Promise<TAppPage[]> {
  switch (system) {
    case 'landing':
      return [
        { name: 'home', path: '/' },
        { name: 'signin', path: '/signin', isSignedOut: true },
        { name: 'status', path: '/status' },
        { name: 'activity', path: '/activity' },
        { name: 'account', path: '/account' },
        { name: 'admin', path: '/admin' },
        { name: 'admin-users', path: '/admin/users' },
        { name: 'admin-audit', path: '/admin/audit' },
      ];
    case 'slate':
      return [
        { name: 'explorer', path: '/' },
        { name: 'editor', path: '/editor' },
        { name: 'versions', path: '/versions' },
        { name: 'version-1', path: '/versions/1' },
      ];
    case 'spark':
      return [
        { name: 'home', path: '/' },
        { name: 'components', path: '/components' },
        { name: 'components-new', path: '/components/new' },
        { name: 'component', path: await sparkComponentPath(request) },
      ];
    case 'ignition':
      // The starter project IGNIS seeds into the demo workspace (by slug, as search links to it).
      return [
        { name: 'home', path: '/' },
        { name: 'projects', path: '/projects' },
        { name: 'project', path: '/projects/starter' },
        { name: 'templates', path: '/templates' },
        { name: 'new', path: '/new?template=next-app' },
      ];
    default:
      return [{ name: 'home', path: '/' }];
  }
}
