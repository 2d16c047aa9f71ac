// Entry `@lumenforge/landing-activity`: the activity feed's rules and shapes. No I/O: safe in
// client components (the live list builds its rows with `parseActivityItem`).
export {
  ACTIVITY_KINDS,
  ACTIVITY_SUBJECTS,
  ACTIVITY_SYSTEMS,
  FAMILY_SYSTEMS,
  HEALTH_SUBJECT,
  USER_EVENTS_PERMISSION,
  activityFamily,
  activityKind,
  activitySystem,
  canSeeSubject,
  isActivitySubject,
  isVisibleTo,
  kindSubject,
  matchesFilter,
  visibleSubjects,
  type TActivityFamily,
  type TActivityFilter,
  type TActivityViewer,
} from './activity-subjects';
export {
  ITEM_PAGES,
  activityTarget,
  targetHref,
  type TActivityTarget,
  type TItemPage,
} from './activity-links';
export {
  activityDetail,
  activitySummary,
  activityTone,
  actorName,
  formatBytes,
  formatDurationMs,
  type TActivityTone,
} from './activity-summary';
export {
  KIND_LABELS,
  isActivitySystemId,
  parseActivityItem,
  toActivityItem,
  type TActivityItem,
  type TActivityItemContext,
  type TActivityPage,
} from './activity-item';
export {
  ACTIVITY_DEFAULT_LIMIT,
  ACTIVITY_MAX_LIMIT,
  ZActivityQuerySchema,
  type TActivityQuery,
} from './activity-query';
