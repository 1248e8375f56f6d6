/**
 * PDF with a text layer, through unpdf (a maintained build of Mozilla's pdf.js). Pages are joined
 * with a blank line; the text then goes through the same reflow as OCR'd text. A PDF without a text
 * layer (a scan) is reported, not guessed at.
 */
import { extractText, getDocumentProxy } from 'unpdf';

export interface PdfText {
  text: string;
  pages: number;
  title: string | null;
}

export async function readPdfText(bytes: Uint8Array): Promise<PdfText> {
  // pdf.js takes ownership of the buffer it is given, so hand it a copy.
  // verbosity 0: pdf.js would print its own warnings ("Indexing all PDF objects") on the console.
  const pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
  try {
    const { text, totalPages } = await extractText(pdf, { mergePages: false });
    const info = (await pdf.getMetadata().catch(() => null))?.info as { Title?: unknown } | undefined;
    const title = typeof info?.Title === 'string' && info.Title.trim() ? info.Title.trim() : null;
    return { text: text.join('\n\n'), pages: totalPages, title };
  } finally {
    await pdf.destroy();
  }
}
