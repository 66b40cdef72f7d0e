/** The HTML a tab opens: Paged.js and a base address added, the body undisplayed until the layout starts. */
import { describe, expect, it } from 'vitest';
import { prepareHtml } from '../../src/render/print/typeset-pdf.js';

describe('prepareHtml', () => {
  const body = (html: string) => /<body[^>]*>/.exec(prepareHtml(html, '/books/a'))?.[0];

  it('adds the base address and Paged.js, waiting to be started', () => {
    const out = prepareHtml('<html><head><title>t</title></head><body><p>x</p></body></html>', '/books/a');
    expect(out).toContain('<base href="file:///books/a/">');
    expect(out).toContain('PagedConfig = { auto: false }');
    expect(out).toMatch(/<script src="file:[^"]+browser\.js"><\/script>/);
    expect(out).toContain('<p>x</p>');
  });

  it('hides the body, keeping its attributes and its own style', () => {
    expect(body('<html><head></head><body><p>x</p></body></html>')).toBe('<body style="display: none">');
    expect(body('<html><head></head><body class="b"></body></html>')).toBe('<body class="b" style="display: none">');
    expect(body('<html><head></head><body style="color: red"></body></html>')).toBe('<body style="display: none; color: red">');
  });
});
