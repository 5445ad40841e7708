import { AddressInfo, createServer, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';

export interface SmtpSink {
  url: string;
  /** Every message accepted so far, duplicates included. */
  readonly messages: number;
  /**
   * Resolves with the time (performance.now()) each address first received a message, once all of
   * them have; rejects after the timeout naming how many are still missing.
   */
  waitFor(addresses: readonly string[], timeoutMs: number): Promise<Map<string, number>>;
  /** The Message-ID of every message each address received, copies included, in order. */
  messageIdsTo(address: string): readonly string[];
  /**
   * The next `count` messages are taken in, then the connection is cut before the server answers:
   * SMTP's own at-least-once window, where the sender cannot know the message was accepted.
   */
  crashAfterAccepting(count: number): void;
  /** Stops listening and drops every connection (the mail server is down) until `up`. */
  down(): Promise<void>;
  /** Listens again on the same port. */
  up(): Promise<void>;
  stop(): Promise<void>;
}

interface Waiter {
  pending: Set<string>;
  done: () => void;
}

/**
 * An SMTP server on loopback that discards message bodies and notes when each recipient got one
 * (and its Message-ID); it can be taken down, and cut connections after accepting, for fault runs.
 * Hand-written rather than smtp-server: that package waits a fixed 100 ms before greeting every
 * connection, and since the worker opens one connection per email, that delay alone would cap the
 * pipeline at about 40 emails/s and the benchmark would measure the sink.
 */
export async function startSmtpSink(): Promise<SmtpSink> {
  const receivedAt = new Map<string, number>();
  const waiters = new Set<Waiter>();
  const sockets = new Set<Socket>();
  const messageIds = new Map<string, string[]>();
  let messages = 0;
  let crashesLeft = 0;

  /** Returns whether to answer: false when the connection is to be cut after taking the message in. */
  const onMessage = (recipients: readonly string[], messageId: string): boolean => {
    const at = performance.now();
    messages++;
    for (const address of recipients) {
      const ids = messageIds.get(address) ?? [];
      ids.push(messageId);
      messageIds.set(address, ids);
    }
    for (const address of recipients) {
      if (receivedAt.has(address)) continue;
      receivedAt.set(address, at);
      for (const waiter of waiters) {
        if (waiter.pending.delete(address) && waiter.pending.size === 0) {
          waiters.delete(waiter);
          waiter.done();
        }
      }
    }
    if (crashesLeft > 0) {
      crashesLeft--;
      return false;
    }
    return true;
  };

  const server = createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    converse(socket, onMessage);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const close = (): Promise<void> =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });

  return {
    url: `smtp://127.0.0.1:${port}`,
    get messages() {
      return messages;
    },
    waitFor(addresses, timeoutMs) {
      const wanted = addresses.map((address) => address.toLowerCase());
      const collect = (): Map<string, number> => new Map(wanted.map((address) => [address, receivedAt.get(address)!]));
      const pending = new Set(wanted.filter((address) => !receivedAt.has(address)));
      if (pending.size === 0) return Promise.resolve(collect());
      return new Promise((resolve, reject) => {
        const waiter: Waiter = {
          pending,
          done: () => {
            clearTimeout(timer);
            resolve(collect());
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`${pending.size} of ${wanted.length} emails not received within ${(timeoutMs / 1000).toFixed(0)} s`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    messageIdsTo: (address) => messageIds.get(address.toLowerCase()) ?? [],
    crashAfterAccepting: (count) => void (crashesLeft = count),
    down: close,
    up: () => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve)),
    stop: () => (server.listening ? close() : Promise.resolve()),
  };
}

const DATA_END = '\r\n.\r\n';

/** The server side of RFC 5321, as much as nodemailer uses: every envelope is accepted. */
function converse(socket: Socket, onMessage: (recipients: readonly string[], messageId: string) => boolean): void {
  let buffer = '';
  let inData = false;
  let recipients: string[] = [];
  /** The start of the message, until its headers are in: the body is discarded as it arrives. */
  let head = '';
  let headDone = false;
  const reply = (line: string): void => void socket.write(`${line}\r\n`);

  socket.setEncoding('latin1');
  reply('220 bench-sink ESMTP');
  socket.on('data', (chunk: string) => {
    if (inData && !headDone) {
      head += chunk.slice(0, 16_384 - head.length);
      headDone = head.includes('\r\n\r\n') || head.length >= 16_384;
    }
    buffer += chunk;
    for (;;) {
      if (inData) {
        const end = buffer.indexOf(DATA_END);
        if (end === -1) {
          buffer = buffer.slice(-(DATA_END.length - 1)); // a terminator may straddle two chunks
          return;
        }
        buffer = buffer.slice(end + DATA_END.length);
        inData = false;
        const messageId = /^message-id:\s*(\S+)/im.exec(head.split('\r\n\r\n')[0] ?? '')?.[1] ?? '';
        head = '';
        headDone = false;
        const answer = onMessage(recipients, messageId);
        recipients = [];
        if (!answer) {
          socket.destroy();
          return;
        }
        reply('250 OK: message accepted');
        continue;
      }
      const lineEnd = buffer.indexOf('\r\n');
      if (lineEnd === -1) return;
      const line = buffer.slice(0, lineEnd);
      buffer = buffer.slice(lineEnd + 2);
      switch (line.slice(0, 4).toUpperCase()) {
        case 'EHLO':
        case 'HELO':
          reply('250 bench-sink');
          break;
        case 'MAIL':
        case 'RSET':
          recipients = [];
          reply('250 OK');
          break;
        case 'RCPT':
          recipients.push((/<([^>]*)>/.exec(line)?.[1] ?? '').toLowerCase());
          reply('250 OK');
          break;
        case 'DATA':
          inData = true;
          head = buffer;
          // The CRLF that ended DATA counts as the start of the terminator, so an empty body ends at ".\r\n".
          buffer = `\r\n${buffer}`;
          reply('354 End data with <CR><LF>.<CR><LF>');
          break;
        case 'NOOP':
          reply('250 OK');
          break;
        case 'QUIT':
          socket.end('221 Bye\r\n');
          return;
        default:
          reply('502 Command not implemented');
      }
    }
  });
}
