/**
 * Browser suites' service: the simulator behind MSW's service worker, a fresh model before each test (seeded by
 * `seed`, before its handlers are installed), at the given viewport. `sim()` is the current test's model.
 */
import { setupWorker } from 'msw/browser';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { page } from 'vitest/browser';
import { createHandlers, createServiceModel, type ServiceModel } from '../simulator/index.ts';

export function installBrowserSimulator(options: {
  baseUrl: string;
  viewport: { width: number; height: number };
  seed?: (sim: ServiceModel) => void;
}): { sim: () => ServiceModel } {
  const worker = setupWorker();
  let sim = createServiceModel();
  beforeAll(() => worker.start({ quiet: true, onUnhandledRequest: 'bypass' }));
  afterAll(() => worker.stop());
  beforeEach(async () => {
    await page.viewport(options.viewport.width, options.viewport.height);
    sim = createServiceModel();
    options.seed?.(sim);
    worker.resetHandlers(...createHandlers(sim, { baseUrl: options.baseUrl }));
  });
  return { sim: () => sim };
}
