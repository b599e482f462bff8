// Where an xl command writes: its standard output and error streams.
export interface XlOutput {
  out(text: string): void;
  err(text: string): void;
}

export const EXIT_SUCCESS = 0;
export const EXIT_FAILURE = 1;

/** An XlOutput that collects both streams, for the socket server and tests. */
export function collectOutput(): XlOutput & { stdout: string; stderr: string } {
  const collected = {
    stdout: '',
    stderr: '',
    out(text: string) {
      collected.stdout += text;
    },
    err(text: string) {
      collected.stderr += text;
    },
  };
  return collected;
}
