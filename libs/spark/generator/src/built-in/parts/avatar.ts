// Avatar: a person's picture with their name as alt text, or their initials (role="img" with the
// name) when there is no picture or it fails to load.
import type { TComponentPlan } from '../../types';
import { buildComponentFiles } from '../component-kit';
import type { TPartBuild, TPartContext } from '../part';
import { literal } from '../part-kit';

export function buildAvatar(plan: TComponentPlan, variation: number, context: TPartContext): TPartBuild {
  const style = context.design;
  const shape = variation === 2 ? 'rounded-md' : 'rounded-full';
  const ring = variation === 1 ? ' ring-2 ring-surface shadow-sm' : '';
  return buildComponentFiles({
    plan,
    context,
    declarations: [
      `const SIZE_CLASSES: Record<'sm' | 'md' | 'lg', string> = { sm: 'size-8 text-xs', md: 'size-10 text-sm', lg: 'size-14 text-base' };`,
      '/** "Ada Lovelace" → "AL": the first letters of the first and last word. */\nfunction initialsOf(name: string): string {\n  const words = name.trim().split(/\\s+/).filter(Boolean);\n  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words;\n  return letters.map((word) => word?.charAt(0).toUpperCase() ?? \'\').join(\'\');\n}',
    ],
    props: [
      { name: 'name', type: 'string', optional: false, description: 'Whose avatar: the alt text and the initials.', sample: literal('Ada Lovelace') },
      { name: 'src', type: 'string', description: 'The picture; initials are shown without it.' },
      { name: 'size', type: "'sm' | 'md' | 'lg'", description: 'Its size.', defaultValue: style.density.isCompact ? "'sm'" : "'md'" },
    ],
    body: ['const [hasFailed, setHasFailed] = useState(false);', 'const box = `inline-flex shrink-0 items-center justify-center overflow-hidden ' + `${shape}${ring}` + ' ${SIZE_CLASSES[size]}`;'],
    render: [
      '<span className="inline-flex">',
      '  {src && !hasFailed ? (',
      '    <img src={src} alt={name} onError={() => setHasFailed(true)} className={`${box} object-cover`} />',
      '  ) : (',
      `    <span role="img" aria-label={name} className={\`\${box} ${style.tones.accent} font-semibold\`}>`,
      '      <span aria-hidden="true">{initialsOf(name)}</span>',
      '    </span>',
      '  )}',
      '</span>',
    ].join('\n'),
    disabledOn: 'root',
    tests: [
      { name: 'shows initials named for the person without a picture', body: ['await setup();', "const avatar = screen.getByRole('img', { name: 'Ada Lovelace' });", "expect(avatar.textContent).toBe('AL');"] },
      {
        name: 'shows the picture, and the initials when it fails to load',
        body: ["await setup({ src: 'https://example.com/ada.png' });", "const picture = screen.getByRole('img', { name: 'Ada Lovelace' });", "expect(picture.tagName).toBe('IMG');", 'fireEvent.error(picture);', "expect(screen.getByRole('img', { name: 'Ada Lovelace' }).textContent).toBe('AL');"],
      },
      { name: 'takes no focus', body: ['const { user } = await setup();', 'await user.tab();', 'expect(document.activeElement).toBe(document.body);'] },
    ],
    play: ["await expect(canvas.getByRole('img', { name: 'Ada Lovelace' })).toHaveTextContent('AL');"],
    stories: [{ name: 'Large', args: "{ size: 'lg' }" }, { name: 'SingleName', args: "{ name: 'Plato' }" }],
    notes: {
      design: [`${shape === 'rounded-full' ? 'round' : 'rounded square'} avatar${ring ? ' with a surface ring and shadow' : ''}; initials on the accent surface`],
      logic: ['the name is the alt text; initials (role="img") when there is no picture or it fails to load'],
    },
  });
}
