// Every file generated from the ABI declarations, by path from the project root. The
// gen:abi script writes them; the drift tests compare them with the committed copies.
import { generateHeaders } from './c-header.js';
import { generateAbiDoc } from './abi-doc.js';

export const GUEST_INCLUDE_DIR = 'guests/include';
export const ABI_DOC_PATH = 'docs/abi.md';

export function generatedAbiFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const [header, text] of generateHeaders()) files.set(`${GUEST_INCLUDE_DIR}/${header}`, text);
  files.set(ABI_DOC_PATH, generateAbiDoc());
  return files;
}
