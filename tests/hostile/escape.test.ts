/**
 * Escaping per context, fed the nastiest strings, judged by independent parsers: Chromium reads the HTML and
 * the CSS (what text did the element and the ::before content get, did any element appear that we did not
 * write), xmldom reads the XML (well-formed, same text back), WHATWG URL reads the hrefs.
 */
import { DOMParser } from '@xmldom/xmldom';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cssString, cssUrl, escapeAttribute, escapeText, safeUrl, stripXmlInvalid } from '../../src/render/shared/escape.js';
import { CHROMIUM_ARGS, chromiumPath } from '../../src/render/print/typeset-pdf.js';

export const NASTY = [
  '</style><iframe src=/etc/passwd>',
  '<script>document.title="PWNED"</script>',
  '"; } body { display: none } .x { content: "',
  "it's a \"quote\" and a `tick`",
  'back\\slash \\" \\\\',
  'new\nline\r\nand\ftab\t',
  'comment */ </style> /* open',
  'line\u2028separator\u2029paragraph',
  ']]> --> <!-- <![CDATA[',
  '&amp; &lt; &#x3C; &',
  'bidi \u202Eevil\u202C and \u200B zero-width',
  'emoji 📖 and é',
  'url(http://127.0.0.1:9/x.png) @import "http://127.0.0.1:9/x.css";',
];

let browser: Browser;
beforeAll(async () => {
  browser = await puppeteer.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS.filter((a) => a !== '--headless'), pipe: true });
});
afterAll(async () => {
  await browser?.close();
});

/** What Chromium makes of a document (no request leaves the page: every one is refused and counted). */
async function read(html: string): Promise<{ text: string[]; title: string[]; before: string[]; elements: string[]; requests: string[] }> {
  const page = await browser.newPage();
  const requests: string[] = [];
  await page.setRequestInterception(true);
  page.on('request', (r) => {
    if (r.url().startsWith('data:') || r.url() === 'about:blank') return void r.continue();
    requests.push(r.url());
    void r.abort();
  });
  await page.setContent(html, { waitUntil: 'load' });
  const result = await page.evaluate(() => ({
    text: [...document.querySelectorAll('p.t')].map((e) => e.textContent ?? ''),
    title: [...document.querySelectorAll('p.t')].map((e) => e.getAttribute('title') ?? ''),
    before: [...document.querySelectorAll('p.t')].map((e) => getComputedStyle(e, '::before').content),
    elements: [...document.querySelectorAll('*')].map((e) => e.tagName.toLowerCase()),
  }));
  await page.close();
  return { ...result, requests };
}

/** What a CSS parser's `content` value means: the string with its escapes read (Chromium serialises it back). */
function expectedCssContent(text: string): string {
  return JSON.stringify(stripXmlInvalid(text).replace(/[\t\n\r\f]/g, ' '));
}

describe('escaping in HTML and CSS, read by Chromium', () => {
  it('text, attribute and CSS string come back as the same text, and no element is added', async () => {
    const rules = NASTY.map((s, i) => `p.t:nth-of-type(${i + 1})::before { content: ${cssString(s)}; }`).join('\n');
    const body = NASTY.map((s) => `<p class="t" title="${escapeAttribute(s)}">${escapeText(s)}</p>`).join('\n');
    const html = `<!DOCTYPE html><html><head><style>\n${rules}\n</style></head><body>\n${body}\n</body></html>`;
    const r = await read(html);
    expect(r.elements).toEqual(['html', 'head', 'style', 'body', ...NASTY.map(() => 'p')]);
    expect(r.requests).toEqual([]);
    NASTY.forEach((s, i) => {
      // the HTML parser turns CR LF and CR into LF in text and attributes
      const html = stripXmlInvalid(s).replace(/\r\n?/g, '\n');
      expect(r.text[i]).toBe(html);
      expect(r.title[i]).toBe(html);
      // Chromium serialises a computed string with its own escapes: compare through JSON-like quoting
      expect(JSON.parse(r.before[i].replace(/\\([0-9a-f]{1,6}) ?/gi, (_, h) => `\\u${h.padStart(4, '0')}`))).toBe(JSON.parse(expectedCssContent(s)));
    });
  });

  it('a CSS url() keeps its address whole and in its place', async () => {
    const rules = NASTY.map((s, i) => `p.t:nth-of-type(${i + 1}) { --u: 1; background-image: ${cssUrl(`x/${s}`)}; }`).join('\n');
    const body = NASTY.map(() => '<p class="t">x</p>').join('\n');
    const page = await browser.newPage();
    await page.setRequestInterception(true);
    page.on('request', (r) => void (r.url().startsWith('data:') ? r.continue() : r.abort()));
    await page.setContent(`<!DOCTYPE html><html><head><base href="https://galley.invalid/"><style>\n${rules}\n</style></head><body>${body}</body></html>`);
    const images = await page.evaluate(() => [...document.querySelectorAll('p.t')].map((e) => getComputedStyle(e).backgroundImage));
    const elements = await page.evaluate(() => document.querySelectorAll('*').length);
    await page.close();
    expect(elements).toBe(5 + NASTY.length); // html, head, base, style, body
    NASTY.forEach((s, i) => {
      const m = /^url\("(.*)"\)$/s.exec(images[i]);
      expect(m, images[i]).not.toBeNull();
      // the address resolved against the base, as the URL parser resolves the raw text
      expect(decodeURIComponent(JSON.parse(`"${m![1]}"`))).toBe(decodeURIComponent(new URL(`x/${stripXmlInvalid(s).replace(/[\t\n\r\f]/g, ' ')}`, 'https://galley.invalid/').href));
    });
  });
});

describe('escaping in XML (XHTML, SVG, OPF)', () => {
  it('is well-formed and gives the text back; XML-invalid characters become U+FFFD', () => {
    for (const s of [...NASTY, 'nul \u0000 bell \u0007 esc \u001B[31m', 'lone \uD800 surrogate']) {
      const errors: string[] = [];
      const doc = new DOMParser({ onError: (level, msg) => void (level !== 'warning' && errors.push(`${level}: ${msg}`)) }).parseFromString(
        `<svg xmlns="http://www.w3.org/2000/svg"><text a="${escapeAttribute(s)}">${escapeText(s)}</text></svg>`,
        'image/svg+xml',
      );
      expect(errors).toEqual([]);
      const text = doc.getElementsByTagName('text')[0];
      const clean = stripXmlInvalid(s);
      expect(text.textContent).toBe(clean.replace(/\r\n?/g, '\n'));
      // attribute values are normalised by XML: line ends and tabs become spaces
      expect(text.getAttribute('a')).toBe(clean.replace(/\r\n/g, ' ').replace(/[\r\n\t]/g, ' '));
      expect(clean).not.toMatch(/[\u0000-\u0008\u000B\u000E-\u001F]/);
    }
  });
});

describe('URLs in links', () => {
  it('refuses schemes that run code or read files, keeps http(s), mailto and relative links', () => {
    for (const bad of ['javascript:alert(1)', ' JaVaScRiPt:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<script>x</script>', 'file:///etc/passwd', 'vbscript:x', '//evil.example/x']) {
      expect(safeUrl(bad)).toBe('#');
    }
    expect(safeUrl('https://www.marxists.org/a b"c<d>')).toBe('https://www.marxists.org/a%20b%22c%3Cd%3E');
    expect(new URL(safeUrl('https://example.org/é?q=1#x')).href).toBe('https://example.org/%C3%A9?q=1#x');
    expect(safeUrl('#chapter-1')).toBe('#chapter-1');
    expect(safeUrl('mailto:a@b.c')).toBe('mailto:a@b.c');
    expect(safeUrl('50%off')).toBe('50%25off');
  });
});
