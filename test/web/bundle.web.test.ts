import { describe, expect, it } from 'vitest';
import { webStack } from '../support/web.ts';

describe('the app npm start serves', () => {
  it("is a production build even when the tests built it (NODE_ENV=test): React's production bundle", async () => {
    const html = await (await fetch(`${webStack().url}/`)).text();
    const entry = /<script type="module" crossorigin src="([^"]+)"/.exec(html)?.[1];
    expect(entry, 'the entry script in index.html').toMatch(/^\/assets\/index-[\w-]+\.js$/);
    const js = await (await fetch(`${webStack().url}${entry}`)).text();
    // production React reports errors by code with a link to its decoder; the development build spells them out
    expect(js).toContain('react.dev/errors/');
    expect(js).not.toContain('Consider adding an error boundary');
  });
});
