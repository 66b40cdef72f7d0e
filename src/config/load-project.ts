/** galley.yaml → ProjectConfig, validated; paths resolved against the project root. */
import { readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { GalleyError } from '../diagnostics.js';
import { resolveProjectPath } from '../paths/resolve-path.js';
import { projectSchema } from './project-schema.js';
import { validateYaml } from './validate-yaml.js';
import type { RawPress } from '../press/presets.js';

export interface FontFace {
  weight: number;
  style: 'normal' | 'italic';
  /** absolute path */
  file: string;
}

export interface ProjectConfig {
  root: string;
  imprint: { name: string; place?: string; url?: string };
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
}

interface RawProject {
  imprint: ProjectConfig['imprint'];
  print: { width: string; height: string; margin?: Partial<ProjectConfig['print']['margin']>; 'font-size'?: string; 'line-height'?: number };
  fonts: { body: { family: string; license?: string; faces: { weight?: number; style?: 'normal' | 'italic'; file: string }[] } };
  press?: RawPress;
}

export const PROJECT_FILE = 'galley.yaml';

export function parseProjectConfig(text: string, root: string, displayPath = PROJECT_FILE): ProjectConfig {
  const raw = validateYaml<RawProject>(text, projectSchema, displayPath);
  const faces = raw.fonts.body.faces.map((f) => ({ weight: f.weight ?? 400, style: f.style ?? 'normal', file: resolve(root, f.file) }));
  return {
    root,
    imprint: raw.imprint,
    print: {
      width: raw.print.width,
      height: raw.print.height,
      margin: { top: '0.75in', bottom: '0.8in', inside: '0.8in', outside: '0.6in', ...raw.print.margin },
      fontSize: raw.print['font-size'] ?? '10.5pt',
      lineHeight: raw.print['line-height'] ?? 1.35,
    },
    fonts: { body: { family: raw.fonts.body.family, license: raw.fonts.body.license, faces } },
    ...(raw.press ? { press: raw.press } : {}),
  };
}

export function loadProjectConfig(root: string): ProjectConfig {
  const path = join(root, PROJECT_FILE);
  if (!existsSync(path)) throw new GalleyError('project-missing', `No ${PROJECT_FILE} found in ${root}`, { file: PROJECT_FILE });
  const config = parseProjectConfig(readFileSync(path, 'utf8'), root);
  config.fonts.body.faces.forEach((face, i) => {
    if (!existsSync(face.file)) {
      throw new GalleyError('font-missing', `Font file not found: ${face.file} (run npm install)`, { file: PROJECT_FILE });
    }
    // inside the project or an installed npm package, symlinks followed
    face.file = resolveProjectPath({ root, value: face.file, kind: 'font', key: `fonts.body.faces[${i}].file`, file: PROJECT_FILE });
  });
  return config;
}
