import { PassThrough, Readable } from 'node:stream';
import { createParamDecorator, ExecutionContext, Type } from '@nestjs/common';
import { IncomingFile, OpenedFile } from '@grants/applications';
import { DomainError } from '@grants/core';
import busboy, { Busboy, FileInfo } from 'busboy';
import { Request } from 'express';
import { continueBody } from './expect-continue';
import { holdsUnstorable, InvalidCharacterError, unstorableAt } from './malformed-input';
import { createValidationPipe } from './validation.pipe';

/** The one file field of an upload form. */
export const FILE_FIELD = 'file';

// A few short text fields (the API's `key`) beside one file; the file's size is the service's to limit.
const LIMITS = { fields: 5, fieldNameSize: 100, fieldSize: 1024, files: 1, parts: 8, headerPairs: 20 };
/**
 * What is left of a refused upload's body is read and thrown away, so that the client, still
 * sending, gets to read the answer rather than a reset connection (what web servers call a lingering
 * close). Past this many bytes or this long, the connection is closed instead.
 */
const DISCARD_LIMIT_BYTES = 32 * 1024 * 1024;
const DISCARD_LIMIT_MS = 10_000;

interface Parsed {
  fields: Record<string, string>;
  file: { stream: Readable; info: FileInfo } | null;
}

function malformed(error: unknown): DomainError {
  if (error instanceof DomainError) return error;
  return new DomainError('invalid', 'MALFORMED_MULTIPART', error instanceof Error ? error.message : 'Malformed multipart body');
}

/**
 * The file of a multipart request, read lazily: nothing of the body is read until `fields()` (the
 * text fields before the file, which is left unread) or `open()` (the file itself, streamed). A
 * request refused before that has its body thrown away as it arrives, never held.
 */
export class MultipartFile {
  private parsed: Promise<Parsed> | null = null;
  private parser: Busboy | null = null;
  private settled = false;

  constructor(private readonly request: Request) {
    const settle = (): void => this.settle();
    request.res?.once('finish', settle).once('close', settle);
  }

  /**
   * The text fields sent before the file, validated as a body DTO (unknown fields refused). The file
   * comes after them, as browsers and curl send a form's parts in order.
   */
  async fields<T extends object>(dto: Type<T>): Promise<T> {
    const { fields } = await this.parse();
    return (await createValidationPipe().transform({ ...fields }, { type: 'body', metatype: dto })) as T;
  }

  /** The upload as the attachments service reads it: its key from the URL, or from a text field read only when asked. */
  attachment(key: string | Type<{ key: string }>): IncomingFile {
    return {
      key: async () => (typeof key === 'string' ? key : (await this.fields(key)).key),
      open: () => this.open(),
    };
  }

  async open(): Promise<OpenedFile> {
    const { file } = await this.parse();
    if (!file || !file.info.filename) {
      file?.stream.resume();
      throw new DomainError('invalid', 'FILE_REQUIRED', `Send the document in the multipart field "${FILE_FIELD}"`);
    }
    // Busboy's errors (a malformed body, an interrupted upload) reach the reader as this API's errors.
    const stream = new PassThrough();
    file.stream.on('error', (error: unknown) => stream.destroy(malformed(error)));
    file.stream.pipe(stream);
    return { originalName: file.info.filename, stream };
  }

  private parse(): Promise<Parsed> {
    this.parsed ??= new Promise<Parsed>((resolve, reject) => {
      if (!this.request.is('multipart/form-data')) return resolve({ fields: {}, file: null });
      // Browsers send a file's name as UTF-8 bytes; busboy would read them as Latin-1.
      let parser: Busboy;
      try {
        parser = busboy({ headers: this.request.headers, limits: LIMITS, defParamCharset: 'utf8' });
      } catch (error: unknown) {
        return reject(malformed(error));
      }
      this.parser = parser;
      const fields: Record<string, string> = {};
      const refuse = (error: DomainError): void => {
        reject(error);
        parser.destroy(error);
      };
      const fail = (message: string, code = 'MALFORMED_MULTIPART'): void => refuse(new DomainError('invalid', code, message));
      parser.on('field', (name, value, info) => {
        if (info.nameTruncated || info.valueTruncated) return fail(`A field is longer than ${LIMITS.fieldSize} bytes`);
        const unstorable = unstorableAt({ [name]: value });
        if (unstorable !== null) return refuse(new InvalidCharacterError({ field: unstorable }));
        fields[name] = value;
      });
      parser.on('fieldsLimit', () => fail(`At most ${LIMITS.fields} fields beside the file`));
      parser.on('partsLimit', () => fail(`At most ${LIMITS.parts} parts`));
      parser.on('file', (name, stream, info) => {
        // Never unhandled, even for a file that is never opened (open() passes errors on to its reader).
        stream.on('error', () => undefined);
        if (name !== FILE_FIELD) return fail(`Send the document in the multipart field "${FILE_FIELD}"`, 'UNEXPECTED_FILE_FIELD');
        // The file's name is kept as sent, in a text column.
        if (holdsUnstorable(info.filename ?? '')) return refuse(new InvalidCharacterError({ field: `${FILE_FIELD} (its file name)` }));
        // Resolved with the file unread: busboy waits for it to be read, and so the request waits too.
        resolve({ fields: { ...fields }, file: { stream, info } });
      });
      parser.on('finish', () => resolve({ fields, file: null }));
      parser.on('error', (error: unknown) => reject(malformed(error)));
      // A client that goes away mid-file fails the file's stream, so the service stops waiting for it.
      this.request.once('close', () => {
        if (!this.request.complete) parser.destroy(new DomainError('invalid', 'UPLOAD_INTERRUPTED', 'The upload was interrupted'));
      });
      continueBody(this.request);
      this.request.pipe(parser);
    });
    return this.parsed;
  }

  /** Once the answer is sent: whatever of the body was not read is discarded, within limits. */
  private settle(): void {
    const { request } = this;
    if (this.settled) return;
    this.settled = true;
    if (this.parser) {
      request.unpipe(this.parser);
      this.parser.destroy();
      this.parser = null;
    }
    if (request.complete || request.destroyed) return;
    let discarded = 0;
    const close = (): void => {
      clearTimeout(timer);
      request.socket.destroy();
    };
    const timer = setTimeout(close, DISCARD_LIMIT_MS).unref();
    request.on('data', (chunk: Buffer) => {
      discarded += chunk.length;
      if (discarded > DISCARD_LIMIT_BYTES) close();
    });
    request.once('end', () => clearTimeout(timer));
    request.resume();
  }
}

/** The request's file for a service to open once it has allowed the upload (see MultipartFile). */
export const UploadedStream = createParamDecorator((_data: unknown, context: ExecutionContext): MultipartFile => new MultipartFile(context.switchToHttp().getRequest<Request>()));
