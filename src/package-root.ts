import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root (where templates/ and styles/ live), whether running from src/ or lib/. */
export const PACKAGE_ROOT = fileURLToPath(new URL('../', import.meta.url));
export const TEMPLATES_DIR = join(PACKAGE_ROOT, 'templates');
export const STYLES_DIR = join(PACKAGE_ROOT, 'styles');
/** galley's running code: lib/ when compiled, src/ under the tests */
export const CODE_DIR = fileURLToPath(new URL('./', import.meta.url));
