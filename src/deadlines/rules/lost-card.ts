import type { IsoDate } from '../../messages.ts';
import { parseIsoDate } from '../calendar.ts';
import { DeadlineInputError } from '../errors.ts';
import { type DeadlineResultBase, daysAfterEvent, type FilingDeadline } from '../results.ts';
import { type RuleSpec, requiredDate } from '../rule-spec.ts';

export const lostCardSpec = {
  id: 'lost-card',
  summary:
    'Application for a new residence card after a loss, theft or destruction, within 14 days of ' +
    'noticing it (if noticed abroad: of the first entry into Japan afterwards)',
  sources: [
    'Guidebook 1-3',
    'Immigration Act art. 19-12',
    'Act on Holidays of Administrative Organs art. 2: a last day on a closed day moves to the next open day',
  ],
  inputs: [
    requiredDate('noticed', 'the day you noticed the card was lost, stolen or destroyed'),
    {
      name: 'abroad',
      flag: 'abroad',
      type: 'boolean',
      required: false,
      description: 'you noticed it abroad',
    },
    {
      name: 'reentered',
      flag: 'reentered',
      type: 'date',
      required: false,
      description: 'with abroad: the day you next entered Japan (the 14 days run from it)',
    },
  ],
} as const satisfies RuleSpec;

export interface LostCardInput {
  noticed: IsoDate;
  abroad?: boolean;
  /** Required with `abroad`, refused without it. */
  reentered?: IsoDate;
}

export interface LostCardResult extends DeadlineResultBase<'lost-card'>, FilingDeadline {
  /** The day the 14 days are counted from: the day noticed, or the re-entry day when abroad. */
  countedFrom: IsoDate;
}

export function lostCardDeadline(input: LostCardInput, today: IsoDate): LostCardResult {
  const countedFrom = countedFromDay(input);
  return { rule: 'lost-card', today, countedFrom, ...daysAfterEvent(countedFrom, 14, today) };
}

function countedFromDay({ noticed, abroad, reentered }: LostCardInput): IsoDate {
  parseIsoDate(noticed, 'noticed');
  if (!abroad) {
    if (reentered !== undefined) {
      throw new DeadlineInputError(
        'reentered: only meaningful when the loss was noticed abroad (add abroad)',
      );
    }
    return noticed;
  }
  if (reentered === undefined) {
    throw new DeadlineInputError('reentered: required when the loss was noticed abroad');
  }
  if (parseIsoDate(reentered, 'reentered') < noticed) {
    throw new DeadlineInputError(
      `reentered: ${reentered} is before the day the loss was noticed (${noticed})`,
    );
  }
  return reentered;
}
