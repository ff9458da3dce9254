import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { type Evidence, ok } from '../api/client';
import { ErrorState } from '../components/States';
import { useApp } from '../lib/app-context';
import { uploadWithProgress } from '../lib/upload';

const TYPES: readonly Evidence['type'][] = [
  'certificate',
  'licence',
  'registration',
  'financial-statement',
  'reference',
  'insurance',
  'declaration',
  'policy',
  'other',
];
const CONTENT_TYPES: readonly Evidence['contentType'][] = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/zip',
  'text/plain',
];

const endOfDay = (date: string) => (date ? new Date(`${date}T23:59:59`).toISOString() : null);

/** Register a document (metadata), PUT its bytes to the presigned URL with progress, then complete it. */
export function EvidenceUpload() {
  const { api } = useApp();
  const queryClient = useQueryClient();
  const [title, setTitle] = useState('');
  const [type, setType] = useState<Evidence['type']>('certificate');
  const [tags, setTags] = useState('');
  const [validUntil, setValidUntil] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setError(null);
    setDone(null);
    const contentType = CONTENT_TYPES.find((c) => c === file.type);
    if (!contentType)
      return setError(
        new Error(
          `${file.type || 'this file type'} is not accepted: PDF, PNG, JPEG, DOCX, XLSX, ZIP or text`,
        ),
      );
    try {
      setProgress(0);
      const created = ok(
        await api.POST('/evidence', {
          body: {
            title,
            type,
            tags: tags
              .split(',')
              .map((t) => t.trim())
              .filter(Boolean),
            validUntil: endOfDay(validUntil),
            fileName: file.name,
            contentType,
            bytes: file.size,
          },
        }),
      );
      await uploadWithProgress(created.upload.uploadUrl, created.upload.headers, file, setProgress);
      ok(
        await api.POST('/evidence/{id}/complete', { params: { path: { id: created.evidence.evidenceId } } }),
      );
      setDone(title);
      setTitle('');
      setTags('');
      setFile(null);
      await queryClient.invalidateQueries({ queryKey: ['evidence'] });
    } catch (err) {
      setError(err);
    } finally {
      setProgress(null);
    }
  };

  return (
    <form className="inline-form upload" onSubmit={(e) => void submit(e)} aria-labelledby="up-h">
      <h2 id="up-h">Upload a document</h2>
      <label>
        Title
        <input value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={300} />
      </label>
      <label>
        Type
        <select value={type} onChange={(e) => setType(TYPES.find((t) => t === e.target.value) ?? 'other')}>
          {TYPES.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
      </label>
      <label>
        Tags (comma-separated)
        <input value={tags} onChange={(e) => setTags(e.target.value)} />
      </label>
      <label>
        Valid until
        <input type="date" value={validUntil} onChange={(e) => setValidUntil(e.target.value)} />
      </label>
      <label>
        File
        <input type="file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} required />
      </label>
      <button type="submit" disabled={progress !== null || !file || !title}>
        Upload
      </button>
      {progress !== null && (
        <progress aria-label="upload progress" max={1} value={progress}>
          {Math.round(progress * 100)}%
        </progress>
      )}
      {done && <p role="status">Uploaded “{done}”.</p>}
      {error !== null && <ErrorState error={error} />}
    </form>
  );
}
