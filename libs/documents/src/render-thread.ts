import { setPriority } from 'node:os';
import { move } from 'piscina';
import { LetterText } from './letter-text';
import { renderDocument } from './render-document';

/**
 * Rendering is background work: on Linux each thread has its own nice value, so this one gives way
 * to its process's main thread (jobs, database, SMTP) and to the API's requests on the same host, and
 * renders with what they leave. Where the system refuses (another OS, a container's policy), it
 * renders at the normal priority.
 */
const RENDER_NICE = 10;
try {
  setPriority(RENDER_NICE);
} catch {
  // not allowed here: the normal priority
}

/**
 * A render thread's task (see RenderPool): the document's text in, the PDF's bytes out, moved to
 * the caller's thread rather than copied. The fonts are read once per thread, on its first document.
 */
export default async function renderInThread(text: LetterText): Promise<ReturnType<typeof move>> {
  const pdf = await renderDocument(text);
  return move(new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength));
}
