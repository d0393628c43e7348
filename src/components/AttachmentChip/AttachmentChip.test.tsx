import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AttachmentChip } from './AttachmentChip.tsx';
import { fileKindOf, splitForTruncation } from './fileKind.ts';

const report = { id: 'a1', name: 'quarterly-report-final-version.pdf' };

describe('AttachmentChip', () => {
  it('is a button named "Download <name>" that calls onClick with the attachment, by keyboard too', async () => {
    const user = userEvent.setup();
    const onClick = vi.fn();
    render(<AttachmentChip attachment={report} onClick={onClick} locale="en-US" />);
    const button = screen.getByRole('button', { name: `Download ${report.name}` });
    expect(button).toHaveAttribute('title', report.name);
    await user.click(button);
    button.focus();
    await user.keyboard('{Enter}');
    await user.keyboard(' ');
    expect(onClick).toHaveBeenCalledTimes(3);
    expect(onClick).toHaveBeenCalledWith(report);
  });

  it('uses the zh-CN label by default and shows busy state', () => {
    render(<AttachmentChip attachment={report} onClick={() => {}} busy />);
    const button = screen.getByRole('button', { name: `下载 ${report.name}` });
    expect(button).toHaveAttribute('aria-busy', 'true');
    // A spinner in the icon's place while it downloads.
    expect(button.querySelector('.tc-attachment-chip__spinner')).not.toBeNull();
    expect(button.querySelector('.tc-file-icon')).toBeNull();
  });

  it('without onClick renders non-interactive text carrying the full name', () => {
    const { container } = render(<AttachmentChip attachment={report} />);
    expect(screen.queryByRole('button')).toBeNull();
    expect(container.firstElementChild?.tagName).toBe('SPAN');
    expect(container.firstElementChild).toHaveAttribute('title', report.name);
    expect(container.querySelector('.tc-visually-hidden')).toHaveTextContent(report.name);
  });

  it('splits the visible name so the extension survives truncation', () => {
    render(<AttachmentChip attachment={report} onClick={() => {}} />);
    expect(document.querySelector('.tc-attachment-chip__tail')).toHaveTextContent('rsion.pdf');
    expect(splitForTruncation('a.pdf')).toEqual({ head: '', tail: 'a.pdf' });
    expect(splitForTruncation('README')).toEqual({ head: 'R', tail: 'EADME' });
    // A space at the cut stays with the head: no stray gap after the ellipsis, no lost space untruncated.
    expect(splitForTruncation('my file name.png')).toEqual({ head: 'my file ', tail: 'name.png' });
  });

  it.each([
    ['photo.JPG', 'image'],
    ['scan.pdf', 'pdf'],
    ['logs.tar.gz', 'archive'],
    ['notes.docx', 'document'],
    ['data.csv', 'sheet'],
    ['binary.exe', 'generic'],
    ['.env', 'generic'],
    ['noext', 'generic'],
  ])('%s has a %s icon', (name, kind) => {
    expect(fileKindOf(name)).toBe(kind);
    const { container } = render(<AttachmentChip attachment={{ id: name, name }} />);
    const icon = container.querySelector('svg');
    expect(icon).toHaveAttribute('data-kind', kind);
    expect(icon).toHaveAttribute('aria-hidden', 'true');
  });
});

describe('file names that try to mislead', () => {
  it('accepts only short alphanumeric extensions and keeps .tar.gz whole in the tail', () => {
    expect(fileKindOf('see https://example.com/p/end and xxx')).toBe('generic');
    expect(splitForTruncation(`a.${'x'.repeat(300)}`).tail.length).toBeLessThanOrEqual(5);
    expect(splitForTruncation('server-logs-2024.tar.gz').tail).toBe('-2024.tar.gz');
    expect(fileKindOf('server-logs.tar.bz2')).toBe('archive');
  });

  it('shows, titles and announces a name with its bidi controls neutralised', () => {
    render(<AttachmentChip attachment={{ id: 'a', name: 'invoice\u202Efdp.exe' }} onClick={() => {}} />);
    const button = screen.getByRole('button');
    for (const text of [button.textContent, button.title, button.getAttribute('aria-label')])
      expect(text).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    expect(button.title).toBe('invoice\uFFFDfdp.exe');
    expect(button).toHaveAttribute('data-kind', 'generic');
  });
});
