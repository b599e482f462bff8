// A terminal for console sessions in tests: collects what the session shows and types
// what the test says, as a user at `xl console` would.
import type { ConsoleIo } from '../../src/toolstack/xl/console.js';

export interface Terminal extends ConsoleIo {
  stdout: string;
  stderr: string;
  /** Types `text` (latin1 bytes; "\x1d" is Ctrl-]). */
  type(text: string): void;
  /** True while the session reads the keyboard. */
  readonly reading: boolean;
  /** Resolves once the session reads the keyboard. */
  whenReading(): Promise<void>;
}

export function terminal(): Terminal {
  let typed: ((bytes: Uint8Array) => void) | undefined;
  let startedReading: () => void = () => {};
  const reading = new Promise<void>((resolve) => {
    startedReading = resolve;
  });
  const term: Terminal = {
    stdout: '',
    stderr: '',
    out(text) {
      term.stdout += text;
    },
    err(text) {
      term.stderr += text;
    },
    input(onInput) {
      typed = onInput;
      startedReading();
      return () => {
        typed = undefined;
      };
    },
    type(text) {
      if (typed === undefined) throw new Error('nobody reads the keyboard');
      typed(Buffer.from(text, 'latin1'));
    },
    get reading() {
      return typed !== undefined;
    },
    whenReading: () => reading,
  };
  return term;
}
