import type { TicketChatLocale } from '../i18n/locale.ts';

/** Strings of the image previews; they load with them (the lazy chunk). Typed like the main catalog. */
export interface PreviewStrings {
  openImage: (name: string) => string;
  close: string;
  previous: string;
  next: string;
  position: (index: number, count: number) => string;
  loadFailed: string;
}

const en: PreviewStrings = {
  openImage: (name) => `View image ${name}`,
  close: 'Close',
  previous: 'Previous image',
  next: 'Next image',
  position: (i, n) => `${i} of ${n}`,
  loadFailed: "Couldn't load the image.",
};

const zh: PreviewStrings = {
  openImage: (name) => `查看图片 ${name}`,
  close: '关闭',
  previous: '上一张',
  next: '下一张',
  position: (i, n) => `第 ${i} 张，共 ${n} 张`,
  loadFailed: '无法加载图片。',
};

export const previewStrings = (locale: TicketChatLocale): PreviewStrings => (locale === 'en-US' ? en : zh);
