/**
 * The link and font-name check on PDFs made with pdf-lib: a link to a name the document does not hold, a
 * link left as an address of the reserved .invalid domain, and two different font programs under one name
 * are errors; a link to a name that exists is live.
 */
import { describe, expect, it } from 'vitest';
import { PDFDocument, PDFName } from 'pdf-lib';
import { checkNoteLinks, fontSubsetClashes, readPdfLinks } from '../../src/check/pdf-links.js';

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

  it('a note is linked when its call goes to it on the call\'s page and its number comes back; not otherwise', () => {
    const chapter = (notes: number[]) => ({ slug: 'w', file: '01-w.md', notes: notes.map((number) => ({ number })) }) as never;
    const links = [
      { page: 3, name: 'w-note-1', target: 3, live: true },
      { page: 3, name: 'w-ref-1', target: 3, live: true },
      // note 2: its call goes to another page (the note is not under its call)
      { page: 4, name: 'w-note-2', target: 5, live: true },
      { page: 5, name: 'w-ref-2', target: 4, live: true },
      // note 3: no way back
      { page: 6, name: 'w-note-3', target: 6, live: true },
      // note 4: dead
      { page: 7, name: 'w-note-4', live: false },
      { page: 7, name: 'w-ref-4', target: 7, live: true },
    ];
    const result = checkNoteLinks(links, { chapters: [chapter([1, 2, 3, 4, 5])] });
    expect(result.linked).toBe(1);
    expect(result.total).toBe(5);
    expect(result.unlinked.map((u) => u.number)).toEqual([2, 3, 4, 5]);
  });
});
