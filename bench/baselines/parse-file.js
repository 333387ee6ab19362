// Baseline: what plain Node.js does to read a case file: JSON.parse of the whole file.
const { readFileSync } = require('node:fs');

const doc = JSON.parse(readFileSync(process.argv[2], 'utf8'));
if (!Array.isArray(doc.cases)) process.exit(1);
