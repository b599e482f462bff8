// A benchmark's command-line option: the word after `name`, or `fallback` without it.
export function option(name, fallback) {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : fallback;
}
