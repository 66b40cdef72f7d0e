/**
 * The link and font-name check on PDFs made with pdf-lib: a link to a name the document does not hold, a
 * link left as an address of the reserved .invalid domain, and two different font programs under one name
 * are errors; a link to a name that exists is live.
 */
import { describe, expect, it } from 'vitest';
import { PDFDocument, PDFName } from 'pdf-lib';
import { fontSubsetClashes, readPdfLinks } from '../../src/check/pdf-links.js';

async function docWithLinks(): Promise<PDFDocument> {
  const doc = await PDFDocument.create();
  const [a, b] = [doc.addPage([300, 400]), doc.addPage([300, 400])];
  const link = (dict: Record<string, unknown>) => doc.context.register(doc.context.obj({ Type: 'Annot', Subtype: 'Link', Rect: [0, 0, 10, 10], ...dict } as never));
  doc.catalog.set(PDFName.of('Dests'), doc.context.obj({ here: [b.ref, PDFName.of('XYZ'), null, 300, null] } as never));
  a.node.set(
    PDFName.of('Annots'),
    doc.context.obj([
      link({ Dest: PDFName.of('here') }),
      link({ Dest: PDFName.of('nowhere') }),
      link({ A: doc.context.obj({ S: PDFName.of('URI'), URI: doc.context.obj('https://galley.invalid/elsewhere#x') } as never) }),
      link({ A: doc.context.obj({ S: PDFName.of('URI'), URI: doc.context.obj('https://example.org/') } as never) }),
    ] as never),
  );
  return PDFDocument.load(await doc.save());
}

function addFont(doc: PDFDocument, name: string, bytes: number[]): void {
  const file = doc.context.register(doc.context.flateStream(new Uint8Array(bytes)));
  doc.context.register(doc.context.obj({ Type: 'FontDescriptor', FontName: PDFName.of(name), FontFile2: file } as never));
}

describe('checkPdfLinks pieces', () => {
  it('a link to an existing name is live; to a missing name or a .invalid address, dead', async () => {
    const links = readPdfLinks(await docWithLinks());
    expect(links.map((l) => [l.name ?? l.uri, l.live, l.target])).toEqual([
      ['here', true, 2],
      ['nowhere', false, undefined],
      ['https://galley.invalid/elsewhere#x', false, undefined],
      ['https://example.org/', true, undefined],
    ]);
  });

  it('two different subsets under one name clash; the same subset twice does not', async () => {
    const doc = await PDFDocument.create();
    addFont(doc, 'AAAAAA+Serif', [1, 2, 3]);
    addFont(doc, 'AAAAAA+Serif', [1, 2, 4]);
    addFont(doc, 'BAAAAA+Serif-Italic', [5]);
    addFont(doc, 'BAAAAA+Serif-Italic', [5]);
    expect(fontSubsetClashes(doc)).toEqual([{ name: 'AAAAAA+Serif', subsets: 2 }]);
  });
});
