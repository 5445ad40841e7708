import { existsSync } from 'node:fs';
import path from 'node:path';
import { OnModuleDestroy } from '@nestjs/common';
import { Piscina } from 'piscina';
import { LetterText } from './letter-text';
import { renderDocument } from './render-document';

/**
 * Built, this file is dist/libs/documents/src/render-pool.js beside render-thread.js. Run from the
 * TypeScript sources (jest, or a process started with test/support/ts-register.js), the thread
 * needs that same hook to load render-thread.ts.
 */
const FROM_SOURCES = path.extname(__filename) === '.ts';
const THREAD_ENTRY = path.join(__dirname, `render-thread${path.extname(__filename)}`);
const TS_REGISTER = path.resolve(__dirname, '../../../test/support/ts-register.js');
/**
 * A thread's heap: its modules and fonts take about 30 MB, a letter a few MB more while it is set,
 * but V8 lets garbage pile up to its own default limit (hundreds of MB per thread) before it
 * collects the old generation. These bounds keep a thread near 60-70 MB of memory for about 10% more CPU
 * time per letter in collection (48/8 MB against 64/16 MB: the same letters/s at 2,000 letters, a
 * worker's peak 304 MB against 326 MB). A document too large for them is set in the caller's thread instead.
 */
const THREAD_HEAP = { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 8 } as const;

/**
 * Worker threads that set documents as PDFs: pdfkit is synchronous and CPU-bound, so in the caller's
 * thread one letter at a time is all a process renders however many jobs it runs, and nothing
 * else (database, SMTP, queue locks) moves meanwhile. Each thread loads pdfkit, the layout and the
 * fonts once, on its first document, and keeps them.
 *
 * Tasks wait in the pool's queue without limit: what bounds them is the worker's job concurrency
 * (each render job awaits its document before taking another), so the queue holds a few texts at
 * most. Threads start with the first document, so a process that renders nothing (the API) starts none.
 */
export class RenderPool implements OnModuleDestroy {
  private pool: Piscina<LetterText, Uint8Array> | undefined;
  private closed = false;

  constructor(readonly threads: number) {
    if (!Number.isInteger(threads) || threads < 1) throw new Error(`a render pool needs at least one thread, not ${threads}`);
  }

  async render(text: LetterText): Promise<Buffer> {
    try {
      const bytes = await this.started().run(text);
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    } catch (error: unknown) {
      // The thread died and the pool starts another; the document is set here, where the heap has room.
      if ((error as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY') return renderDocument(text);
      throw error;
    }
  }

  /** Ends the threads once the documents under way are done. */
  async close(): Promise<void> {
    this.closed = true;
    const pool = this.pool;
    this.pool = undefined;
    await pool?.close();
  }

  onModuleDestroy(): Promise<void> {
    return this.close();
  }

  private started(): Piscina<LetterText, Uint8Array> {
    if (this.closed) throw new Error('the render pool is closed');
    this.pool ??= new Piscina<LetterText, Uint8Array>({
      filename: THREAD_ENTRY,
      // As many threads at all times, so each keeps its fonts for the life of the process rather than reading them again after a lull.
      minThreads: this.threads,
      maxThreads: this.threads,
      resourceLimits: THREAD_HEAP,
      recordTiming: false,
      ...(FROM_SOURCES ? { execArgv: [...process.execArgv, '--require', sourcesHook()] } : {}),
    });
    return this.pool;
  }
}

function sourcesHook(): string {
  if (!existsSync(TS_REGISTER)) throw new Error(`render threads run from the TypeScript sources need ${TS_REGISTER}; run the built dist/ instead`);
  return TS_REGISTER;
}
