/**
 * galley.yaml → ProjectConfig, validated; font faces resolved to files (by npm package, or a path in the
 * project). A book's book.yaml may override `print:` and `fonts:` for itself (projectForBook).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { GalleyError } from '../diagnostics.js';
import type { Look } from '../paths/look.js';
import { resolveProjectPath } from '../paths/resolve-path.js';
import { PROJECT_FILE } from './find-project.js';
import { bookSchema } from './book-schema.js';
import { projectSchema } from './project-schema.js';
import type { RawPress } from '../press/presets.js';
import { findPackage, listFontFiles, splitNodeModulesPath } from './resolve-font.js';
import { validateYamlWithPositions, type Locate } from './validate-yaml.js';

export { PROJECT_FILE } from './find-project.js';

export interface FontFace {
  weight: number;
  style: 'normal' | 'italic';
  /** absolute path */
  file: string;
}

export interface ProjectConfig {
  root: string;
  imprint: { name: string; place?: string; url?: string; rights?: string };
  print: {
    width: string;
    height: string;
    margin: { top: string; bottom: string; inside: string; outside: string };
    fontSize: string;
    lineHeight: number;
  };
  fonts: { body: { family: string; license?: string; faces: FontFace[] } };
  /** `press:` as written: the printer and overrides of its preset (press/presets.ts resolves it) */
  press?: RawPress;
  /** `cache: dir:`, the shared build cache (absolute) */
  cache?: { dir: string };
  /** `typeset: timeout:` in milliseconds (render/print/typeset-timeout.ts); unset: scaled with the book */
  typeset?: { timeoutMs: number };
  /** where the project's own templates/ and styles/ are, and its theme package's (paths/look.ts); unset: galley's alone */
  look?: Look;
  /** `theme:`, the npm package named, and its folder */
  theme?: { package: string; dir: string };
}

export interface RawPrint {
  width?: string;
  height?: string;
  margin?: Partial<ProjectConfig['print']['margin']>;
  'font-size'?: string;
  'line-height'?: number;
}

export interface RawFont {
  family: string;
  license?: string;
  package?: string;
  faces: { weight?: number; style?: 'normal' | 'italic'; package?: string; file: string }[];
}

interface RawProject {
  imprint: ProjectConfig['imprint'];
  print: RawPrint & { width: string; height: string };
  fonts: { body: RawFont };
  press?: RawPress;
  cache?: { dir: string };
  typeset?: { timeout?: number };
  theme?: string;
}

const DEFAULT_PRINT = { margin: { top: '0.75in', bottom: '0.8in', inside: '0.8in', outside: '0.6in' }, fontSize: '10.5pt', lineHeight: 1.35 };

/** Print settings over a base (galley.yaml's, or the defaults). */
export function mergePrint(base: ProjectConfig['print'] | undefined, raw: RawPrint): ProjectConfig['print'] {
  return {
    width: raw.width ?? base?.width ?? '5.5in',
    height: raw.height ?? base?.height ?? '8.5in',
    margin: { ...(base?.margin ?? DEFAULT_PRINT.margin), ...raw.margin },
    fontSize: raw['font-size'] ?? base?.fontSize ?? DEFAULT_PRINT.fontSize,
    lineHeight: raw['line-height'] ?? base?.lineHeight ?? DEFAULT_PRINT.lineHeight,
  };
}

/**
 * The faces of a font → files. `package` (the family's or the face's) names an npm package, found in the
 * project, then among galley's dependencies; `file` is inside it. The old form, `file:
 * node_modules/<package>/<file>`, is read the same way, so it works wherever the package is installed.
 */
export function resolveFontFaces(font: RawFont, root: string, displayPath: string, locate: Locate, pointer: string): FontFace[] {
  return font.faces.map((face, i) => {
    // the key's line is looked up only for an error (the positions of a file checked before cost a parse)
    const at = () => ({ file: displayPath, ...locate(`${pointer}/faces/${i}/file`) });
    const located = (resolvePath: () => string): string => {
      try {
        return resolvePath();
      } catch (error) {
        if (!(error instanceof GalleyError) || error.line !== undefined) throw error;
        throw new GalleyError(error.code, error.message, { ...at(), ...(error.cause === undefined ? {} : { cause: error.cause }) });
      }
    };
    const old = face.package || font.package ? undefined : splitNodeModulesPath(face.file);
    const pkg = face.package ?? font.package ?? old?.pkg;
    const weight = face.weight ?? 400;
    const style = face.style ?? 'normal';
    if (!pkg) {
      const file = resolve(root, face.file);
      if (!existsSync(file)) throw new GalleyError('font-missing', `Font file not found: ${face.file} (a path relative to the project; to use a font package, give its name as package:)`, at());
      // inside the project or an installed npm package, symlinks followed
      return { weight, style, file: located(() => resolveProjectPath({ root, value: face.file, kind: 'font', key: `fonts.body.faces[${i}].file`, file: displayPath })) };
    }
    const dir = findPackage(pkg, root);
    if (!dir) {
      throw new GalleyError('font-missing', `Font package ${pkg} is not installed: run npm install ${pkg} in ${root}`, { file: displayPath, ...locate(face.package ? `${pointer}/faces/${i}/package` : font.package ? `${pointer}/package` : `${pointer}/faces/${i}/file`) });
    }
    const inside = old?.file ?? face.file;
    const file = resolve(dir, inside);
    if (!existsSync(file)) {
      const some = listFontFiles(dir).slice(0, 6);
      throw new GalleyError('font-missing', `${pkg} has no file ${inside}${some.length > 0 ? `; it has ${some.join(', ')}${some.length === 6 ? '…' : ''}` : ''}`, at());
    }
    // a file of the package: `inside` may not climb out of it (symlinks followed)
    return { weight, style, file: located(() => resolveProjectPath({ root: dir, value: inside, kind: 'font', key: `fonts.body.faces[${i}].file`, file: displayPath })) };
  });
}

export function parseProjectConfig(text: string, root: string, displayPath = PROJECT_FILE): ProjectConfig {
  const { data: raw, locate } = validateYamlWithPositions<RawProject>(text, projectSchema, displayPath);
  return {
    root,
    imprint: raw.imprint,
    print: mergePrint(undefined, raw.print),
    fonts: { body: { family: raw.fonts.body.family, license: raw.fonts.body.license, faces: resolveFontFaces(raw.fonts.body, root, displayPath, locate, '/fonts/body') } },
    ...(raw.press ? { press: raw.press } : {}),
    ...(raw.cache ? { cache: { dir: resolve(root, raw.cache.dir) } } : {}),
    ...(raw.typeset?.timeout !== undefined ? { typeset: { timeoutMs: raw.typeset.timeout * 1000 } } : {}),
    ...lookOf(raw.theme, root, displayPath, locate),
  };
}

/** The project's own folders first, then the theme package's (found as font packages are: the project's, then galley's). */
function lookOf(theme: string | undefined, root: string, displayPath: string, locate: Locate): Pick<ProjectConfig, 'look' | 'theme'> {
  if (!theme) return { look: { root, dirs: [root] } };
  const dir = findPackage(theme, root);
  if (!dir) throw new GalleyError('theme-missing', `Theme package ${theme} is not installed: run npm install ${theme} in ${root}`, { file: displayPath, ...locate('/theme') });
  // the package itself must be inside the project or installed (symlinks followed)
  const real = dirname(resolveProjectPath({ root, value: join(dir, 'package.json'), kind: 'style', key: 'theme', file: displayPath, ...locate('/theme') }));
  return { look: { root, dirs: [root, real] }, theme: { package: theme, dir: real } };
}

export function loadProjectConfig(root: string): ProjectConfig {
  const path = join(root, PROJECT_FILE);
  if (!existsSync(path)) {
    throw new GalleyError('project-missing', `No ${PROJECT_FILE} in ${root}: run galley init to start a project here`, { file: relative(process.cwd(), path) || PROJECT_FILE });
  }
  return parseProjectConfig(readFileSync(path, 'utf8'), root);
}

/** The project as one book sees it: its book.yaml's `print:` and `fonts:` over galley.yaml's. */
export function projectForBook(project: ProjectConfig, bookYaml: string, displayPath: string): ProjectConfig {
  const { data, locate } = validateYamlWithPositions<{ print?: RawPrint; fonts?: { body?: RawFont } }>(bookYaml, bookSchema, displayPath);
  const body = data.fonts?.body;
  if (!data.print && !body) return project;
  return {
    ...project,
    print: data.print ? mergePrint(project.print, data.print) : project.print,
    fonts: body ? { body: { family: body.family, license: body.license, faces: resolveFontFaces(body, project.root, displayPath, locate, '/fonts/body') } } : project.fonts,
  };
}
