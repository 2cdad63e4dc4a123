/** Every dialog Madoguchi offers. Adding a dialog: write `dialogs/<id>.ts`, then list it here. */
import type { AnyDialogDefinition } from '../src/engine/registry.ts';
import { cardIssuanceDialog } from './card-issuance.ts';
import { changeStatusDialog } from './change-status.ts';
import { deportationDialog } from './deportation.ts';
import { extendStayDialog } from './extend-stay.ts';
import { extraActivityDialog } from './extra-activity.ts';
import { findOfficeDialog } from './find-office.ts';
import { highlySkilledDialog } from './highly-skilled.ts';
import { isaInfoDialog } from './isa-info.ts';
import { lostCardDialog } from './lost-card.ts';
import { moveInDialog } from './move-in.ts';
import { newbornDialog } from './newborn.ts';
import { notifyChangeDialog } from './notify-change.ts';
import { permanentResidenceDialog } from './permanent-residence.ts';
import { reentryDialog } from './reentry.ts';
import { refugeeDialog } from './refugee.ts';
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
  permanentResidenceDialog,
  newbornDialog,
  extraActivityDialog,
  notifyChangeDialog,
  highlySkilledDialog,
  reentryDialog,
  refugeeDialog,
  deportationDialog,
  findOfficeDialog,
  isaInfoDialog,
];
