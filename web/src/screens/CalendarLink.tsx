import { useState } from 'react';
import { useApp } from '../lib/app-context';

/**
 * The organisation's deadlines as an ICS file. The feed needs the bearer token, so the app fetches it and
 * hands the file to the browser (calendar apps that subscribe by URL need a token-carrying feed: not yet in the API).
 */
export function CalendarLink() {
  const { config, session } = useApp();
  const [error, setError] = useState<string | null>(null);
  const download = async () => {
    setError(null);
    const res = await fetch(`${config.apiBaseUrl}/calendar.ics`, {
      headers: { authorization: `Bearer ${session?.token ?? ''}` },
    });
    if (!res.ok) return setError(`the calendar could not be fetched (${res.status})`);
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = 'tenderflow-deadlines.ics';
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <>
      <button type="button" onClick={() => void download()}>
        Download the calendar (ICS)
      </button>
      {error && <span role="alert">{error}</span>}
    </>
  );
}
