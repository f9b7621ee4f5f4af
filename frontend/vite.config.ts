/// <reference types="vitest/config" />
import {defineConfig} from 'vite'
import react from '@vitejs/plugin-react'

// https://vitejs.dev/config/
export default defineConfig({
  plugins: [react()],
  build: {
    // A desktop app loads its bundle from disk; one chunk is fine.
    chunkSizeWarningLimit: 1024,
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    // Typing into Mantine forms under jsdom takes seconds on a loaded 2-core CI machine
    // (a long form took over 30 s while other builds ran): a passing test never comes near this.
    testTimeout: 180_000,
  },
})
