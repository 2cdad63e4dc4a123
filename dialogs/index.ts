/** Every dialog Madoguchi offers. Adding a dialog: write `dialogs/<id>.ts`, then list it here. */
import type { AnyDialogDefinition } from '../src/engine/registry.ts';
import { extraActivityDialog } from './extra-activity.ts';
import { highlySkilledDialog } from './highly-skilled.ts';
import { lostCardDialog } from './lost-card.ts';
import { newbornDialog } from './newborn.ts';
import { notifyChangeDialog } from './notify-change.ts';
import { permanentResidenceDialog } from './permanent-residence.ts';
import { reentryDialog } from './reentry.ts';

export const DIALOGS: readonly AnyDialogDefinition[] = [
  lostCardDialog,
  permanentResidenceDialog,
  newbornDialog,
  extraActivityDialog,
  notifyChangeDialog,
  highlySkilledDialog,
  reentryDialog,
];
