import { reportEscaped } from './main';
import { EXIT, reportError } from './support';

/** What `run` writes on standard error, and what it returns. */
function stderrOf(run: () => number, env: Record<string, string> = {}): { code: number; err: string } {
  const written: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string) => written.push(String(chunk)) > 0) as typeof process.stderr.write;
  Object.assign(process.env, env);
  try {
    const code = run();
    return { code, err: written.join('') };
  } finally {
    process.stderr.write = write;
    for (const k of Object.keys(env)) delete process.env[k];
  }
}

describe('how the CLI reports an error nobody expected', () => {
  it('is one line and exit 4, naming the problem and how to see where it happened', () => {
    expect(stderrOf(() => reportError(new TypeError("Cannot read properties of undefined (reading 'x')")))).toEqual({
      code: EXIT.internal,
      err: "mapwork: internal error: Cannot read properties of undefined (reading 'x') (MAPWORK_DEBUG=1 shows where)\n",
    });
  });

  it('adds the stack trace when MAPWORK_DEBUG=1 asks', () => {
    const { code, err } = stderrOf(() => reportError(new Error('boom')), { MAPWORK_DEBUG: '1' });
    expect(code).toBe(EXIT.internal);
    expect(err).toMatch(/^mapwork: internal error: boom\nError: boom\n\s+at /);
  });

  it('treats an error that escaped every command (a stream failing to open its file) as that file’s problem, exit 2', () => {
    const streamError = Object.assign(new Error("ENOENT: no such file or directory, open 'gone.json'"), { code: 'ENOENT', syscall: 'open', path: 'gone.json', errno: -2 });
    expect(stderrOf(() => reportEscaped(streamError))).toEqual({ code: EXIT.usage, err: 'mapwork: gone.json: no such file or folder\n' });
  });
});
