// Words the analysis and the edits read prompts with: synonyms per component kind and fuzzy word
// matching for typos ("buton", "compct").
import type { TComponentKind } from '../types';

/** Phrases per kind, most specific first; a kind's own name always counts. */
export const KIND_SYNONYMS: Record<TComponentKind, readonly string[]> = {
  button: ['button', 'btn', 'call to action', 'cta', 'submit button'],
  'icon-button': ['icon button', 'icon-only button', 'close button', 'icon action', 'fab', 'floating action'],
  input: ['input', 'text field', 'text input', 'field', 'email field', 'password field', 'textbox'],
  textarea: ['textarea', 'text area', 'multiline', 'comment box', 'message box', 'notes field', 'description field'],
  select: ['select', 'select dropdown', 'date range', 'date picker', 'pick', 'picker', 'combo box', 'combobox', 'choose from', 'country select', 'option list'],
  checkbox: ['checkbox', 'check box', 'tick box', 'terms and conditions', 'agree to'],
  'radio-group': ['radio group', 'radio buttons', 'radio', 'single choice', 'choose one', 'options group', 'segmented'],
  switch: ['switch', 'toggle', 'on/off', 'on off', 'dark mode toggle'],
  form: ['form', 'feedback', 'leave feedback', 'feedback form', 'sign up', 'signup', 'login', 'log in', 'sign in', 'register', 'registration', 'contact form', 'checkout', 'validation', 'profile form', 'settings form'],
  'search-box': ['search box', 'search bar', 'search field', 'search input', 'search', 'autocomplete', 'typeahead', 'filter box'],
  card: ['card', 'tile', 'panel', 'product card', 'profile card', 'user card', 'danger zone', 'callout', 'box'],
  list: ['list', 'feed', 'items', 'todo', 'to-do', 'inbox', 'contacts', 'notifications list', 'activity'],
  'data-table': ['data table', 'table', 'grid', 'spreadsheet', 'rows', 'columns', 'datagrid'],
  modal: ['modal', 'dialog', 'popup', 'pop-up', 'lightbox', 'confirmation dialog', 'confirm'],
  drawer: ['drawer', 'side panel', 'slide-over', 'slide over', 'off-canvas', 'sheet'],
  'dropdown-menu': ['dropdown menu', 'dropdown', 'context menu', 'menu button', 'actions menu', 'kebab menu', 'overflow menu', 'menu'],
  tabs: ['tabs', 'tab bar', 'tabbed', 'tab'],
  accordion: ['accordion', 'collapsible', 'faq', 'expandable', 'disclosure'],
  toast: ['toast', 'snackbar', 'notification', 'flash message', 'alert banner', 'banner'],
  tooltip: ['tooltip', 'little popup', 'small popup', 'hint popup', 'hint', 'hover text', 'popover', 'info tip'],
  avatar: ['avatar', 'user picture', 'profile pic', 'user photo', 'profile picture', 'profile photo', 'user image', 'initials', 'user icon'],
  badge: ['badge', 'pill', 'chip', 'tag', 'label chip', 'status label', 'counter'],
  breadcrumb: ['breadcrumb', 'breadcrumbs', 'crumbs', 'path navigation'],
  pagination: ['pagination', 'pager', 'page numbers', 'paging', 'next and previous'],
  navbar: ['navbar', 'nav bar', 'navigation bar', 'top bar', 'header', 'app bar', 'top navigation'],
  sidebar: ['sidebar', 'side bar', 'side navigation', 'side nav', 'left menu', 'vertical navigation'],
  hero: ['hero', 'page banner', 'landing banner', 'marketing banner', 'product launch', 'hero section', 'landing header', 'headline', 'jumbotron', 'banner section', 'above the fold'],
  'pricing-table': ['pricing table', 'pricing', 'plans', 'price plans', 'tiers', 'subscription plans'],
  stat: ['stat', 'kpi tile', 'kpi card', 'metric card', 'metric tile', 'stat card', 'stat tile', 'stats', 'metric', 'kpi', 'statistic', 'counter card', 'number card', 'figure'],
  timeline: ['timeline', 'history feed', 'newest first', 'history', 'changelog', 'activity log', 'events over time', 'roadmap'],
  stepper: ['stepper', 'how far along', 'progress tracker', 'order progress', 'steps', 'wizard', 'multi-step', 'multi step', 'progress steps', 'onboarding'],
  'empty-state': ['empty state', 'nothing found', 'no results found', 'placeholder', 'no results', 'nothing here', 'zero state', 'blank slate', 'placeholder screen'],
  'file-upload': ['file upload', 'upload', 'dropzone', 'drop zone', 'file picker', 'attachment', 'drag and drop'],
  composition: ['page', 'screen', 'layout', 'dashboard', 'view', 'section', 'settings page', 'app shell', 'shell'],
};

/** Edit distance with adjacent swaps counting once ("tabel" → "table": 1), capped: above `max` is `max + 1`. */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, (beforePrevious[j - 2] ?? 0) + 1);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    beforePrevious = previous;
    previous = current;
  }
  return Math.min(previous[b.length] ?? max + 1, max + 1);
}

/** Lower-case words of a text (letters, digits, inner hyphens and slashes). */
export function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9]+(?:[-/][a-z0-9]+)*/g) ?? [];
}

/** `settings page` → `SettingsPage`; drops what cannot start an identifier. */
export function pascalCase(words: readonly string[]): string {
  return words
    .flatMap((word) => word.split(/[^A-Za-z0-9]+/))
    .filter(Boolean)
    // `ProjectSummary` stays as written; `settings` becomes `Settings`.
    .map((word) => word.charAt(0).toUpperCase() + (/[A-Z]/.test(word.slice(1)) && /[a-z]/.test(word) ? word.slice(1) : word.slice(1).toLowerCase()))
    .join('')
    .replace(/^[0-9]+/, '');
}
