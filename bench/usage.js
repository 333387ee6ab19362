// Preloaded into every process the bench measures (node --require bench/usage.js …): at exit
// it writes the process's own resource use (CPU time, peak resident memory) to file
// descriptor 3, which the bench opens as a pipe. Run by hand, without fd 3, it does nothing.
const { writeSync } = require('node:fs');

process.on('exit', () => {
  try {
    writeSync(3, JSON.stringify(process.resourceUsage()));
  } catch {
    // not run by the bench
  }
});
