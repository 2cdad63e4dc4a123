/**
 * The main menu: procedures grouped by topic, so that a phone screen shows a short list. Only the
 * dialogs that are registered appear.
 */
import type { ProcedureIntent } from '../intents.ts';
import { type Choice, type DialogMessage, type Phrase, phrase } from '../messages.ts';

export const MENU_GROUPS = [
  { id: 'card', intents: ['residence-card', 'card-issuance', 'move-in', 'lost-card', 'return-card'] },
  {
    id: 'status',
    intents: [
      'extend-stay',
      'change-status',
      'permanent-residence',
      'newborn',
      'extra-activity',
      'notify-change',
      'highly-skilled',
    ],
  },
  { id: 'travel', intents: ['reentry'] },
  { id: 'protection', intents: ['refugee', 'deportation'] },
  { id: 'office', intents: ['find-office'] },
  { id: 'info', intents: ['isa-info'] },
] as const satisfies ReadonlyArray<{ id: string; intents: readonly ProcedureIntent[] }>;

export type MenuGroupId = (typeof MENU_GROUPS)[number]['id'];

export function intentChoice(intent: string): Choice<Phrase> {
  return { label: phrase(`common:intent.${intent}`), payload: `go:${intent}` };
}

const commandChoices: Choice<Phrase>[] = [
  { label: phrase('common:nav.human'), payload: 'cmd:human' },
  { label: phrase('common:nav.language'), payload: 'cmd:language' },
];

export function mainMenu(
  available: ReadonlySet<string>,
  prompt: Phrase = phrase('common:menu.prompt'),
): DialogMessage {
  const choices: Choice<Phrase>[] = [];
  for (const group of MENU_GROUPS) {
    const intents = group.intents.filter((intent) => available.has(intent));
    if (intents.length === 0) continue;
    if (intents.length === 1) choices.push(intentChoice(intents[0] as string));
    else choices.push({ label: phrase(`common:menu.group.${group.id}`), payload: `menu:${group.id}` });
  }
  return { kind: 'choices', prompt, choices: [...choices, ...commandChoices] };
}

export function groupMenu(groupId: string, available: ReadonlySet<string>): DialogMessage | undefined {
  const group = MENU_GROUPS.find((candidate) => candidate.id === groupId);
  if (!group) return undefined;
  const intents = group.intents.filter((intent) => available.has(intent));
  if (intents.length === 0) return undefined;
  return {
    kind: 'choices',
    prompt: phrase(`common:menu.group.${group.id}`),
    choices: [...intents.map(intentChoice), { label: phrase('common:nav.menu'), payload: 'cmd:menu' }],
  };
}
