// The registry of parts: which builder makes each kind. One line per kind, sorted by kind; H2 adds
// the lines for the overlay, navigation, data, marketing and composition kinds (see part.ts).
import type { TComponentKind } from '../../types';
import type { TPartBuilder } from '../part';
import { buildAccordion } from './accordion';
import { buildAvatar } from './avatar';
import { buildBadge } from './badge';
import { buildBreadcrumb } from './breadcrumb';
import { buildButton } from './button';
import { buildCard } from './card';
import { buildCheckbox } from './checkbox';
import { buildComposition } from './composition';
import { buildDataTable } from './data-table';
import { buildDrawer } from './drawer';
import { buildDropdownMenu } from './dropdown-menu';
import { buildEmptyState } from './empty-state';
import { buildFileUpload } from './file-upload';
import { buildForm } from './form';
import { buildHero } from './hero';
import { buildIconButton } from './icon-button';
import { buildInput } from './input';
import { buildList } from './list';
import { buildModal } from './modal';
import { buildNavbar } from './navbar';
import { buildPagination } from './pagination';
import { buildPricingTable } from './pricing-table';
import { buildRadioGroup } from './radio-group';
import { buildSearchBox } from './search-box';
import { buildSelect } from './select';
import { buildSidebar } from './sidebar';
import { buildStat } from './stat';
import { buildStepper } from './stepper';
import { buildSwitch } from './switch';
import { buildTabs } from './tabs';
import { buildTextarea } from './textarea';
import { buildTimeline } from './timeline';
import { buildToast } from './toast';
import { buildTooltip } from './tooltip';

export const PARTS: Partial<Record<TComponentKind, TPartBuilder>> = {
  accordion: buildAccordion,
  avatar: buildAvatar,
  badge: buildBadge,
  breadcrumb: buildBreadcrumb,
  button: buildButton,
  card: buildCard,
  checkbox: buildCheckbox,
  // A page of other parts: it builds each with this registry.
  composition: (plan, variation, context) => buildComposition(plan, variation, context, PARTS),
  'data-table': buildDataTable,
  drawer: buildDrawer,
  'dropdown-menu': buildDropdownMenu,
  'empty-state': buildEmptyState,
  'file-upload': buildFileUpload,
  form: buildForm,
  hero: buildHero,
  'icon-button': buildIconButton,
  input: buildInput,
  list: buildList,
  modal: buildModal,
  navbar: buildNavbar,
  pagination: buildPagination,
  'pricing-table': buildPricingTable,
  'radio-group': buildRadioGroup,
  'search-box': buildSearchBox,
  select: buildSelect,
  sidebar: buildSidebar,
  stat: buildStat,
  stepper: buildStepper,
  switch: buildSwitch,
  tabs: buildTabs,
  textarea: buildTextarea,
  timeline: buildTimeline,
  toast: buildToast,
  tooltip: buildTooltip,
};
