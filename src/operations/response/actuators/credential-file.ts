// Hands a new device credential to the field technician as a file only its owner can read
// (mode 0600) in the data directory; the secret never goes to logs, the API or the timeline.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CredentialHandover, IssuedCredentialLike } from './ports.js';

/** Writes `<dir>/<assetId>.credential`. */
export class FileCredentialHandover implements CredentialHandover {
  constructor(private readonly dir: string) {}

  async deliver(assetId: string, credential: IssuedCredentialLike): Promise<string> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const path = join(this.dir, `${assetId.replace(/[^a-z0-9._-]/g, '_')}.credential`);
    await writeFile(path, `username=${credential.username}\npassword=${credential.password}\n`, { mode: 0o600 });
    return `new credential sealed in ${path} (mode 0600) for the field technician to install`;
  }
}
