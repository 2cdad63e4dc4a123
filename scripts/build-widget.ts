/**
 * `npm run build:widget`: puts Microsoft's prebuilt Web Chat bundle where Madoguchi serves it
 * (`/widget/webchat.js`), so the widget needs no CDN and works on a network without internet.
 *
 * Why not a dependency: `botframework-webchat` installs ~485 MB with its peers (measured with
 * npm 11, 4.18.1), while the browser needs one self-contained file from its tarball,
 * `dist/webchat.js` (3.9 MB, 0.95 MB gzipped; React included). So the script fetches the one
 * pinned tarball with `npm pack` (7.0 MB, checked against the integrity below), copies that file
 * and its licence notice into `vendor/webchat/` (not committed) with a gzipped copy, and does
 * nothing when they are already there. `npm test` runs it first; the Dockerfile runs it at build.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const WEBCHAT_VERSION = '4.18.1';
/** `npm view botframework-webchat@4.18.1 dist.integrity` */
const WEBCHAT_INTEGRITY =
  'sha512-7jpEUJ7olT62Xm+8eh7BhhIcXVfU2xD4pZDaeBt8K4XcNy6K/83UGIxE9BFkXmHMZ4hDEVOzs5cre07GWuaXzg==';

const vendor = new URL('../vendor/webchat/', import.meta.url).pathname;
const stamp = join(vendor, 'VERSION');

if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === WEBCHAT_VERSION) {
  console.log(`build:widget: Web Chat ${WEBCHAT_VERSION} already in vendor/webchat/`);
} else {
  const work = mkdtempSync(join(tmpdir(), 'madoguchi-webchat-'));
  try {
    console.log(`build:widget: fetching botframework-webchat@${WEBCHAT_VERSION} (npm pack)`);
    const [packed] = JSON.parse(
      execFileSync(
        'npm',
        ['pack', `botframework-webchat@${WEBCHAT_VERSION}`, '--json', '--pack-destination', work],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
      ),
    ) as Array<{ filename: string }>;
    const tarball = join(work, packed?.filename ?? '');
    const integrity = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
    if (integrity !== WEBCHAT_INTEGRITY) {
      throw new Error(
        `build:widget: the tarball's integrity is ${integrity}, expected ${WEBCHAT_INTEGRITY}; refusing to serve it`,
      );
    }
    const files = ['package/dist/webchat.js', 'package/dist/webchat.js.LICENSE.txt'];
    execFileSync('tar', ['-xzf', tarball, '-C', work, ...files]);
    mkdirSync(vendor, { recursive: true });
    const bundle = readFileSync(join(work, files[0] ?? ''));
    writeFileSync(join(vendor, 'webchat.js'), bundle);
    writeFileSync(join(vendor, 'webchat.js.gz'), gzipSync(bundle, { level: 9 }));
    writeFileSync(join(vendor, 'LICENSE.txt'), readFileSync(join(work, files[1] ?? '')));
    writeFileSync(stamp, `${WEBCHAT_VERSION}\n`);
    console.log(`build:widget: vendor/webchat/webchat.js (${bundle.length} bytes) ready`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
