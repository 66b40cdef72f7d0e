/**
 * The Handlebars environment: an isolated instance with galley's helpers and the partials in
 * templates/partials/. Templates are data files; a project's own templates/ (or its theme's) replace galley's
 * file by file (paths/look.ts). Compiled templates are cached by the file read and its size and time.
 */
import Handlebars from 'handlebars';
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { TEMPLATES_DIR } from '../../package-root.js';
import { lookFile, type Look } from '../../paths/look.js';
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

/** The partials' names: galley's, and those a project or theme adds. */
function partialNames(look?: Look): string[] {
  const names = new Set<string>();
  for (const dir of [...(look?.dirs ?? []).map((d) => join(d, 'templates')), TEMPLATES_DIR]) {
    const partials = join(dir, 'partials');
    if (!existsSync(partials)) continue;
    for (const file of readdirSync(partials)) if (file.endsWith('.hbs')) names.add(basename(file, '.hbs'));
  }
  return [...names].sort();
}

/** A file's identity for the caches: its path, size and modification time (an edited template is read again). */
function stamp(path: string): string {
  const s = statSync(path);
  return `${path}:${s.size}:${s.mtimeMs}`;
}

export function createHandlebarsEnv(look?: Look): HandlebarsEnv {
  const hb = Handlebars.create();
  registerHelpers(hb);
  for (const name of partialNames(look)) hb.registerPartial(name, readFileSync(lookFile(look, `templates/partials/${name}.hbs`), 'utf8'));
  return hb;
}

const envs = new Map<string, HandlebarsEnv>();
const cache = new Map<string, Template>();

/** The environment with these partials (one per set of partial files, as they are now), and its key. */
function envFor(look?: Look): { env: HandlebarsEnv; key: string } {
  const key = partialNames(look).map((name) => stamp(lookFile(look, `templates/partials/${name}.hbs`))).join('\0');
  let env = envs.get(key);
  if (!env) {
    env = createHandlebarsEnv(look);
    envs.set(key, env);
  }
  return { env, key };
}

/**
 * A compiled template from templates/<name> (e.g. `epub/chapter.xhtml.hbs`): the project's own file of that
 * name if it has one, else its theme's, else galley's.
 */
export function getTemplate(name: string, look?: Look): Template {
  const path = lookFile(look, `templates/${name}`);
  const { env, key: partials } = envFor(look);
  const key = `${stamp(path)}\0${partials}`;
  let template = cache.get(key);
  if (!template) {
    template = env.compile(readFileSync(path, 'utf8'), { strict: false, noEscape: false });
    cache.set(key, template);
  }
  return template;
}

/** Mark already-rendered HTML as safe for templates. */
export function safe(html: string): Handlebars.SafeString {
  return new Handlebars.SafeString(html);
}
