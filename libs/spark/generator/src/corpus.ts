// The prompts SPARK is measured against: every kind the built-in generator knows, several
// compositions, a few vague prompts that should land on the closest match, and prompts that ask for
// states, async data, large lists and a compact layout. Used by the corpus tests (every prompt
// analyses to its kind and generates variations that pass checkComponent) and by bench:spark.
import type { TComponentKind } from './types';

export type TCorpusPrompt = { prompt: string; kind: TComponentKind };

export const SPARK_CORPUS: readonly TCorpusPrompt[] = [
  // Buttons and inputs
  { prompt: 'A primary button that says "Save changes" and shows a spinner while saving', kind: 'button' },
  { prompt: 'Danger button for deleting a project, disabled until confirmed', kind: 'button' },
  { prompt: 'An icon button to close a panel with an accessible label', kind: 'icon-button' },
  { prompt: 'Small ghost icon button with a heart to favourite an item', kind: 'icon-button' },
  { prompt: 'Email input with a label, helper text and an error message', kind: 'input' },
  { prompt: 'A password field with show/hide toggle', kind: 'input' },
  { prompt: 'Textarea for a comment with a character counter limited to 280 characters', kind: 'textarea' },
  { prompt: 'A select dropdown to pick a country from a list', kind: 'select' },
  { prompt: 'Checkbox to accept the terms and conditions', kind: 'checkbox' },
  { prompt: 'Radio group to choose a shipping speed: standard, express or overnight', kind: 'radio-group' },
  { prompt: 'A toggle switch for dark mode', kind: 'switch' },
  { prompt: 'Switch to enable email notifications, disabled while the setting is loading', kind: 'switch' },

  // Forms and search
  { prompt: 'Sign up form with name, email and password, validating each field before submit', kind: 'form' },
  { prompt: 'Contact form with subject and message that shows an error when sending fails', kind: 'form' },
  { prompt: 'Login form with remember me', kind: 'form' },
  { prompt: 'Search box with a clear button that debounces the query', kind: 'search-box' },
  { prompt: 'A compact search bar for filtering documentation pages', kind: 'search-box' },

  // Content
  { prompt: 'Product card with an image, title, price and an add to cart button', kind: 'card' },
  { prompt: 'Blog post card with author, date and a short excerpt', kind: 'card' },
  { prompt: 'A list of team members with their role', kind: 'list' },
  { prompt: 'Virtualised list of 10,000 log lines loaded from an API', kind: 'list' },
  { prompt: 'Notification list with an empty state when there is nothing new', kind: 'list' },

  // Data table
  { prompt: 'Data table of users with sortable columns, a filter and pagination', kind: 'data-table' },
  { prompt: 'Orders table loaded asynchronously with loading, empty and error states', kind: 'data-table' },
  { prompt: 'A compact table of 5,000 invoices, sortable by amount and date', kind: 'data-table' },
  { prompt: 'Spreadsheet-like grid showing deployments with status, branch and duration', kind: 'data-table' },

  // Overlays
  { prompt: 'Modal dialog to confirm deleting a file, with cancel and delete buttons', kind: 'modal' },
  { prompt: 'A popup dialog that asks the user to rename a project', kind: 'modal' },
  { prompt: 'Drawer that slides in from the right with the cart contents', kind: 'drawer' },
  { prompt: 'Side sheet with filters for a product catalogue', kind: 'drawer' },
  { prompt: 'Dropdown menu with edit, duplicate and delete actions', kind: 'dropdown-menu' },
  { prompt: 'A user account menu under the avatar with profile, settings and sign out', kind: 'dropdown-menu' },
  { prompt: 'Toast notification that says the file was uploaded and disappears after five seconds', kind: 'toast' },
  { prompt: 'Error toast with a retry action', kind: 'toast' },
  { prompt: 'Tooltip that explains what an API key is when hovering the info icon', kind: 'tooltip' },

  // Disclosure
  { prompt: 'Tabs for Overview, Activity and Settings', kind: 'tabs' },
  { prompt: 'Compact tabs switching between code and preview', kind: 'tabs' },
  { prompt: 'FAQ accordion with five questions, only one open at a time', kind: 'accordion' },
  { prompt: 'Collapsible sections for billing details, allowing several open at once', kind: 'accordion' },

  // Identity and status
  { prompt: 'Avatar showing initials when the image fails to load', kind: 'avatar' },
  { prompt: 'Status badge: active, paused or failed', kind: 'badge' },
  { prompt: 'A small pill label showing the number of unread messages', kind: 'badge' },
  { prompt: 'Stat showing monthly revenue with the change since last month', kind: 'stat' },
  { prompt: 'KPI tile with active users that loads its number from an endpoint', kind: 'stat' },

  // Navigation
  { prompt: 'Breadcrumb trail: Home / Projects / LumenForge / Settings', kind: 'breadcrumb' },
  { prompt: 'Pagination control with previous, next and page numbers for 42 pages', kind: 'pagination' },
  { prompt: 'Top navbar with logo, links and a mobile menu toggle', kind: 'navbar' },
  { prompt: 'Header navigation bar for a marketing site with a sign in link', kind: 'navbar' },
  { prompt: 'Collapsible sidebar with navigation sections and an active item', kind: 'sidebar' },
  { prompt: 'Left side navigation for an admin console with icons and counts', kind: 'sidebar' },

  // Marketing
  { prompt: 'Hero section with a headline, a subheading and two call to action buttons', kind: 'hero' },
  { prompt: 'Landing page banner introducing a new product launch', kind: 'hero' },
  { prompt: 'Pricing table with three plans, monthly and yearly billing toggle', kind: 'pricing-table' },
  { prompt: 'Plans comparison: free, pro and enterprise with a highlighted recommended plan', kind: 'pricing-table' },

  // Progress and history
  { prompt: 'Timeline of a package delivery with timestamps', kind: 'timeline' },
  { prompt: 'Activity history feed for a repository, newest first', kind: 'timeline' },
  { prompt: 'Checkout stepper with cart, shipping, payment and review steps', kind: 'stepper' },
  { prompt: 'Multi-step wizard for onboarding a new workspace', kind: 'stepper' },
  { prompt: 'Empty state for a project list with a create project button', kind: 'empty-state' },
  { prompt: 'Nothing found placeholder for search results with a suggestion to clear filters', kind: 'empty-state' },
  { prompt: 'File upload dropzone accepting images up to 5 MB, with drag and drop', kind: 'file-upload' },
  { prompt: 'Upload CSV files with a progress indicator and an error when the upload fails', kind: 'file-upload' },

  // Compositions
  { prompt: 'A settings page with a profile form and a danger zone', kind: 'composition' },
  { prompt: 'A dashboard with three stats and a data table', kind: 'composition' },
  { prompt: 'Landing page with a hero, a pricing table and an FAQ accordion', kind: 'composition' },
  { prompt: 'App shell with a navbar, a sidebar and tabs for the main content', kind: 'composition' },
  { prompt: 'Account page combining an avatar card, a breadcrumb and a form to change the password', kind: 'composition' },
  { prompt: 'Admin page with a search box, a table of users and pagination, plus a modal to invite someone', kind: 'composition' },

  // Vague prompts: the closest match, said so in the plan
  { prompt: 'something to pick a date range', kind: 'select' },
  { prompt: 'a thing that shows how far along an order is', kind: 'stepper' },
  { prompt: 'show the user picture', kind: 'avatar' },
  { prompt: 'let people leave feedback', kind: 'form' },
  { prompt: 'a little popup with a hint', kind: 'tooltip' },
];

/**
 * Prompts written to trip the analyser: typos (transposed letters too), negations, "a X with a Y"
 * where Y is only a detail, compound nouns whose head decides ("notification list"), and pages
 * that list their parts. Checked by the corpus test for their kind; not generated there (their
 * kinds' parts are covered by SPARK_CORPUS).
 */
export const SPARK_TRICKY_PROMPTS: readonly TCorpusPrompt[] = [
  { prompt: 'a list, not a table', kind: 'list' },
  { prompt: 'not a modal but a drawer for the filters', kind: 'drawer' },
  { prompt: 'the drawer, not the modal, for mobile navigation', kind: 'drawer' },
  { prompt: 'a table of orders without pagination', kind: 'data-table' },
  { prompt: 'a list of notifications, not toasts', kind: 'list' },
  { prompt: 'a buton that submits the form', kind: 'button' },
  { prompt: 'a sortable tabel of invoices', kind: 'data-table' },
  { prompt: 'a dropdwon menu for row actions', kind: 'dropdown-menu' },
  { prompt: 'an accordian for the FAQ', kind: 'accordion' },
  { prompt: 'a card with a button and a badge', kind: 'card' },
  { prompt: 'a modal with a form to invite a teammate', kind: 'modal' },
  { prompt: 'a sidebar with a search box and a list of channels', kind: 'sidebar' },
  { prompt: 'a toggle for notifications', kind: 'switch' },
  { prompt: 'Dashbord with revenue stats, a users table and a chart', kind: 'composition' },
  { prompt: 'a settings screen with a profile form, an avatar and a save button', kind: 'composition' },
];
