/**
 * "Talk to a person": the help lines from the directory in `content/`, each with its numbers as
 * call buttons (the domestic Navi Dial line and the one for IP phones or callers abroad) and its
 * hours as the source gives them.
 */
import { type Content, type HelpCenter, type Phone, telUri } from '../../content/index.ts';
import type { HandoffRequest } from '../engine/engine.ts';
import { type Button, type DialogMessage, type Phrase, phrase } from '../messages.ts';

export function helpCenterCard(center: HelpCenter, purposeKey: string): DialogMessage {
  const lines: Phrase[] = [phrase(purposeKey)];
  if (center.hours) {
    lines.push(
      phrase('common:handoff.hours', {
        opens: center.hours.weekdays.opens,
        closes: center.hours.weekdays.closes,
      }),
    );
  }
  return { kind: 'card', title: phrase(center.nameKey), lines, buttons: callButtons(center.phones) };
}

/** One call button per line ("Telephone: 0570-…", "From an IP phone or from abroad: 03-…"). */
export function callButtons(phones: readonly Phone[]): Button<Phrase>[] {
  return phones.map((phone) => ({
    kind: 'call',
    label: phrase('common:handoff.call', { purpose: phrase(phone.purposeKey), number: phone.display }),
    tel: telUri(phone),
  }));
}

export function createHandoff(content: Content) {
  const center = (id: string) => {
    const found = content.directory.helpCenters.find((candidate) => candidate.id === id);
    if (!found) throw new Error(`createHandoff(): content has no help center "${id}"`);
    return found;
  };
  const information = center('information-center');
  const support = center('fresc');
  return (_request: HandoffRequest): DialogMessage[] => [
    { kind: 'text', text: phrase('common:handoff.intro') },
    helpCenterCard(information, 'common:handoff.informationCenterFor'),
    helpCenterCard(support, 'common:handoff.supportCenterFor'),
  ];
}
