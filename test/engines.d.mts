// Types for vite.config.ts and test/vitestEngines.ts, which import the plain-JS module (no allowJs).
import type { Browser } from 'puppeteer-core';
import type { WebDriver } from 'selenium-webdriver';

export declare const ENGINES: readonly ['chromium', 'firefox', 'webkit'];
export declare const firefoxPath: string;
export declare const miniBrowserPath: string;
export declare const webKitDriverPath: string;
export declare function launchPuppeteer(engine: 'chromium' | 'firefox'): Promise<Browser>;
export declare function launchWebKit(): Promise<{ driver: WebDriver; quit: () => Promise<void> }>;
