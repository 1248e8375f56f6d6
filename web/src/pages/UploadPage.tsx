/** Upload a report file: the server reads, extracts and stores it and answers with its record. */
import { useState, type DragEvent, type FormEvent } from 'react';
import { api, type UploadResult } from '../api.ts';
import { reportHref } from '../components/common.tsx';
import { formatDate } from '../format.ts';
import { useI18n } from '../i18n.tsx';
import { Link } from '../router.tsx';

export function UploadPage() {
  const { t, lang } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [state, setState] = useState<{ busy: boolean; result?: UploadResult; error?: string }>({ busy: false });
  const [dragging, setDragging] = useState(false);
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const dropped = event.dataTransfer.files[0];
    if (dropped) setFile(dropped);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setState({ busy: true });
    try {
      setState({ busy: false, result: await api.upload(file) });
    } catch (error) {
      setState({ busy: false, error: error instanceof Error ? error.message : String(error) });
    }
  };
  const statusText = { new: t('statusNew'), unchanged: t('statusUnchanged'), replaced: t('statusReplaced') };

  return (
    <>
      <h1>{t('uploadTitle')}</h1>
      <form
        className={dragging ? 'upload dragging' : 'upload'}
        onSubmit={submit}
        onDragOver={(e) => (e.preventDefault(), setDragging(true))}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="upload-form"
      >
        <p className="muted">{t('uploadHint')}</p>
        <div className="upload-pick">
          {/* The browser's own file button speaks the browser's language: ours speaks the dashboard's. */}
          <label className="file-button">
            {t('uploadChoose')}
            <input
              type="file"
              name="file"
              className="visually-hidden"
              accept=".html,.htm,.md,.markdown,.txt,.text,.pdf,.xml,.rss,.atom,.gz"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          </label>
          <span className="upload-file">{file ? file.name : t('noFile')}</span>
        </div>
        <button type="submit" disabled={!file || state.busy}>
          {state.busy ? t('uploading') : t('uploadButton')}
        </button>
      </form>
      {state.error && (
        <p className="error" role="alert">
          {state.error}
        </p>
      )}
      {state.result && (
        <ul className="upload-result" data-testid="upload-result">
          {state.result.reports.map(({ status, report }) => (
            <li key={report.id}>
              <span className={`badge badge-${status}`}>{statusText[status]}</span>
              <Link to={reportHref(report.id)}>{report.title ?? report.source}</Link>
              <span className="muted small">
                {' '}
                {formatDate(report.published, lang)} · {report.quantityCount} {t('quantities')} · {report.eventCount} {t('events')} · {report.itemCount}{' '}
                {t('items')}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
