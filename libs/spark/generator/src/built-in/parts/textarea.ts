// Textarea: the input part with a multi-line control.
import type { TComponentPlan } from '../../types';
import type { TPartBuild, TPartContext } from '../part';
import { buildTextControl } from './input';

export function buildTextarea(plan: TComponentPlan, _variation: number, context: TPartContext): TPartBuild {
  return buildTextControl(plan, context, true);
}
