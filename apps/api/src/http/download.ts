import { Response } from 'express';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Streams a download; a reader who leaves midway is not an error on our side. */
export async function streamDownload(response: Response, content: Readable): Promise<void> {
  try {
    await pipeline(content, response);
  } catch (error: unknown) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE') return;
    throw error;
  }
}
