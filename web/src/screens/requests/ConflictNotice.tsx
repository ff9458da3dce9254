/** Someone else saved this input while the user was editing it: theirs, mine, and the two ways out. */
export function ConflictNotice({
  what,
  theirs,
  mine,
  overwrite,
  discard,
}: {
  what: string;
  theirs: string;
  mine: string;
  overwrite: () => void;
  discard: () => void;
}) {
  return (
    <div className="conflict" role="alert">
      <strong>Someone else changed {what} while you were editing.</strong>
      <p>
        Now: {theirs}
        <br />
        Yours (kept in the form below): {mine}
      </p>
      <button type="button" onClick={overwrite}>
        Save mine over theirs
      </button>
      <button type="button" onClick={discard}>
        Discard mine and load theirs
      </button>
    </div>
  );
}
