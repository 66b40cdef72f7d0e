/**
 * The print HTML of each chapter (render-chapter-html.ts: its markup, the notes set inline, the soft hyphens),
 * kept on disk between builds by content hash: a correction renders and hyphenates again the one chapter it
 * touched, the others are read back. The key is the chapter's tokens and notes as parsed, its slug, the
 * language, and the code that renders them (this folder's and render/shared's modules, markdown-it's and
 * the hyphenation patterns' versions), so an entry read back is the HTML the chapter would render to.
 * One folder per book; after a build it holds that build's chapters only.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Chapter } from '../../model/types.js';
import { writeFileAtomic } from '../../build/write-atomic.js';

const require = createRequire(import.meta.url);

export interface ChapterCacheOptions {
  /** the folder of this book's chapters (created when needed) */
  dir: string;
  /** false: take nothing from the folder (a forced build), only write this build's chapters into it */
  read?: boolean;
}

let codeIdOf: string | undefined;
/** What a chapter's HTML depends on besides the chapter: the rendering code and the packages it calls. Once per process. */
function codeId(): string {
  if (codeIdOf) return codeIdOf;
  const h = createHash('sha256');
  const here = dirname(fileURLToPath(import.meta.url));
  for (const dir of [here, join(here, '..', 'shared')]) {
    for (const file of readdirSync(dir).filter((f) => /\.(js|ts)$/.test(f)).sort()) {
      h.update(file);
      h.update(readFileSync(join(dir, file)));
    }
  }
  for (const pkg of ['markdown-it', 'markdown-it-footnote', 'markdown-it-container', 'markdown-it-deflist', 'hyphen']) {
    try {
      h.update(`${pkg}@${(require(`${pkg}/package.json`) as { version: string }).version}`);
    } catch {
      h.update(`${pkg}@?`);
    }
  }
  codeIdOf = h.digest('hex');
  return codeIdOf;
}

/** The key of a chapter's print HTML in `language`. */
export function chapterKey(chapter: Chapter, language: string): string {
  return createHash('sha256')
    .update(codeId())
    .update('\0')
    .update(language)
    .update('\0')
    .update(chapter.slug)
    .update('\0')
    .update(JSON.stringify(chapter.tokens))
    .update('\0')
    .update(JSON.stringify(chapter.notes))
    .digest('hex');
}

export class ChapterCache {
  private readonly used = new Set<string>();
  constructor(private readonly options: ChapterCacheOptions) {}

  /** The chapter's HTML: read back when this key was rendered before, else made by `render` and kept. */
  html(chapter: Chapter, language: string, render: () => string): string {
    const name = `${chapterKey(chapter, language)}.html`;
    this.used.add(name);
    const path = join(this.options.dir, name);
    if (this.options.read !== false) {
      try {
        const bytes = readFileSync(path, 'utf8');
        // written whole with a closing mark: an entry cut short is taken as absent
        if (bytes.endsWith(END)) return bytes.slice(0, -END.length);
      } catch {
        /* not rendered before */
      }
    }
    const html = render();
    try {
      mkdirSync(this.options.dir, { recursive: true });
      // read back only with its closing mark: no flush to wait for
      writeFileAtomic(path, html + END, { flush: false });
    } catch {
      /* a cache that cannot be written costs time next build, nothing else */
    }
    return html;
  }

  /** Remove what this build did not use (the chapters as they were before a correction). */
  prune(): void {
    if (!existsSync(this.options.dir)) return;
    for (const name of readdirSync(this.options.dir)) {
      if (!this.used.has(name) && name.endsWith('.html')) rmSync(join(this.options.dir, name), { force: true });
    }
  }
}

const END = '\n<!-- galley chapter end -->\n';
