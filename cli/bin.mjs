#!/usr/bin/env node
// The `tenderflow` command. On Node with built-in type stripping (the project's own Node 24, which npx
// runs) the CLI's TypeScript loads without tsx, so `token` and `--help` answer at once; `sweep` imports the
// alert-sweep handler's whole module graph, which is tsx's job — as is everything on an older Node.
if (!process.features.typescript || process.argv[2] === 'sweep') {
  const { register } = await import('tsx/esm/api');
  register();
}
await import('./main.ts');
