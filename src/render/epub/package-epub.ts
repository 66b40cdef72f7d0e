/**
 * Packaging through epub-gen-memory: its zip (mimetype first and stored, META-INF/container.xml), driven by our own files instead of its templates. Its defaults (random identifier,
 * "All rights reserved", flat TOC, today's date) never reach the book: we write every XHTML, the OPF, nav and
 * NCX ourselves. Every zip entry gets the same fixed date so the same content gives the same bytes.
 */
import { EPub } from 'epub-gen-memory';

export interface EpubFile {
  /** path inside OEBPS/ */
  path: string;
  data: string | Uint8Array;
}

export interface PackageInput {
  title: string;
  lang: string;
  files: EpubFile[];
  /** fixed timestamp for every zip entry */
  date: Date;
}

class GalleyEpub extends EPub {
  constructor(private readonly input: PackageInput) {
    super(
      {
        title: input.title,
        lang: input.lang,
        verbose: false,
        ignoreFailedDownloads: false,
        retryTimes: 1,
      },
      [],
    );
  }

  /** Our files replace the library's templates. */
  protected override async generateTemplateFiles(): Promise<void> {
    const oebps = this.zip.folder('OEBPS')!;
    for (const file of this.input.files) oebps.file(file.path, file.data);
    this.zip
      .folder('META-INF')!
      .file(
        'container.xml',
        '<?xml version="1.0" encoding="UTF-8"?>\n<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>\n',
      );
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override generateAsync(options: any): any {
    this.zip.forEach((path, entry) => {
      entry.date = this.input.date;
      // images are compressed already: store them
      if (/\.(jpe?g|png)$/i.test(path)) (entry as unknown as { options: { compression: string } }).options.compression = 'STORE';
    });
    return super.generateAsync({ ...options, compressionOptions: { level: 6 } });
  }
}

export async function packageEpub(input: PackageInput): Promise<Buffer> {
  const epub = new GalleyEpub(input);
  return (await epub.genEpub()) as Buffer;
}
