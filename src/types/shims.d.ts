declare module 'markdown-it-deflist' {
  import type { PluginSimple } from 'markdown-it';
  const plugin: PluginSimple;
  export default plugin;
}
declare module 'hyphen/patterns/en-us.js';
declare module 'markdown-it-footnote' {
  import type { PluginSimple } from 'markdown-it';
  const plugin: PluginSimple;
  export default plugin;
}
declare module 'markdown-it-container' {
  import type { PluginWithOptions } from 'markdown-it';
  const plugin: PluginWithOptions<unknown>;
  export default plugin;
}
declare module 'subset-font' {
  function subsetFont(font: Buffer, text: string, options?: { targetFormat?: 'truetype' | 'woff' | 'woff2' | 'sfnt' }): Promise<Buffer>;
  export default subsetFont;
}
declare module 'language-tags' {
  interface Subtag {
    format(): string;
    type(): string;
    deprecated(): string | null;
    preferred(): Subtag | null;
  }
  interface Tag {
    valid(): boolean;
    format(): string;
    errors(): { message: string; code: number }[];
    subtags(): Subtag[];
    deprecated(): string | null | undefined;
  }
  function tags(tag: string): Tag;
  export default tags;
}
