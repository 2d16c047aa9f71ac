// Switch: the checkbox part as role="switch".
import type { TComponentPlan } from '../../types';
import type { TPartBuild, TPartContext } from '../part';
import { buildToggle } from './checkbox';

export function buildSwitch(plan: TComponentPlan, variation: number, context: TPartContext): TPartBuild {
  return buildToggle(plan, variation, context, true);
}
