/** `npm run check:locales`: fails (exit 1) on any locale problem; run by `npm test`. */
import { checkLocales } from '../i18n/check-locales.ts';
import { readLocaleFiles } from '../i18n/index.ts';

const problems = checkLocales(readLocaleFiles());
if (problems.length === 0) {
  console.log('locales: every key of every locale matches English');
} else {
  for (const { language, key, problem } of problems) console.error(`locales/${language}: ${key}: ${problem}`);
  console.error(`locales: ${problems.length} problem(s)`);
  process.exit(1);
}
