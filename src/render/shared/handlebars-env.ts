/**
 * The Handlebars environment: an isolated instance with galley's helpers and the partials in
 * templates/partials/. Templates are data files; compiled templates are cached by path.
 */
import Handlebars from 'handlebars';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { TEMPLATES_DIR } from '../../package-root.js';
import { cssString, cssUrl, safeUrl } from './escape.js';

export { PACKAGE_ROOT, TEMPLATES_DIR, STYLES_DIR } from '../../package-root.js';

export type HandlebarsEnv = typeof Handlebars;
export type Template = Handlebars.TemplateDelegate;

function registerHelpers(hb: HandlebarsEnv): void {
  /** {{#if (eq a b)}} */
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  /** {{join list ", "}} */
  hb.registerHelper('join', (list: unknown, sep: unknown) => (Array.isArray(list) ? list.join(typeof sep === 'string' ? sep : ', ') : ''));
  /** 1-based index in an #each: {{inc @index}} */
  hb.registerHelper('inc', (n: unknown) => Number(n) + 1);
  // escaping for the contexts Handlebars does not know (escape.ts): {{cssString x}} a CSS string, {{cssUrl x}}
  // url("…") in CSS, {{safeUrl x}} an href (unsafe schemes become #; Handlebars then escapes it as an attribute)
  hb.registerHelper('cssString', (text: unknown) => new hb.SafeString(cssString(String(text ?? ''))));
  hb.registerHelper('cssUrl', (text: unknown) => new hb.SafeString(cssUrl(String(text ?? ''))));
  hb.registerHelper('safeUrl', (text: unknown) => safeUrl(String(text ?? '')));
}

export function createHandlebarsEnv(): HandlebarsEnv {
  const hb = Handlebars.create();
  registerHelpers(hb);
  const partials = join(TEMPLATES_DIR, 'partials');
  if (existsSync(partials)) {
    for (const file of readdirSync(partials)) {
      if (file.endsWith('.hbs')) hb.registerPartial(basename(file, '.hbs'), readFileSync(join(partials, file), 'utf8'));
    }
  }
  return hb;
}

let env: HandlebarsEnv | undefined;
const cache = new Map<string, Template>();

/** A compiled template from templates/<name> (e.g. `epub/chapter.xhtml.hbs`). */
export function getTemplate(name: string): Template {
  let template = cache.get(name);
  if (!template) {
    env ??= createHandlebarsEnv();
    template = env.compile(readFileSync(join(TEMPLATES_DIR, name), 'utf8'), { strict: false, noEscape: false });
    cache.set(name, template);
  }
  return template;
}

/** Mark already-rendered HTML as safe for templates. */
export function safe(html: string): Handlebars.SafeString {
  return new Handlebars.SafeString(html);
}
