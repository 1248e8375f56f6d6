/** The formats the store's tables export to: a light module, so the CLI can name them before it loads a writer. */
export type ExportFormat = 'csv' | 'xlsx' | 'json' | 'jsonl';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'xlsx', 'json', 'jsonl'];
