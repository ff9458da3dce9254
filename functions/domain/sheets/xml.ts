import { SaxesParser } from 'saxes';

/**
 * The XML of an XLSX part, read with saxes (a strict, non-validating SAX parser): it never fetches an
 * external entity and knows no entity but the five predefined ones and character references, and a
 * DOCTYPE — which no OOXML part has — is refused outright, so neither XXE nor entity expansion
 * ("billion laughs") can happen. Elements are reported by local name (`x:row` and `row` alike).
 */
export class XmlError extends Error {}

export interface XmlHandlers {
  open?(name: string, attributes: Record<string, string>): void;
  close?(name: string): void;
  text?(text: string): void;
}

const local = (name: string) => name.slice(name.indexOf(':') + 1);

export function parseXml(xml: string, handlers: XmlHandlers): void {
  const stream = xmlStream(handlers);
  stream.write(xml);
  stream.close();
}

/** The same, fed in pieces: `write` each piece of text as it arrives, then `close`. */
export function xmlStream(handlers: XmlHandlers): { write(text: string): void; close(): void } {
  const parser = new SaxesParser({ xmlns: false, position: false });
  let failure: Error | undefined;
  parser.on('doctype', () => {
    throw new XmlError('a DOCTYPE is not allowed in a spreadsheet part');
  });
  parser.on('error', (e) => {
    failure ??= e;
  });
  if (handlers.open) {
    const open = handlers.open;
    parser.on('opentag', (tag) => open(local(tag.name), tag.attributes));
  }
  if (handlers.close) {
    const close = handlers.close;
    parser.on('closetag', (tag) => close(local(tag.name)));
  }
  if (handlers.text) {
    parser.on('text', handlers.text);
    parser.on('cdata', handlers.text);
  }
  // saxes reports what is not well-formed to the error handler; what a handler throws passes through
  const step = (act: () => void) => {
    act();
    if (failure) throw new XmlError(failure.message);
  };
  return {
    write: (text) => step(() => parser.write(text)),
    close: () => step(() => parser.close()),
  };
}
