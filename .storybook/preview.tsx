import type { Decorator, Preview } from '@storybook/react-vite';
import { mswLoader } from 'msw-storybook-addon/csf3';
import '../src/styles.css';

/**
 * Theme and locale come from the toolbar. The theme is a `data-theme` wrapper (the library's documented
 * override); the locale fills the `locale` arg of stories that don't set one themselves.
 */
const withThemeAndLocale: Decorator = (Story, context) => {
  const theme = (context.globals.theme as string | undefined) ?? 'light';
  const locale = (context.globals.locale as string | undefined) ?? 'en-US';
  const args = context.args.locale === undefined ? { ...context.args, locale } : context.args;
  return (
    <div
      data-theme={theme}
      lang={args.locale as string}
      style={{
        background: 'var(--tc-color-bg)',
        color: 'var(--tc-color-text)',
        fontFamily: 'var(--tc-font-family)',
        padding: '1rem',
        // A story's own page is filled with the theme's background; on a docs page (inline stories) the
        // preview is as tall as its content.
        minBlockSize: context.viewMode === 'docs' ? undefined : '100vh',
        boxSizing: 'border-box',
      }}
    >
      <Story args={args} />
    </div>
  );
};

/** A toolbar drop-down whose button shows the chosen item. */
const toolbarMenu = (
  description: string,
  title: string,
  icon: 'mirror' | 'globe',
  items: { value: string; title: string }[],
) => ({ description, toolbar: { title, icon, items, dynamicTitle: true } });

const preview: Preview = {
  loaders: [mswLoader()],
  decorators: [withThemeAndLocale],
  globalTypes: {
    theme: toolbarMenu('Colour theme (data-theme on a wrapper)', 'Theme', 'mirror', [
      { value: 'light', title: 'Light' },
      { value: 'dark', title: 'Dark' },
    ]),
    locale: toolbarMenu('UI language of the components', 'Locale', 'globe', [
      { value: 'en-US', title: 'English (en-US)' },
      { value: 'zh-CN', title: '简体中文 (zh-CN)' },
    ]),
  },
  initialGlobals: { theme: 'light', locale: 'en-US' },
  parameters: {
    a11y: { test: 'error' },
    layout: 'fullscreen',
  },
  tags: ['autodocs'],
};
export default preview;
