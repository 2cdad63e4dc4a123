/**
 * Canonical intent ids, shared by the dialogs, the language model, content and locales.
 * A dialog's id is its intent id.
 */
export const PROCEDURE_INTENTS = [
  'residence-card',
  'card-issuance',
  'move-in',
  'lost-card',
  'return-card',
  'extend-stay',
  'change-status',
  'permanent-residence',
  'newborn',
  'extra-activity',
  'notify-change',
  'highly-skilled',
  'reentry',
  'refugee',
  'deportation',
  'find-office',
  'isa-info',
] as const;

/** Intents that are not procedures: handled by the engine's global commands. */
export const COMMAND_INTENTS = ['human', 'language', 'menu'] as const;

export const INTENTS = [...PROCEDURE_INTENTS, ...COMMAND_INTENTS] as const;

export type ProcedureIntent = (typeof PROCEDURE_INTENTS)[number];
export type CommandIntent = (typeof COMMAND_INTENTS)[number];
export type Intent = (typeof INTENTS)[number];

export function isIntent(value: string): value is Intent {
  return (INTENTS as readonly string[]).includes(value);
}
