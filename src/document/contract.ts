import type { Document } from './document.ts';

/** One line of `twincity extract`, as ../shared/eval/FORMAT.md defines it. */
export function toContractRecord(doc: Document): Record<string, unknown> {
  return {
    source: doc.source,
    title: doc.meta.title,
    published: doc.meta.published,
    text: doc.text,
    quantities: doc.quantities.map((q) => ({
      span: q.span,
      value: q.value,
      unit: q.unit,
      approx: q.approx,
      measure: q.measure,
      subject: q.subject,
      period: q.period,
      region: q.region,
      status: q.status,
      indicator: q.indicator ?? null,
    })),
    events: doc.events.map((e) => ({ span: e.span, date: e.date, summary: e.summary })),
    items: doc.items.map((i) => ({ span: i.span, name: i.name, total: i.total, done: i.done })),
  };
}
