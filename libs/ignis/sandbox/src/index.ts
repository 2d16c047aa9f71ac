export {
  spawnLimited,
  SandboxError,
  type TLimits,
  type TLimitHit,
  type TSpawnLimited,
  type TSpawnLimitedOptions,
  type TSpawnLimitedResult,
} from './spawn-limited';
export {
  describeIsolation,
  type TIsolationMode,
  type TIsolationReport,
  type TIsolationWorkload,
} from './isolation';
export { BUILD_IMAGE, containerAvailability, SANDBOX_UID, type TContainerAvailability } from './container';
export { isolationSetting, type TIsolationSetting } from './env';
export { sampleProcessTree, type TTreeUsage } from './process-tree';
