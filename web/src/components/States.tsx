import { ApiError } from '../api/client';

export function Loading({ what }: { what: string }) {
  return (
    <p className="state" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function Empty({ children }: { children: React.ReactNode }) {
  return <div className="state empty">{children}</div>;
}

/** An error as the API explained it: problem+json `detail`, and each failing field when it names them. */
export function ErrorState({ error, retry }: { error: unknown; retry?: () => void }) {
  const notFound = error instanceof ApiError && error.status === 404;
  return (
    <div className="state error" role="alert">
      <strong>{notFound ? 'Not found' : 'Something went wrong'}</strong>
      <p>{error instanceof Error ? error.message : String(error)}</p>
      {error instanceof ApiError && error.problem.errors && error.problem.errors.length > 0 && (
        <ul>
          {error.problem.errors.map((e) => (
            <li key={`${e.path}:${e.message}`}>
              <code>{e.path}</code>: {e.message}
            </li>
          ))}
        </ul>
      )}
      {retry && !notFound && (
        <button type="button" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}
