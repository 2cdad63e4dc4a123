import type { IsoDate } from '../../messages.ts';
import { parseIsoDate } from '../calendar.ts';
import { type DeadlineResultBase, daysAfterEvent, type FilingDeadline } from '../results.ts';
import { type RuleSpec, requiredDate } from '../rule-spec.ts';

export const moveInSpec = {
  id: 'move-in',
  summary: 'Move-in notification at the municipal office, within 14 days of settling on a residence',
  sources: [
    'Guidebook 1-2',
    'Immigration Act art. 19-7',
    'Local Autonomy Act art. 4-2(4): a last day on a closed day moves to the next open day',
  ],
  inputs: [requiredDate('settled', 'the day you settled on your place of residence')],
} as const satisfies RuleSpec;

export interface MoveInInput {
  settled: IsoDate;
}

export interface MoveInResult extends DeadlineResultBase<'move-in'>, FilingDeadline {}

export function moveInDeadline(input: MoveInInput, today: IsoDate): MoveInResult {
  return { rule: 'move-in', today, ...daysAfterEvent(parseIsoDate(input.settled, 'settled'), 14, today) };
}
