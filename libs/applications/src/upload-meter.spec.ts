import { createHash } from 'node:crypto';
import { PassThrough, Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { UploadMeter } from './upload-meter';

const TOO_LARGE = () => new Error('too large');

/** A sink that keeps only a count, as storage keeps nothing in memory. */
function counter(): Writable & { bytes: number } {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      sink.bytes += chunk.length;
      callback();
    },
  }) as Writable & { bytes: number };
  sink.bytes = 0;
  return sink;
}

describe('UploadMeter', () => {
  it('passes every byte on, counted and hashed, and keeps only the head', async () => {
    const chunks = [Buffer.from('%PDF-1.4\n'), Buffer.alloc(100_000, 0x20), Buffer.from('%%EOF\n')];
    const meter = new UploadMeter(1_000_000, 1024, TOO_LARGE);
    const sink = counter();
    await pipeline(Readable.from(chunks), meter, sink);
    const whole = Buffer.concat(chunks);
    expect(sink.bytes).toBe(whole.length);
    expect(meter.bytes).toBe(whole.length);
    expect(meter.sha256()).toBe(createHash('sha256').update(whole).digest('hex'));
    expect(meter.head).toEqual(whole.subarray(0, 1024));
    expect(meter.complete).toBe(false);
  });

  it('knows when the head is the whole file', async () => {
    const meter = new UploadMeter(1_000_000, 1024, TOO_LARGE);
    await pipeline(Readable.from([Buffer.from('small')]), meter, counter());
    expect(meter.head.toString()).toBe('small');
    expect(meter.complete).toBe(true);
  });

  it('accepts exactly the limit, and fails at the first byte past it, leaving the rest of the source unread', async () => {
    const atLimit = new UploadMeter(10, 4, TOO_LARGE);
    await pipeline(Readable.from([Buffer.alloc(6), Buffer.alloc(4)]), atLimit, counter());
    expect(atLimit.bytes).toBe(10);

    const source = new PassThrough();
    const sink = counter();
    const over = new UploadMeter(10, 4, TOO_LARGE);
    const done = pipeline(source, over, sink);
    source.write(Buffer.alloc(10));
    source.write(Buffer.alloc(1));
    await expect(done).rejects.toThrow('too large');
    expect(sink.bytes).toBe(10);
    expect(source.destroyed).toBe(true);
  });
});
