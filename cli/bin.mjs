#!/usr/bin/env node
// The `tenderflow` command. Runs the TypeScript CLI through tsx on the project's own Node (>= 22).
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
