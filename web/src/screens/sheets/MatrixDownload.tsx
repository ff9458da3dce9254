import { useState } from 'react';
import { ok } from '../../api/client';
import { ErrorState } from '../../components/States';
import { useApp } from '../../lib/app-context';
import { fileNameOf } from './mapping';

type Format = 'xlsx' | 'csv';

function save(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // the browser reads the object URL after this task; free it once the download has surely started
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Download the compliance matrix (XLSX or CSV). The route needs the Bearer token, so the file is
 * fetched through the API client and saved from a blob under the name the API gives it.
 */
export function MatrixDownload({ tenderId }: { tenderId: string }) {
  const { api } = useApp();
  const [busy, setBusy] = useState<Format | null>(null);
  const [error, setError] = useState<unknown>(null);
  const download = async (format: Format) => {
    setBusy(format);
    setError(null);
    try {
      const res = await api.GET('/tenders/{id}/compliance-matrix', {
        params: { path: { id: tenderId }, query: { format } },
        parseAs: 'blob',
      });
      const blob = ok(res);
      save(
        blob,
        fileNameOf(
          res.response.headers.get('content-disposition'),
          `compliance-matrix-${tenderId}.${format}`,
        ),
      );
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="sheet-tool">
      <span>Compliance matrix:</span>{' '}
      <button type="button" disabled={busy !== null} onClick={() => void download('xlsx')}>
        Download compliance matrix (XLSX)
      </button>{' '}
      <button type="button" disabled={busy !== null} onClick={() => void download('csv')}>
        Download compliance matrix (CSV)
      </button>
      {busy && (
        <span role="status" className="sub">
          {' '}
          Preparing the {busy.toUpperCase()}…
        </span>
      )}
      {error !== null && <ErrorState error={error} />}
    </div>
  );
}
