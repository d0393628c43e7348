import { linkify } from './linkify.ts';

const links = (text: string) =>
  linkify(text)
    .filter((p) => p.kind === 'link')
    .map((p) => p.text);

describe('linkify', () => {
  it('splits text and http(s) links, keeping every character', () => {
    const text = 'See https://example.com/a?b=1#c and http://x.org.';
    const parts = linkify(text);
    expect(parts).toEqual([
      { kind: 'text', text: 'See ' },
      { kind: 'link', text: 'https://example.com/a?b=1#c', href: 'https://example.com/a?b=1#c' },
      { kind: 'text', text: ' and ' },
      { kind: 'link', text: 'http://x.org', href: 'http://x.org' },
      { kind: 'text', text: '.' },
    ]);
    expect(parts.map((p) => p.text).join('')).toBe(text);
  });

  it('never links other schemes', () => {
    expect(links('javascript:alert(1)')).toEqual([]);
    expect(links('JaVaScRiPt:alert(document.cookie)//https')).toEqual([]);
    expect(links('data:text/html;base64,PHNjcmlwdD4=')).toEqual([]);
    expect(links('mailto:a@b.c ftp://x.org file:///etc/passwd www.example.com')).toEqual([]);
  });

  it('treats markup as text and stops URLs at angle brackets and quotes', () => {
    const parts = linkify('<script>alert(1)</script><a href="https://evil.example/x">y</a>');
    expect(parts.filter((p) => p.kind === 'link').map((p) => p.href)).toEqual(['https://evil.example/x']);
    expect(parts.map((p) => p.text).join('')).toContain('<script>');
  });

  it('drops trailing punctuation and unbalanced brackets', () => {
    expect(links('(see https://a.com/x)')).toEqual(['https://a.com/x']);
    expect(links('https://en.wikipedia.org/wiki/Foo_(bar), ok')).toEqual([
      'https://en.wikipedia.org/wiki/Foo_(bar)',
    ]);
    expect(links('Go to https://a.com!!! now?')).toEqual(['https://a.com']);
    expect(links('链接：https://a.com/路径，谢谢')).toEqual(['https://a.com/路径']);
  });

  it('does not link a scheme with no host', () => {
    expect(links('http:// and https://')).toEqual([]);
    expect(links('xhttps://a.com')).toEqual([]);
  });

  it('handles empty text and text without links', () => {
    expect(linkify('')).toEqual([]);
    expect(linkify('plain\ntext')).toEqual([{ kind: 'text', text: 'plain\ntext' }]);
  });
});

describe('linkify and bidi controls', () => {
  it.each(['\u202E', '\u202D', '\u2066', '\u2067', '\u2069', '\u200F', '\u200E'])(
    'ends a link at %j so it cannot reorder the visible URL',
    (control) => {
      const parts = linkify(`https://example.com/${control}gpj.exe`);
      expect(parts[0]).toEqual({ kind: 'link', text: 'https://example.com/', href: 'https://example.com/' });
    },
  );
});
