import { createHash } from 'node:crypto';
import { Transform, TransformCallback } from 'node:stream';

/**
 * Counts and hashes an upload's bytes as they pass on to storage, and keeps the first of them for
 * type detection. At the first byte past the limit it fails the stream, so that nothing more of
 * the upload is read or stored.
 */
export class UploadMeter extends Transform {
  bytes = 0;
  private readonly hash = createHash('sha256');
  private readonly headChunks: Buffer[] = [];
  private headLength = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly headBytes: number,
    private readonly tooLarge: () => Error,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) return callback(this.tooLarge());
    this.hash.update(chunk);
    if (this.headLength < this.headBytes) {
      // A copy: a slice would keep the whole chunk, and the buffer it was cut from, alive.
      const part = Buffer.from(chunk.subarray(0, this.headBytes - this.headLength));
      this.headChunks.push(part);
      this.headLength += part.length;
    }
    callback(null, chunk);
  }

  /** The first `headBytes` bytes (all of them, for a smaller file). */
  get head(): Buffer {
    return Buffer.concat(this.headChunks);
  }

  /** Whether the head is the whole file. */
  get complete(): boolean {
    return this.bytes === this.headLength;
  }

  /** The SHA-256 of every byte that passed, in hex; once the stream has ended. */
  sha256(): string {
    return this.hash.digest('hex');
  }
}
