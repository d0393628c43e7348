// Types for vite.config.ts, which imports the plain-JS module (tsconfig has no allowJs).
export declare const chromiumPath: string;
export declare const chromiumArgs: string[];
