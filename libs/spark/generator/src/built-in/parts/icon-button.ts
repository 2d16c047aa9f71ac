// Icon button: the button part with an icon for content and its label as the accessible name.
export { buildIconButtonPart as buildIconButton } from './button';
