// PLACEHOLDER until the read stage lands: reads files as UTF-8 text.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { createDocument, ReportError, type Document } from '../document/index.ts';

export type ReadResult = { ok: true; doc: Document } | { ok: false; error: ReportError };

export async function* readInputs(inputs: string[]): AsyncGenerator<ReadResult> {
  for (const input of inputs) {
    const bytes = readFileSync(input);
    const raw = bytes.toString('utf8');
    yield {
      ok: true,
      doc: createDocument({
        source: basename(input),
        location: resolve(input),
        format: 'text',
        contentHash: createHash('sha256').update(bytes).digest('hex'),
        charset: 'utf-8',
        raw,
      }),
    };
  }
}
