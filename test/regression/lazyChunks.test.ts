// @vitest-environment node
// A lazy chunk that imports another chunk the page does not have yet costs one request more before it runs
// (a browser finds that import only once the chunk has arrived). The first messages wait for the message
// code's chunk and the chat's: each must need nothing beyond the first load. Bundled from src by esbuild,
// which makes a shared chunk of any module two lazy chunks import (this is how exactIntegers once became a
// chunk of its own that the first poll waited for).
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '../..');

async function chunks(entry: string) {
  const { metafile } = await build({
    stdin: { contents: `export * from ${JSON.stringify(entry)};`, resolveDir: root, loader: 'ts' },
    bundle: true,
    splitting: true,
    format: 'esm',
    outdir: path.join(root, 'bench/.tmp/lazyChunks'),
    write: false,
    metafile: true,
    external: ['react', 'react-dom', 'react/*', '@tanstack/*'],
    loader: { '.css': 'empty', '.svg': 'empty' },
    logLevel: 'silent',
  });
  const outputs = metafile.outputs;
  const entryChunk = Object.keys(outputs).find((file) => outputs[file]?.entryPoint === '<stdin>') as string;
  const first = new Set<string>();
  const visit = (file: string) => {
    if (first.has(file)) return;
    first.add(file);
    for (const i of outputs[file]?.imports ?? []) if (i.kind === 'import-statement') visit(i.path);
  };
  visit(entryChunk);
  const holding = (source: string) =>
    Object.keys(outputs).find((file) =>
      Object.keys(outputs[file]?.inputs ?? {}).some((i) => i.endsWith(source)),
    );
  /** The chunks a lazy chunk imports statically that the first load does not hold. */
  const missing = (source: string) => {
    const chunk = holding(source);
    expect(chunk, source).toBeDefined();
    expect(first.has(chunk as string), `${source} is lazy`).toBe(false);
    return (outputs[chunk as string]?.imports ?? [])
      .filter((i) => i.kind === 'import-statement' && !i.external && !first.has(i.path))
      .map((i) => i.path);
  };
  return { missing };
}

test("the client's message code is one request: its chunk imports only what the first load has", async () => {
  const { missing } = await chunks('./src/client/index.ts');
  expect(missing('src/client/messageMethods.ts')).toEqual([]);
  expect(missing('src/client/upload.ts')).toEqual([]);
});

test("the widget's chat chunk and message code each need nothing beyond the first load", async () => {
  const { missing } = await chunks('./src/index.ts');
  expect(missing('src/client/messageMethods.ts')).toEqual([]);
  expect(missing('src/components/TicketChat/TicketChat.tsx')).toEqual([]);
});
