/** The typesetter's module, loaded by the first output that needs the browser (a no-op build never loads it). */
let typesetter: Promise<typeof import('../render/print/typeset-pdf.js')> | undefined;

export function loadTypesetter(): Promise<typeof import('../render/print/typeset-pdf.js')> {
  typesetter ??= import('../render/print/typeset-pdf.js');
  return typesetter;
}

/** Close the browser if an output started it. */
export async function closeTypesetterIfLoaded(): Promise<void> {
  const print = await typesetter?.catch(() => undefined);
  await print?.closeTypesetter();
}
