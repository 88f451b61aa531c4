// A device's firmware string split into the software it names: "OS 4.3 (VisiLogic 9.8.65)" is
// Unitronics OS 4.3 and VisiLogic 9.8.65; "SYS600 10.4.1 / Windows Server 2019" is two products.
import { parseVersion, type Version } from '../version/version.js';

/** One piece of software in a firmware string, with the version written after its name. */
export interface FirmwareComponent {
  /** The piece as written, e.g. "EOS 3.2.16". */
  readonly text: string;
  /** The product name in front of the version ("EOS"), undefined for a bare version ("3.9 Build 19041817"). */
  readonly name: string | undefined;
  readonly version: Version | undefined;
}

/** Splits on " / ", ", " and asides that start with a word; an aside of numbers ("(19045.4291)") stays a build. */
export function firmwareComponents(firmware: string): FirmwareComponent[] {
  const pieces: string[] = [];
  const main = firmware.replace(/\(([^()]*)\)/g, (m, inner: string) => {
    if (/^\s*\p{L}/u.test(inner) && /\d/.test(inner)) {
      pieces.push(inner.trim());
      return ' ';
    }
    return m;
  });
  pieces.unshift(...main.split(/\s+\/\s+|,\s+/));
  return pieces
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .map((text) => {
      const version = parseVersion(text);
      const name =
        version?.name !== undefined
          ? text.slice(0, text.toLowerCase().indexOf(version.name) + version.name.length)
          : undefined;
      return { text, name, version };
    });
}
