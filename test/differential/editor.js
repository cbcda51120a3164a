// The scripted EDITOR the differential harness gives the real kubectl for `kubectl edit`: it
// replaces the first occurrence of each `find` in EDIT_PAIRS ([[find, replace], ...]) in the file,
// as the emulation's edit (harness.ts) does; a `find` that does not occur is left alone.
/* global require, process */
/* eslint-disable @typescript-eslint/no-require-imports */
'use strict';
const fs = require('fs');

const file = process.argv[2];
let text = fs.readFileSync(file, 'utf8');
for (const [find, replace] of JSON.parse(process.env.EDIT_PAIRS || '[]')) {
  const i = text.indexOf(find);
  if (i >= 0) text = text.slice(0, i) + replace + text.slice(i + find.length);
}
fs.writeFileSync(file, text);
