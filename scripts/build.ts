/**
 * `npm run build` (run by `npm start` first): bundles the server — src/main.ts and everything it
 * imports from src/, content/, dialogs/ and node_modules — into plain JavaScript in dist/. Why:
 * from the TypeScript sources Node strips the types of ~170 files one by one and resolves every
 * import at start; measured on this machine, `npm start` to the first 200 on /readyz took ~880 ms
 * and 175 MB from the sources, ~480 ms and 133 MB from the bundle (~330 ms once Node's compile
 * cache holds it, see src/main.ts). Tests and the other commands keep running the sources.
 *
 * dist/ sits one folder below the root like src/, so the paths of src/paths.ts hold in both.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';

const ROOT = join(import.meta.dirname, '..');

/**
 * How the bundle is run, by `npm start`, the image and the benchmark: V8's young generation grows
 * to 128 MB under load by default; capped at 8 MB semi-spaces, RSS under the benchmark's load went
 * 199 → ~160 MB with the same requests/s (within the noise of alternating runs). Starting at
 * 8 MB too (the minimum is 1 MB): the start allocates ~20 MB and scavenged it seven times while the
 * young generation grew, start to ready ~206 → ~189 ms (median of 7; +6 MB idle RSS, none under
 * load, where it reaches 8 MB anyway). A test keeps package.json and the Dockerfile in step.
 *
 * The old generation capped at 1 GB: V8 sizes its heap growth from the cap, which defaults to a
 * share of the machine's memory (4.5 GB on this 24 GB machine), and with the cap it collects
 * sooner: peak RSS under the benchmark's full load ~204 -> ~175 MB (three interleaved pairs of
 * 8 s runs), requests/s 2-5 % lower. The live heap is ~30 MB (the conversations live in the
 * store, not in memory), so 1 GB leaves ample room; a container with less memory gets a smaller
 * default from Node anyway.
 */
export const NODE_FLAGS = [
  '--max-semi-space-size=8',
  '--min-semi-space-size=8',
  '--max-old-space-size=1024',
] as const;
/** The command that runs the production server, from the project root. */
export const SERVER_COMMAND = [...NODE_FLAGS, 'dist/main.js'] as const;
/**
 * The environment it runs with. glibc's malloc gives each thread that allocates an arena of its own
 * (V8's four worker threads, libuv's pool), and under the benchmark's full load they held ~16 MB
 * besides the main arena; at most two arenas: peak RSS 158-161 -> 151-153 MB in three interleaved
 * pairs of 15 s runs, requests/s the same within the runs' noise (-1 to -3 %). Other C libraries
 * (musl, macOS) ignore the variable.
 */
export const SERVER_ENV = { MALLOC_ARENA_MAX: '2' } as const;

/**
 * `import … from 'node:http'` in an ES module makes Node evaluate every export of the built-in,
 * lazy getters included, and node:http's WebSocket/MessageEvent getters load undici: ~14 ms of
 * the start for classes the server never uses. The bundle takes the module object from
 * `process.getBuiltinModule()` instead and re-exports its plain values (getters left out).
 */
const httpWithoutLazyExports: Plugin = {
  name: 'http-without-lazy-exports',
  setup(build) {
    build.onResolve({ filter: /^(node:)?http$/ }, (args) =>
      args.kind === 'import-statement' ? { path: 'node:http', namespace: 'builtin-http' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'builtin-http' }, () => {
      const names = Object.entries(Object.getOwnPropertyDescriptors(process.getBuiltinModule('node:http')))
        .filter(([name, descriptor]) => 'value' in descriptor && /^[A-Za-z_$][\w$]*$/.test(name))
        .map(([name]) => name);
      return {
        contents: `const http = process.getBuiltinModule('node:http');\nexport default http;\nexport const { ${names.join(', ')} } = http;\n`,
        loader: 'js',
      };
    });
  },
};

export async function buildServer(outdir = join(ROOT, 'dist')): Promise<void> {
  // Chunk names carry a content hash: an earlier build's chunks would otherwise pile up.
  rmSync(outdir, { recursive: true, force: true });
  await build({
    absWorkingDir: ROOT,
    entryPoints: ['src/main.ts'],
    outdir,
    entryNames: '[name]',
    chunkNames: '[name]-[hash]',
    // src/main.ts turns the compile cache on, then imports the server: a chunk of its own, so that
    // it loads after the cache is on.
    splitting: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    // Packages are bundled too (resolving each from node_modules was a third of the start), except
    // those src/packages.ts loads on first use.
    external: ['ioredis', 'bullmq', '@microsoft/*', 'chrono-node', 'tinyld'],
    // Bundled CommonJS packages call require() for Node's built-ins.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    plugins: [httpWithoutLazyExports],
    // Whitespace and comments out, syntax shortened, names kept (profiles and stack traces still
    // name the functions): the bundle 2.2 -> 1.6 MB, which V8 also keeps in the heap as the
    // script's source (two bytes a character: a few regular expressions hold kanji), and start to
    // ready 225 -> 216 ms (medians of 9 interleaved starts). Stack traces point into a long line:
    // Node's --enable-source-maps (NODE_OPTIONS) maps them back to src/ through dist/*.map.
    minifyWhitespace: true,
    minifySyntax: true,
    sourcemap: true,
    logLevel: 'warning',
  });
}

if (import.meta.main) {
  const started = performance.now();
  await buildServer();
  console.log(`built dist/ in ${Math.round(performance.now() - started)} ms`);
}
