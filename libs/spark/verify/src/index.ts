import 'server-only';

export {
  runComponentTests,
  type TComponentTestResult,
  type TRunComponentTestsOptions,
  type TTestStatus,
} from './component-tests';
