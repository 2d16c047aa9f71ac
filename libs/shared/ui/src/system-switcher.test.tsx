import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { AppShell } from './app-shell';
import { SystemSwitcher, type TSwitcherSystem } from './system-switcher';

const SYSTEMS: TSwitcherSystem[] = [
  { id: 'landing', name: 'Landing', url: 'https://lumenforge.io', tagline: 'front door' },
  { id: 'slate', name: 'Slate', url: 'https://slate.lumenforge.io', tagline: 'tokens' },
  { id: 'spark', name: 'Spark', url: 'https://spark.lumenforge.io', tagline: 'components' },
];

function parse(html: string) {
  return [...html.matchAll(/<a href="([^"]+)"([^>]*)>/g)].map((match) => ({
    href: match[1],
    isCurrent: (match[2] ?? '').includes('aria-current="page"'),
  }));
}

describe('SystemSwitcher', () => {
  it('links every system to its configured URL and marks only the current one', () => {
    const html = renderToStaticMarkup(<SystemSwitcher systems={SYSTEMS} current="slate" />);
    expect(html).toContain('aria-label="LumenForge systems"');
    const links = [
      { href: 'https://lumenforge.io', isCurrent: false },
      { href: 'https://slate.lumenforge.io', isCurrent: true },
      { href: 'https://spark.lumenforge.io', isCurrent: false },
    ];
    // The wide row and the narrow menu (CSS shows one of the two).
    expect(parse(html)).toEqual([...links, ...links]);
    expect(html).toMatch(/<summary[^>]*>.*Slate<span class="sr-only">: switch system<\/span>/);
  });
});

describe('AppShell', () => {
  it('renders the mark linking home, the current system name, the user slot and the content', () => {
    const html = renderToStaticMarkup(
      <AppShell current="spark" systems={SYSTEMS} userSlot={<span>Dana Designer</span>}>
        <p>component list</p>
      </AppShell>,
    );
    expect(html).toMatch(/<a href="https:\/\/lumenforge.io" class="[^"]*"><svg/);
    expect(html).toContain('>Spark</a>');
    expect(html).toContain('<span>Dana Designer</span>');
    expect(html).toContain('<main id="main"');
    expect(html).toContain('<p>component list</p>');
  });

  it('leaves the user slot out when nobody is signed in', () => {
    const html = renderToStaticMarkup(
      <AppShell current="landing" systems={SYSTEMS}>
        x
      </AppShell>,
    );
    expect(html).not.toContain('border-l border-border');
  });
});
