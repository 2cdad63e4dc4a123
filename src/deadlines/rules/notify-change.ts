import type { IsoDate } from '../../messages.ts';
import { parseIsoDate } from '../calendar.ts';
import { type DeadlineResultBase, daysAfterEvent, type FilingDeadline } from '../results.ts';
import { type RuleSpec, requiredDate } from '../rule-spec.ts';

export const notifyChangeSpec = {
  id: 'notify-change',
  summary:
    'Notification to immigration of a change of host or affiliated organisation, or of a divorce or ' +
    "a spouse's death, within 14 days of the change",
  sources: [
    'Guidebook 2-6',
    'Immigration Act art. 19-16',
    'Act on Holidays of Administrative Organs art. 2: a last day on a closed day moves to the next open day',
  ],
  inputs: [requiredDate('changed', 'the day of the change (e.g. last day at the company, divorce)')],
} as const satisfies RuleSpec;

export interface NotifyChangeInput {
  changed: IsoDate;
}

export interface NotifyChangeResult extends DeadlineResultBase<'notify-change'>, FilingDeadline {}

export function notifyChangeDeadline(input: NotifyChangeInput, today: IsoDate): NotifyChangeResult {
  return {
    rule: 'notify-change',
    today,
    ...daysAfterEvent(parseIsoDate(input.changed, 'changed'), 14, today),
  };
}
