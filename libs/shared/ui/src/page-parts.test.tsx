import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Badge, Notice, Section } from './page-parts';

describe('Notice and Badge tones', () => {
  it.each([
    ['danger', 'alert', 'text-danger-text'],
    ['warning', 'status', 'text-warning-text'],
    ['success', 'status', 'bg-success-surface'],
    ['info', 'status', 'border-info-500/40'],
  ] as const)('a %s notice has role="%s" and %s', (tone, role, toneClass) => {
    const html = renderToStaticMarkup(<Notice tone={tone}>Message</Notice>);
    expect(html).toContain(`role="${role}"`);
    expect(html).toContain(toneClass);
  });

  it('says a badge in text, neutral by default, the tone only as colour', () => {
    expect(renderToStaticMarkup(<Badge>Member</Badge>)).toMatch(/text-fg-muted[^>]*>Member<\/span>$/);
    const html = renderToStaticMarkup(
      <Badge tone="accent" title="Your role" testId="role">
        Admin
      </Badge>,
    );
    expect(html).toContain('text-accent-text');
    expect(html).toContain('title="Your role"');
    expect(html).toContain('data-testid="role"');
  });
});

describe('Section', () => {
  it('labels the section by its heading, h2 or a nested h3', () => {
    const html = renderToStaticMarkup(
      <Section id="tokens" title="API tokens" level={3}>
        body
      </Section>,
    );
    expect(html).toContain('id="tokens" aria-labelledby="tokens-title"');
    expect(html).toContain('<h3 id="tokens-title"');
  });
});
