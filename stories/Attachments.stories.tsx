import type { Meta, StoryObj } from '@storybook/react-vite';
import { useMemo } from 'react';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { TicketChatError } from '../src/client/errors.ts';
import type { Attachment, AttachmentLimits } from '../src/client/types.ts';
import type { AttachmentUploader } from '../src/components/Composer/attachmentTypes.ts';
import { Composer } from '../src/components/Composer/Composer.tsx';
import { ImagePreviewContext, imagePreviews } from '../src/components/ImagePreview/ImageAttachment.tsx';
import { MessageThread } from '../src/components/MessageThread/MessageThread.tsx';
import { customer, NOW, support, TIME_ZONE } from './fixtures.ts';
import { inBox } from './inBox.tsx';

const LIMITS: AttachmentLimits = {
  maxCount: 5,
  maxSizeBytes: 10 * 1024 * 1024,
  fileTypes: ['jpg', 'jpeg', 'png', 'gif', 'pdf', 'txt', 'log', 'csv', 'zip'],
};

/** Story uploaders: each stays in its state (no timers), so a story shows one moment of an upload. */
type Behaviour = 'done' | 'progress' | 'fail';
function uploader(behaviour: Behaviour): AttachmentUploader {
  let n = 0;
  return {
    limits: () => Promise.resolve(LIMITS),
    upload: ({ file, fileName, onProgress }) => {
      if (behaviour === 'fail')
        return Promise.reject(new TicketChatError('http', 'Storage unavailable', { status: 500 }));
      if (behaviour === 'progress') {
        onProgress(Math.round(file.size * 0.42), file.size);
        return new Promise<Attachment>(() => {});
      }
      return Promise.resolve({ id: `story-${++n}`, name: fileName });
    },
  };
}

/** A small generated "screenshot" (a canvas PNG), so thumbnails show a real picture. */
function screenshot(name: string, hue: number): Promise<File> {
  const canvas = document.createElement('canvas');
  canvas.width = 320;
  canvas.height = 200;
  const g = canvas.getContext('2d') as CanvasRenderingContext2D;
  g.fillStyle = `hsl(${hue} 45% 92%)`;
  g.fillRect(0, 0, 320, 200);
  g.fillStyle = `hsl(${hue} 55% 45%)`;
  g.fillRect(0, 0, 320, 28);
  for (let i = 0; i < 5; i++) {
    g.fillStyle = `hsl(${hue} 20% ${60 + i * 6}%)`;
    g.fillRect(20, 48 + i * 28, 180 + ((i * 37) % 90), 14);
  }
  return new Promise((resolve) =>
    canvas.toBlob((blob) => resolve(new File([blob as Blob], name, { type: 'image/png' })), 'image/png'),
  );
}

const textFile = (name: string, size: number) => new File([new Uint8Array(size).fill(65)], name);
const fileInput = (canvasElement: HTMLElement) =>
  canvasElement.querySelector('input[type="file"]') as HTMLInputElement;

const meta = {
  title: 'Components/Composer/Attachments',
  component: Composer,
  parameters: {
    docs: {
      description: {
        component:
          'Attach files with the button, by pasting or by dropping them on the chat: each is checked against the service limits, uploaded with progress, removable, retryable on failure. The send waits for the uploads.',
      },
    },
  },
  args: { onSend: fn(), locale: 'en-US', uploader: uploader('done') },
  decorators: [inBox({ maxInlineSize: 640 })],
} satisfies Meta<typeof Composer>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Picked files (an image and a log), uploaded: thumbnail or type icon, name, size, remove. */
export const Picked: Story = {
  play: async ({ canvasElement }) => {
    await userEvent.upload(fileInput(canvasElement), [
      await screenshot('console-error-2026-03-01.png', 210),
      textFile('rds-slow-query.log', 48_213),
    ]);
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvasElement.querySelectorAll('[data-status="done"]')).toHaveLength(2));
    await expect(canvas.getByRole('button', { name: 'Remove rds-slow-query.log' })).toBeVisible();
  },
};

/** An upload in progress (42 %): a progress bar; Send waits for it. */
export const UploadingWithProgress: Story = {
  args: { uploader: uploader('progress') },
  play: async ({ canvasElement }) => {
    await userEvent.upload(fileInput(canvasElement), textFile('full-trace-2026-03-01.zip', 6_400_000));
    const bar = await within(canvasElement).findByRole('progressbar', {
      name: 'Uploading full-trace-2026-03-01.zip',
    });
    await expect(bar).toHaveAttribute('aria-valuenow', '42');
  },
};

/** A failed upload: the reason, a retry; the send is held and the text kept. */
export const FailedUpload: Story = {
  args: { uploader: uploader('fail') },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByRole('textbox'), 'The invoice is attached');
    await userEvent.upload(fileInput(canvasElement), textFile('invoice-INV-20260301.pdf', 120_000));
    await expect(await canvas.findByText('Upload failed: Storage unavailable')).toBeVisible();
    await expect(
      canvas.getByRole('button', { name: 'Retry uploading invoice-INV-20260301.pdf' }),
    ).toBeVisible();
  },
};

/** Over the limits: refused before any upload, each with the limit it broke. */
export const OverALimit: Story = {
  play: async ({ canvasElement }) => {
    await userEvent.upload(fileInput(canvasElement), [
      textFile('database-dump.zip', 12 * 1024 * 1024),
      textFile('installer.exe', 2048),
      textFile('empty.txt', 0),
    ]);
    const alert = await within(canvasElement).findByRole('alert');
    await expect(alert).toHaveTextContent('“database-dump.zip” is over the 10 MB limit per file.');
  },
};

/** Files dragged over the composer: the drop zone shows (and stays, the drag never ends here). */
export const DraggingOver: Story = {
  play: async ({ canvasElement }) => {
    const form = canvasElement.querySelector('form') as HTMLFormElement;
    const dataTransfer = new DataTransfer();
    dataTransfer.items.add(textFile('notes.txt', 10));
    form.dispatchEvent(new DragEvent('dragenter', { bubbles: true, cancelable: true, dataTransfer }));
    await expect(await within(canvasElement).findByText('Drop files to attach them')).toBeInTheDocument();
  },
};

/** Chinese: the button is named 添加附件. */
export const Chinese: Story = {
  args: { locale: 'zh-CN' },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('button', { name: '添加附件' })).toBeVisible();
  },
};

// --- Image attachments in the thread -------------------------------------------------------------------

const images: Attachment[] = [
  { id: 'shot-1', name: 'console-error-2026-03-01.png' },
  { id: 'shot-2', name: 'metrics-cpu-100-percent.png' },
];
const threadMessages = [
  {
    ...customer,
    key: 'm1',
    caseId: 'CS1',
    content: 'Two screenshots of the error and the CPU graph, and the log.',
    createdAt: new Date(NOW.getTime() - 20 * 60_000),
    createTime: '2025-03-15 13:40:00',
    isFirstMessage: false,
    attachments: [...images, { id: 'log-1', name: 'rds-slow-query.log' }],
  },
  {
    ...support,
    key: 'm2',
    caseId: 'CS1',
    content: 'Thanks, looking at them now.',
    createdAt: new Date(NOW.getTime() - 5 * 60_000),
    createTime: '2025-03-15 13:55:00',
    isFirstMessage: false,
    attachments: [],
  },
];

/** A thread whose images come from a story client: no signed URL, so the image Blob (as fetched with the token). */
function ThreadWithImages() {
  const previews = useMemo(() => {
    const hues: Record<string, number> = { 'shot-1': 210, 'shot-2': 20 };
    return imagePreviews(
      {
        attachmentUrl: () => Promise.reject(new TicketChatError('http', 'No signed URL', { status: 404 })),
        downloadAttachment: ({ attachmentId }) => screenshot(attachmentId, hues[attachmentId] ?? 120),
      },
      undefined,
      'en-US',
    );
  }, []);
  return (
    <div style={{ blockSize: 480, display: 'flex' }}>
      <ImagePreviewContext.Provider value={previews}>
        <MessageThread
          messages={threadMessages}
          locale="en-US"
          timeZone={TIME_ZONE}
          now={NOW}
          onAttachmentClick={() => {}}
        />
      </ImagePreviewContext.Provider>
    </div>
  );
}

/** Image attachments as thumbnails (alt text = file name); other files as chips. */
export const ImageThumbnails: Story = {
  render: () => <ThreadWithImages />,
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(canvasElement.querySelectorAll('button.tc-thumb img')).toHaveLength(2));
  },
};

/** The lightbox, open on the first image: Esc closes, ←/→ move, focus returns to the thumbnail. */
export const Lightbox: Story = {
  render: () => <ThreadWithImages />,
  play: async ({ canvasElement }) => {
    const thumb = await within(canvasElement).findByRole('button', {
      name: 'View image console-error-2026-03-01.png',
    });
    await userEvent.click(thumb);
    const dialog = await within(document.body).findByRole('dialog');
    await expect(dialog).toHaveTextContent('1 of 2');
  },
};
