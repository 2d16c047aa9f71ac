// The registry of parts: which builder makes each kind. One line per kind, sorted by kind; H2 adds
// the lines for the overlay, navigation, data, marketing and composition kinds (see part.ts).
import type { TComponentKind } from '../../types';
import type { TPartBuilder } from '../part';
import { buildAvatar } from './avatar';
import { buildBadge } from './badge';
import { buildButton } from './button';
import { buildCard } from './card';
import { buildCheckbox } from './checkbox';
import { buildEmptyState } from './empty-state';
import { buildForm } from './form';
import { buildIconButton } from './icon-button';
import { buildInput } from './input';
import { buildList } from './list';
import { buildRadioGroup } from './radio-group';
import { buildSearchBox } from './search-box';
import { buildSelect } from './select';
import { buildStat } from './stat';
import { buildSwitch } from './switch';
import { buildTextarea } from './textarea';
import { buildTooltip } from './tooltip';

export const PARTS: Partial<Record<TComponentKind, TPartBuilder>> = {
  avatar: buildAvatar,
  badge: buildBadge,
  button: buildButton,
  card: buildCard,
  checkbox: buildCheckbox,
  'empty-state': buildEmptyState,
  form: buildForm,
  'icon-button': buildIconButton,
  input: buildInput,
  list: buildList,
  'radio-group': buildRadioGroup,
  'search-box': buildSearchBox,
  select: buildSelect,
  stat: buildStat,
  switch: buildSwitch,
  textarea: buildTextarea,
  tooltip: buildTooltip,
};
