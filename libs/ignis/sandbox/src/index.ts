export {
  spawnLimited,
  SandboxError,
  type TLimits,
  type TLimitHit,
  type TSpawnLimited,
  type TSpawnLimitedOptions,
  type TSpawnLimitedResult,
} from './spawn-limited';
export { describeIsolation, type TIsolationMode, type TIsolationReport } from './isolation';
export { sampleProcessTree, type TTreeUsage } from './process-tree';
