import { randomUUID } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
// Relative: the global setup loads this file outside jest's module map.
import type { CapturedEmail } from '../../libs/testing/src/mailbox';

export type CapturedMessage = CapturedEmail;

export interface SmtpCapture {
  smtpPort: number;
  apiUrl: string;
  stop(): Promise<void>;
}

/**
 * A real SMTP server on loopback that keeps every message it receives, and a small HTTP API so
 * test processes can read them: GET /messages (?to=address), DELETE /messages.
 */
export async function startSmtpCapture(): Promise<SmtpCapture> {
  const messages: CapturedMessage[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 50 * 1024 * 1024,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          messages.push({
            id: randomUUID(),
            receivedAt: new Date().toISOString(),
            envelopeTo: session.envelope.rcptTo.map((recipient) => recipient.address.toLowerCase()),
            messageId: parsed.messageId ?? '',
            from: parsed.from?.text ?? '',
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            attachments: parsed.attachments.map((attachment) => ({
              filename: attachment.filename ?? '',
              contentType: attachment.contentType,
              size: attachment.size,
              contentBase64: attachment.content.toString('base64'),
            })),
          });
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const smtpPort = (smtp.server.address() as AddressInfo).port;

  const api: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/messages') {
      res.writeHead(404).end();
    } else if (req.method === 'DELETE') {
      messages.length = 0;
      res.writeHead(204).end();
    } else {
      const to = url.searchParams.get('to')?.toLowerCase();
      const found = to ? messages.filter((message) => message.envelopeTo.includes(to)) : messages;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(found));
    }
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  const apiPort = (api.address() as AddressInfo).port;

  return {
    smtpPort,
    apiUrl: `http://127.0.0.1:${apiPort}`,
    stop: async () => {
      await new Promise<void>((resolve) => api.close(() => resolve()));
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    },
  };
}
