/**
 * A plain book page made with pdf-lib, for parity fixtures: a running head with its folio at the top (small),
 * the text (11 pt, note calls small and raised where a line holds `^n`), the notes at the foot (8.5 pt), a
 * folio alone at the foot of an opening page. Lines are given as they should print, so a fixture can print a
 * page twice, lose a line or swap two notes exactly as a broken layout would.
 */
import { PDFDocument, StandardFonts } from 'pdf-lib';

export interface PlainPage {
  /** the running head, e.g. ["2", "Two Small Works"]: folio and title set apart on one row */
  head?: [string, string];
  /** a heading at the top of the page (18 pt) */
  heading?: string;
  lines: string[];
  notes?: string[];
  /** a folio alone at the foot (chapter openings) */
  footFolio?: string;
}

const WIDTH = 396;
const HEIGHT = 612;
const LEFT = 43;

export async function makePlainPdf(pages: PlainPage[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.TimesRoman);
  for (const p of pages) {
    const page = doc.addPage([WIDTH, HEIGHT]);
    if (p.head) {
      page.drawText(p.head[0], { x: LEFT, y: HEIGHT - 34, size: 8.5, font });
      page.drawText(p.head[1], { x: 170, y: HEIGHT - 34, size: 8.5, font });
    }
    let y = HEIGHT - 80;
    if (p.heading) {
      page.drawText(p.heading, { x: LEFT + 60, y, size: 18, font });
      y -= 40;
    }
    for (const line of p.lines) {
      let x = LEFT;
      for (const [i, part] of line.split(/\^(\d+)/).entries()) {
        if (part === '') continue;
        const call = i % 2 === 1;
        const size = call ? 7.5 : 11;
        page.drawText(part, { x, y: call ? y + 4.5 : y, size, font });
        x += font.widthOfTextAtSize(part, size) + (call ? 0.5 : 0);
      }
      y -= 14;
    }
    let ny = 60 + 11 * ((p.notes?.length ?? 0) - 1);
    for (const note of p.notes ?? []) {
      page.drawText(note, { x: LEFT, y: ny, size: 8.5, font });
      ny -= 11;
    }
    if (p.footFolio) page.drawText(p.footFolio, { x: WIDTH / 2, y: 24, size: 8.5, font });
  }
  // fixed dates: the fixture bytes do not change from run to run
  doc.setCreationDate(new Date(0));
  doc.setModificationDate(new Date(0));
  return doc.save();
}
