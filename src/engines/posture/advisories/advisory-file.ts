// Reads one advisory JSON file and tells its format by content: a CISA KEV catalogue or a CSAF 2.0 advisory.
import { readFileSync } from 'node:fs';
import { advisoryFormatUnknown, advisoryUnreadable } from '../errors.js';
import type { AdvisoryImport } from './advisory-import.js';
import { importCsaf, looksLikeCsaf } from './csaf-import.js';
import { importKev, looksLikeKev } from './kev-import.js';

/** Imports advisory JSON text; the format is detected from the content, not the file name. */
export function importAdvisoryText(text: string, file: string): AdvisoryImport {
  let doc: unknown;
  try {
    doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (err) {
    throw advisoryUnreadable(file, `not JSON (${(err as Error).message})`, err);
  }
  if (looksLikeCsaf(doc)) return importCsaf(doc, file);
  if (looksLikeKev(doc)) return importKev(doc, file);
  throw advisoryFormatUnknown(file);
}

/** Reads and imports an advisory JSON file. */
export function importAdvisoryFile(file: string): AdvisoryImport {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw advisoryUnreadable(file, (err as Error).message, err);
  }
  return importAdvisoryText(text, file);
}
