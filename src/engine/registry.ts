/** Builds every dialog's machine once, at startup, with the content it reads. */
import type { AnyStateMachine } from 'xstate';
import type { DialogDefinition } from '../../dialogs/kit.ts';

// biome-ignore lint/suspicious/noExplicitAny: each dialog has its own context type; the engine treats them alike.
export type AnyDialogDefinition = DialogDefinition<any, any>;

export interface RegisteredDialog {
  definition: AnyDialogDefinition;
  machine: AnyStateMachine;
}

export type DialogRegistry = ReadonlyMap<string, RegisteredDialog>;

export function createDialogRegistry(
  definitions: ReadonlyArray<AnyDialogDefinition>,
  content: unknown,
): DialogRegistry {
  const registry = new Map<string, RegisteredDialog>();
  for (const definition of definitions) {
    if (registry.has(definition.id))
      throw new Error(`createDialogRegistry(): dialog ${definition.id} is declared twice`);
    registry.set(definition.id, { definition, machine: definition.createMachine(content) });
  }
  return registry;
}
