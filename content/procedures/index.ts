import type { z } from 'zod';
import type { proceduresSchema } from '../schema.ts';
import { deportation } from './deportation.ts';
import { isaInfo } from './isa-info.ts';
import { highlySkilled, notifyChange } from './notify-change.ts';
import { reentry } from './reentry.ts';
import { refugee } from './refugee.ts';
import { cardIssuance, lostCard, moveIn, residenceCard, returnCard } from './residence-card.ts';
import {
  changeStatus,
  extendStay,
  extraActivity,
  newborn,
  permanentResidence,
} from './status-of-residence.ts';

export const procedures = {
  'residence-card': residenceCard,
  'card-issuance': cardIssuance,
  'move-in': moveIn,
  'lost-card': lostCard,
  'return-card': returnCard,
  'extend-stay': extendStay,
  'change-status': changeStatus,
  'permanent-residence': permanentResidence,
  newborn,
  'extra-activity': extraActivity,
  'notify-change': notifyChange,
  'highly-skilled': highlySkilled,
  reentry,
  refugee,
  deportation,
  'isa-info': isaInfo,
} satisfies z.input<typeof proceduresSchema>;
