import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { AttachmentChip } from '../src/index.ts';
import { attachments } from './fixtures.ts';
import { inBox } from './inBox.tsx';

const meta = {
  title: 'Components/AttachmentChip',
  component: AttachmentChip,
  parameters: {
    docs: {
      description: {
        component:
          'A file in a message: icon by kind, middle-truncated name that keeps the extension, a download button when `onClick` is given.',
      },
    },
  },
  args: { attachment: attachments.png, onClick: fn() },
  decorators: [inBox({ maxInlineSize: 320 })],
} satisfies Meta<typeof AttachmentChip>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Image: Story = {
  args: { locale: 'en-US' },
  play: async ({ args, canvasElement }) => {
    await userEvent.click(
      within(canvasElement).getByRole('button', { name: /billing-page-screenshot\.png/ }),
    );
    await expect(args.onClick).toHaveBeenCalledWith(attachments.png);
  },
};
export const Pdf: Story = { args: { attachment: attachments.pdf } };
export const Archive: Story = { args: { attachment: attachments.zip } };
export const Document: Story = { args: { attachment: attachments.docx } };
export const Sheet: Story = { args: { attachment: attachments.xlsx } };
export const Generic: Story = { args: { attachment: attachments.bin } };
export const VeryLongFileName: Story = { args: { attachment: attachments.long } };
export const Busy: Story = { args: { attachment: attachments.log, busy: true } };
/** Without `onClick`: plain text, nothing to press. */
export const NotClickable: Story = { args: { attachment: attachments.log, onClick: undefined } };
export const Chinese: Story = { args: { attachment: attachments.xlsx, locale: 'zh-CN' } };
