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
