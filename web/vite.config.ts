import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The web app: built into web/dist, served by the local gateway (npm start) and by CloudFront in AWS. */
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, target: 'es2022', chunkSizeWarningLimit: 600 },
});
