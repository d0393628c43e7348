// The bench's eager build (bench/builds.mjs) rewrites chatChunk.ts by its source text; when that text moves
// on, `npm run bench` used to fail only after ten minutes of measuring. This fails at once instead.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
// @ts-expect-error: a plain .mjs bench script without types.
import { eagerThread } from '../../bench/builds.mjs';

const chatChunk = path.resolve(import.meta.dirname, '../../src/components/TicketChat/chatChunk.ts');

it("makes the chat chunk's import static and loads it in the browser too", async () => {
  const code = await readFile(chatChunk, 'utf8');
  const { code: out } = eagerThread().transform(code, chatChunk) as { code: string };
  expect(out.startsWith("import * as eagerChatChunk from './TicketChat.tsx';\n")).toBe(true);
  expect(out).not.toMatch(/import\(\s*'\.\/TicketChat\.tsx'\s*\)\.then/);
  expect(out).toContain('Promise.resolve(eagerChatChunk).then(');
  expect(out).not.toContain("if (typeof window === 'undefined') preloadTicketChat()");
});
