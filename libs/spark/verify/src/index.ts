import 'server-only';

export {
  runComponentTests,
  type TComponentTestResult,
  type TRunComponentTestsOptions,
  type TTestStatus,
} from './component-tests';
export {
  renderStories,
  type TAxeViolation,
  type TRenderStoriesOptions,
  type TRenderStoriesResult,
  type TStoryRenderResult,
} from './story-render';
