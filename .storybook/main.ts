import type { StorybookConfig } from '@storybook/react-vite';
import { mergeConfig } from 'vite';

const config: StorybookConfig = {
  // Stories live in stories/ only (a glob that matches nothing makes `storybook dev` warn).
  stories: ['../stories/**/*.stories.@(ts|tsx)'],
  addons: [
    '@storybook/addon-docs',
    '@storybook/addon-a11y',
    '@storybook/addon-vitest',
    'msw-storybook-addon',
  ],
  framework: { name: '@storybook/react-vite', options: {} },
  staticDirs: ['../public'],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  typescript: { reactDocgen: 'react-docgen' },
  // The preview bundles axe, the docs renderer and the simulator: its chunk sizes and plugin timings are no
  // news to anyone building it (the library's own size has a budget, `npm run size`).
  viteFinal: (viteConfig) =>
    mergeConfig(viteConfig, {
      build: { chunkSizeWarningLimit: 2000, rolldownOptions: { checks: { bundlerTimings: false } } },
    }),
};
export default config;
