import archiver, { Archiver } from 'archiver';

/**
 * A ZIP archive written entry by entry: each `add` waits until its entry is in the archive, which
 * waits for the reader, so at most one file is held in memory however slow the download.
 */
export class ZipWriter {
  readonly stream: Archiver = archiver('zip', { zlib: { level: 6 } });

  add(name: string, content: Buffer | string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const settle = (error?: Error): void => {
        this.stream.off('entry', onEntry).off('error', onError).off('close', onClose);
        if (error) reject(error);
        else resolve();
      };
      const onEntry = (): void => settle();
      const onError = (error: Error): void => settle(error);
      const onClose = (): void => settle(new Error(`the archive closed before ${name} was written`));
      this.stream.on('entry', onEntry).on('error', onError).on('close', onClose);
      this.stream.append(content, { name });
    });
  }

  /** Writes the central directory; errors reach the reader through the stream. */
  finish(): void {
    this.stream.finalize().catch(() => undefined);
  }

  fail(error: Error): void {
    this.stream.destroy(error);
  }
}
