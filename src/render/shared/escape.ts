/**
 * Escaping, one function per context a value from a book or a project can reach. Every value that is not
 * markup galley made itself goes through the function of the context it lands in:
 *
 *   text       `<p>{{x}}</p>`             escapeText       `a < b` → `a &lt; b`
 *   attribute  `<a title="{{x}}">`        escapeAttribute  `say "hi"` → `say &quot;hi&quot;`
 *   CSS string `content: {{cssString x}};`      cssString        `</style>` → `"\3C /style\3E "`
 *   CSS url    `src: {{cssUrl x}};`       cssUrl           `a")b` → `url("a\22 )b")`
 *   URL        `<a href="{{safeUrl x}}">`     safeUrl          `javascript:x` → `#`, spaces → %20
 *
 * Text and attribute escaping also drop what XML 1.0 cannot carry (C0 controls other than tab and line
 * ends, U+FFFE/U+FFFF, unpaired surrogates): one such character makes a whole XHTML file unreadable.
 * The CSS escapes leave no `<`, `>`, `&`, quote, backslash, `*` or line end in the output, so a CSS string
 * can sit inside an HTML `<style>` element and cannot end it, the string, or a comment (`/` alone can't).
 */

/** Characters XML 1.0 does not allow in a document (they are replaced by U+FFFD). */
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function stripXmlInvalid(text: string): string {
  return text.replace(XML_INVALID, '\uFFFD');
}

/** Text between tags (HTML, XHTML, SVG). The line and paragraph separators as references (no parser treats them as line ends then). */
export function escapeText(text: string): string {
  return stripXmlInvalid(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\u2028\u2029]/g, (c) => `&#x${c.charCodeAt(0).toString(16)};`);
}

/** A quoted attribute value (either quote). */
export function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Characters that may stand for themselves inside a CSS string in an HTML <style>. */
const CSS_SAFE = /[A-Za-z0-9 .,:;!?()[\]{}#%+=~@$^|_/-]/;

function cssEscapeChar(char: string): string {
  const code = char.codePointAt(0)!;
  // NUL is not allowed in CSS: the replacement character, as a CSS parser would read it
  return `\\${(code === 0 ? 0xfffd : code).toString(16).toUpperCase()} `;
}

/**
 * A CSS string literal: `Two "Small" Works` → `"Two \22 Small\22  Works"`. Tabs and line ends become
 * spaces (a running head is one line); every character that could end the string, the <style> element or
 * a comment is a hex escape. Characters above U+00A0 stand for themselves, except the line and paragraph
 * separators.
 */
export function cssString(text: string): string {
  let out = '"';
  for (const char of stripXmlInvalid(text).replace(/[\t\n\r\f]/g, ' ')) {
    const code = char.codePointAt(0)!;
    out += CSS_SAFE.test(char) || (code >= 0xa0 && code !== 0x2028 && code !== 0x2029) ? char : cssEscapeChar(char);
  }
  return `${out}"`;
}

/** `url("…")` for CSS: the address as a CSS string, so nothing in it can end the function. */
export function cssUrl(url: string): string {
  return `url(${cssString(url)})`;
}

/** Schemes a link in a book may use; anything else (javascript:, data:, file:…) becomes `#`. */
const LINK_SCHEMES = ['http:', 'https:', 'mailto:'];

/**
 * A URL for an href: only http(s) and mailto links, or a same-document `#fragment` or relative path; every
 * character outside RFC 3986's set is percent-encoded (existing escapes kept). Escape the result with
 * escapeAttribute (Handlebars does) before it goes into markup.
 */
export function safeUrl(url: string, schemes: readonly string[] = LINK_SCHEMES): string {
  const trimmed = url.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(trimmed.replace(/[\t\n\r]/g, ''))?.[1];
  if (scheme !== undefined && !schemes.includes(`${scheme.toLowerCase()}:`)) return '#';
  if (scheme === undefined && /^[\\/]{2}/.test(trimmed)) return '#';
  return trimmed.replace(/%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/gu, (c) => encodeURIComponent(c).replace(/'/g, '%27'));
}
