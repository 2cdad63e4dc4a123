/** Every dialog Madoguchi offers. Adding a dialog: write `dialogs/<id>.ts`, then list it here. */
import type { AnyDialogDefinition } from '../src/engine/registry.ts';
import { cardIssuanceDialog } from './card-issuance.ts';
import { changeStatusDialog } from './change-status.ts';
import { extendStayDialog } from './extend-stay.ts';
import { lostCardDialog } from './lost-card.ts';
import { moveInDialog } from './move-in.ts';
import { residenceCardDialog } from './residence-card.ts';
import { returnCardDialog } from './return-card.ts';

export const DIALOGS: readonly AnyDialogDefinition[] = [
  residenceCardDialog,
  cardIssuanceDialog,
  moveInDialog,
  lostCardDialog,
  returnCardDialog,
  extendStayDialog,
  changeStatusDialog,
];
