/**
 * Where the files Madoguchi reads at run time are, from the project root. Computed here, one
 * folder below the root, so that the same code works from the TypeScript sources and from the
 * production bundle (dist/main.js, also one folder below the root: see scripts/build.ts).
 */
import { join } from 'node:path';

export const PROJECT_ROOT = join(import.meta.dirname, '..');

export const LOCALES_DIR = join(PROJECT_ROOT, 'locales');
export const INTENT_MODEL_FILE = join(PROJECT_ROOT, 'src', 'nlu', 'model', 'intent-model.bin');
export const TRAINING_DIRECTORY = join(PROJECT_ROOT, 'src', 'nlu', 'data', 'train');
/** The NLU's development set: the confidence threshold is chosen on it (src/nlu/train.ts). */
export const DEV_DIRECTORY = join(PROJECT_ROOT, 'src', 'nlu', 'data', 'dev');
export const WIDGET_SOURCE_DIR = join(PROJECT_ROOT, 'src', 'widget');
/** Where `npm run build:widget` puts the Web Chat bundle. */
export const WEBCHAT_VENDOR_DIR = join(PROJECT_ROOT, 'vendor', 'webchat');
export const RICH_MENU_IMAGE_PATH = join(PROJECT_ROOT, 'src', 'channels', 'line', 'rich-menu.png');
