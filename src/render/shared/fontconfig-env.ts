/**
 * The fontconfig file galley points sharp at (make-cover.ts) lives in process.env, where sharp's libvips reads
 * it; a browser started later must not inherit it. With the book's fonts also visible to Chromium through
 * fontconfig, Chromium's PDF text layer cut words after some letters ("Rus­s ia", "re­s ults" — 52 extra
 * words in A Letter to Huysmans), whenever a cover had been made first in the same process (a cold build).
 */
let ours: string | undefined;

/** Set FONTCONFIG_FILE for this process (sharp), remembering that galley set it. */
export function setOwnFontconfig(file: string): void {
  process.env.FONTCONFIG_FILE = file;
  ours = file;
}

/** The environment for a child that renders text by itself (Chromium): galley's own fontconfig file left out. */
export function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  if (ours !== undefined && env.FONTCONFIG_FILE === ours) delete env.FONTCONFIG_FILE;
  return env;
}
