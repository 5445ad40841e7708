export interface CapturedEmail {
  id: string;
  receivedAt: string;
  envelopeTo: string[];
  /** As in the Message-ID header, with its angle brackets. */
  messageId: string;
  from: string;
  subject: string;
  text: string;
  html: string;
  attachments: Array<{ filename: string; contentType: string; size: number; contentBase64: string }>;
}

/** Reads what the test SMTP server captured (started by the global setup). */
export class Mailbox {
  constructor(private readonly apiUrl: string = requiredEnv('MAILBOX_URL')) {}

  async messagesTo(address: string): Promise<CapturedEmail[]> {
    const response = await fetch(`${this.apiUrl}/messages?to=${encodeURIComponent(address)}`);
    return (await response.json()) as CapturedEmail[];
  }

  /** Waits until `count` messages reached the address, then returns them. */
  async waitFor(address: string, options: { count?: number; timeoutMs?: number } = {}): Promise<CapturedEmail[]> {
    const count = options.count ?? 1;
    const deadline = Date.now() + (options.timeoutMs ?? 15_000);
    for (;;) {
      const messages = await this.messagesTo(address);
      if (messages.length >= count) return messages;
      if (Date.now() > deadline) {
        throw new Error(`expected ${count} email(s) to ${address}, got ${messages.length} within ${options.timeoutMs ?? 15_000} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run tests through jest so the global setup starts the services`);
  return value;
}
