// usage: npx tsx dbg-cues.mts FILE [substring of source] [value]
import { readFileSync } from 'node:fs';
import { readBytes } from './src/read/index.ts';
import { processDocument } from './src/pipeline.ts';
const [file, part, value] = process.argv.slice(2);
for (const raw of readBytes(readFileSync(file), { location: file } as never)) {
  const doc = processDocument(raw);
  if (part && !String(doc.source).includes(part)) continue;
  for (const q of (doc as any).quantities) {
    if (value && q.value !== Number(value)) continue;
    const c = q.cues?.region;
    console.log(q.value, q.unit, 'region', q.region, c ? `${c.level}:${c.text}@${c.span}` : '-', 'period', JSON.stringify(q.period), q.cues?.period ? `${q.cues.period.level}:${q.cues.period.text}` : '-');
  }
}
