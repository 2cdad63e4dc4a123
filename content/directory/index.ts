import { channels } from './channels.ts';
import { helpCenters } from './help-centers.ts';
import { jurisdictions } from './jurisdictions.ts';
import { airports, offices } from './offices.ts';

export const directory = { offices, airports, helpCenters, jurisdictions, channels };
