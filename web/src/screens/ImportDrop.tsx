import { useQueryClient } from '@tanstack/react-query';
import { type DragEvent, useId, useState } from 'react';
import { ok } from '../api/client';
import { ErrorState } from '../components/States';
import { useApp } from '../lib/app-context';
import { ImportProgress, type Started } from './sheets/ImportProgress';
import { SheetImportView } from './sheets/SheetImportView';
import { isSpreadsheet, SHEET_ACCEPT } from './sheets/sheet-file';
import { useSheetImport } from './sheets/use-sheet-import';

/**
 * Import a published tender by dropping its file: JSON (OCDS, Prozorro) to POST /tenders/import, a
 * buyer's XLSX or CSV requirement list to POST /tenders/requirements/import (with the column mapping
 * to confirm when the API is unsure); then the intake's progress and warnings per field.
 */
export function ImportDrop() {
  const { api } = useApp();
  const queryClient = useQueryClient();
  const inputId = useId();
  const sheet = useSheetImport();
  const [over, setOver] = useState(false);
  const [sending, setSending] = useState<string | null>(null);
  const [started, setStarted] = useState<Started | null>(null);
  const [error, setError] = useState<unknown>(null);

  const sendJson = async (file: File) => {
    setSending(file.name);
    try {
      const text = await file.text();
      const res = ok(
        await api.POST('/tenders/import', {
          params: { query: {} },
          body: {},
          bodySerializer: () => text,
          headers: { 'content-type': 'application/json' },
        }),
      );
      setStarted({
        importId: res.importId,
        tenderId: res.tenderId,
        fileName: file.name,
        skipped: res.skipped,
      });
      void queryClient.invalidateQueries({ queryKey: ['tenders'] });
    } catch (err) {
      setError(err);
    } finally {
      setSending(null);
    }
  };
  const send = (file: File) => {
    setError(null);
    setStarted(null);
    sheet.reset();
    if (isSpreadsheet(file)) sheet.start(file);
    else void sendJson(file);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const file = e.dataTransfer.files[0];
    if (file) send(file);
  };

  return (
    <div className="import">
      <label
        htmlFor={inputId}
        className={`drop ${over ? 'over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <strong>Import a tender</strong>: drop its published file here (OCDS release, record or package;
        Prozorro JSON) or the buyer's requirement list (XLSX or CSV), or choose one.
        <input
          id={inputId}
          type="file"
          accept={`.json,application/json,${SHEET_ACCEPT}`}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) send(file);
            e.target.value = '';
          }}
        />
      </label>
      {sending && (
        <p role="status">
          Uploading {sending}… <progress aria-label="upload" />
        </p>
      )}
      {error !== null && <ErrorState error={error} />}
      {started && <ImportProgress started={started} openLink />}
      <SheetImportView hook={sheet} openLink />
    </div>
  );
}
