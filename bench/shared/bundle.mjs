// The benchmarks measure the repo's TypeScript sources (not dist/) in Node: esbuild bundles one entry.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Bundles `entry` (relative to the repo root) for Node into bench/.tmp/`outName` and imports it.
 * The query string makes each call load the fresh build instead of Node's cached module.
 */
export async function importBundled(entry, outName, { external = [] } = {}) {
  const outfile = path.join(root, 'bench/.tmp', outName);
  await build({
    entryPoints: [path.join(root, entry)],
    bundle: true,
    format: 'esm',
    platform: 'node',
    outfile,
    external,
    logLevel: 'silent',
  });
  return import(`${pathToFileURL(outfile).href}?t=${Date.now()}`);
}
