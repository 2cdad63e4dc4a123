import type { IsoDate } from '../../messages.ts';
import { parseIsoDate } from '../calendar.ts';
import {
  type Countdown,
  countdown,
  type DeadlineResultBase,
  daysAfterEvent,
  type FilingDeadline,
} from '../results.ts';
import { type RuleSpec, requiredDate } from '../rule-spec.ts';

export const returnCardSpec = {
  id: 'return-card',
  summary:
    'Returning the residence card: within 14 days of the event (naturalisation, death of the holder, ' +
    'special re-entry period lapsed abroad…); on leaving Japan for good, at the port on departure day',
  sources: [
    'Guidebook 1-4 (with the corrections in CONTENT-NOTES: the card is surrendered at the port on departure)',
    'Immigration Act art. 19-15',
    'https://www.moj.go.jp/isa/applications/procedures/nyuukokukanri10_00020.html',
  ],
  inputs: [
    requiredDate('event', 'the day of the event (or of the final departure)'),
    {
      name: 'finalDeparture',
      flag: 'final-departure',
      type: 'boolean',
      required: false,
      description: 'you are leaving Japan for good, without a re-entry permit',
    },
  ],
} as const satisfies RuleSpec;

export interface ReturnCardInput {
  event: IsoDate;
  finalDeparture?: boolean;
}

export interface ReturnWithinFourteenDays extends DeadlineResultBase<'return-card'>, FilingDeadline {
  outcome: 'return-within-14-days';
}

/** Leaving for good: the card is handed to the immigration officer at the port, on departure day. */
export interface SurrenderAtPort extends DeadlineResultBase<'return-card'>, Countdown {
  outcome: 'surrender-at-port';
  due: IsoDate;
  basis: 'surrender-at-port';
}

export type ReturnCardResult = ReturnWithinFourteenDays | SurrenderAtPort;

export function returnCardDeadline(input: ReturnCardInput, today: IsoDate): ReturnCardResult {
  const event = parseIsoDate(input.event, 'event');
  if (input.finalDeparture) {
    return {
      rule: 'return-card',
      today,
      outcome: 'surrender-at-port',
      due: event,
      basis: 'surrender-at-port',
      ...countdown(event, today),
    };
  }
  return {
    rule: 'return-card',
    today,
    outcome: 'return-within-14-days',
    ...daysAfterEvent(event, 14, today),
  };
}
