/** Every dialog Madoguchi offers. Adding a dialog: write `dialogs/<id>.ts`, then list it here. */
import type { AnyDialogDefinition } from '../src/engine/registry.ts';
import { deportationDialog } from './deportation.ts';
import { findOfficeDialog } from './find-office.ts';
import { isaInfoDialog } from './isa-info.ts';
import { lostCardDialog } from './lost-card.ts';
import { refugeeDialog } from './refugee.ts';

export const DIALOGS: readonly AnyDialogDefinition[] = [
  lostCardDialog,
  refugeeDialog,
  deportationDialog,
  findOfficeDialog,
  isaInfoDialog,
];
