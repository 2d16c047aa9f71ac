// The registry of parts: which builder makes each kind. One line per kind, sorted by kind; H2 adds
// the lines for the overlay, navigation, data, marketing and composition kinds (see part.ts).
import type { TComponentKind } from '../../types';
import type { TPartBuilder } from '../part';
import { buildBadge } from './badge';
import { buildButton } from './button';
import { buildIconButton } from './icon-button';

export const PARTS: Partial<Record<TComponentKind, TPartBuilder>> = {
  badge: buildBadge,
  button: buildButton,
  'icon-button': buildIconButton,
};
