// The log's signed checkpoints, append-only: each record is u32 length ‖ note ‖ u32 length, so the
// latest is read from the end and a full scan from the start can check every frame.
import { open, readFile, stat, type FileHandle } from 'node:fs/promises';

/** One stored checkpoint note and where its record starts. */
export interface StoredCheckpointRecord {
  offset: number;
  note: string;
}

/** A problem found while scanning the file frame by frame. */
export interface CheckpointFrameProblem {
  record: number;
  offset: number;
  detail: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Parses every record of a checkpoint log buffer, stopping at the first broken frame. */
export function scanCheckpointLog(buf: Buffer): { records: StoredCheckpointRecord[]; problem?: CheckpointFrameProblem } {
  const records: StoredCheckpointRecord[] = [];
  let at = 0;
  while (at < buf.length) {
    const record = records.length;
    if (at + 8 > buf.length) return { records, problem: { record, offset: at, detail: 'record is cut short' } };
    const length = buf.readUInt32BE(at);
    if (at + 8 + length > buf.length || buf.readUInt32BE(at + 4 + length) !== length) {
      return { records, problem: { record, offset: at, detail: 'record length prefix and suffix disagree' } };
    }
    let note: string;
    try {
      note = utf8.decode(buf.subarray(at + 4, at + 4 + length));
    } catch {
      return { records, problem: { record, offset: at, detail: 'record is not UTF-8' } };
    }
    records.push({ offset: at, note });
    at += 8 + length;
  }
  return { records };
}

/** Appends checkpoint notes durably and reads the latest one back. */
export class CheckpointLog {
  private handle: FileHandle | undefined;

  constructor(private readonly path: string) {}

  /** Every record in the file (used by verify and at open to index sizes). */
  async readAll(): Promise<{ records: StoredCheckpointRecord[]; problem?: CheckpointFrameProblem }> {
    const buf = await readFile(this.path).catch(() => Buffer.alloc(0));
    return scanCheckpointLog(buf);
  }

  /** The last record's note, read backwards from the end of the file. */
  async latest(): Promise<string | undefined> {
    const size = await stat(this.path).then((s) => s.size, () => 0);
    if (size < 8) return undefined;
    const handle = await open(this.path, 'r');
    try {
      const tail = Buffer.alloc(4);
      await handle.read(tail, 0, 4, size - 4);
      const length = tail.readUInt32BE(0);
      if (length + 8 > size) return undefined;
      const body = Buffer.alloc(length);
      await handle.read(body, 0, length, size - 4 - length);
      return utf8.decode(body);
    } finally {
      await handle.close();
    }
  }

  /** Appends one note and fsyncs it. */
  async append(note: string): Promise<void> {
    const body = Buffer.from(note, 'utf8');
    const frame = Buffer.alloc(body.length + 8);
    frame.writeUInt32BE(body.length, 0);
    body.copy(frame, 4);
    frame.writeUInt32BE(body.length, 4 + body.length);
    this.handle ??= await open(this.path, 'a');
    await this.handle.write(frame, 0, frame.length);
    await this.handle.datasync();
  }

  /** Closes the file. */
  async close(): Promise<void> {
    await this.handle?.close();
    this.handle = undefined;
  }
}
