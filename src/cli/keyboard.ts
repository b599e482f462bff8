// The terminal's keyboard for a console session (xl console, xl create -c): raw bytes,
// nothing echoed or line-edited, Ctrl-C included (it goes to the guest, as with
// xenconsole); the session's Ctrl-] ends it.
export function readRawKeyboard(onInput: (bytes: Uint8Array) => void): () => void {
  const stdin = process.stdin;
  const onData = (bytes: Buffer) => onInput(bytes);
  stdin.setRawMode(true);
  stdin.on('data', onData);
  stdin.resume();
  return () => {
    stdin.off('data', onData);
    stdin.setRawMode(false);
    stdin.pause();
  };
}
