#!/usr/bin/env node
'use strict';
// The `concerns` command: the bundled CLI, built by `npm run build` (run on `npm install`).
try {
  require('../dist/cli.js');
} catch (error) {
  if (error && error.code === 'MODULE_NOT_FOUND' && String(error.message).includes('dist/cli.js')) {
    console.error('concerns: the command is not built yet; run `npm run build` in the Concerns Lens checkout.');
    process.exit(2);
  }
  throw error;
}
