import ReactMarkdown from 'react-markdown';

/**
 * A Markdown document the API generated (a request's specification, a pilot's charter), rendered as
 * HTML. react-markdown builds React elements, never raw HTML, so a field typed by a client cannot
 * inject markup. Import it only from lazily loaded screens: it stays out of the initial bundle.
 */
export function Markdown({ text, label }: { text: string; label: string }) {
  return (
    <article className="markdown" aria-label={label}>
      <ReactMarkdown>{text}</ReactMarkdown>
    </article>
  );
}
