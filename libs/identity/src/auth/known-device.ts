import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@grants/core';
import { normalizeEmail } from './secret-token';

/** How long a browser stays known to the account that signed in on it. */
export const KNOWN_DEVICE_SECONDS = 365 * 24 * 3600;

/** Who is trying to sign in: the browser's known-device token, if it has one, and the network address. */
export interface SignInClient {
  address: string;
  knownDevice: string | null;
}

/**
 * A browser that has signed in to an account is given a token `<device id>.<signature>`, the
 * signature binding the id to that account's address. Failed sign-ins are then counted for that
 * browser apart from the rest of its network, so guesses from elsewhere never lock it. The token
 * counts only for the address it was given for: whoever signs in to an account of their own gets
 * no fresh "clients" to spread guesses at someone else's address over.
 */
@Injectable()
export class KnownDevices {
  private readonly key: Buffer;

  constructor(config: AppConfig) {
    // Its own key, derived from the configured secret, so that no CSRF token is ever a valid signature.
    this.key = createHmac('sha256', config.csrfSecret).update('known-device').digest();
  }

  /** The browser's token for this address: the one it has when still valid, else a new one. */
  tokenFor(email: string, current: string | null): string {
    if (current && this.deviceOf(email, current)) return current;
    const id = randomBytes(16).toString('base64url');
    return `${id}.${this.sign(id, email)}`;
  }

  /** The device id the token names, when it was given for this address; else null. */
  deviceOf(email: string, token: string | null): string | null {
    const [id, signature, ...rest] = (token ?? '').split('.');
    if (!id || !signature || rest.length > 0) return null;
    const expected = Buffer.from(this.sign(id, email));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given) ? id : null;
  }

  /** What failed sign-ins are counted against, with the address: this browser, or else its network address. */
  clientKey(email: string, client: SignInClient): string {
    const device = this.deviceOf(email, client.knownDevice);
    return device ? `device:${device}` : `address:${clientNetwork(client.address)}`;
  }

  private sign(id: string, email: string): string {
    return createHmac('sha256', this.key).update(`${id}|${normalizeEmail(email)}`).digest('base64url');
  }
}

/**
 * The network a client address counts for: an IPv4 address itself (also when written IPv4-mapped,
 * ::ffff:a.b.c.d), an IPv6 address its /64, which one subscriber usually holds whole, so that
 * stepping through addresses of one's own /64 gives no fresh clients to guess from.
 */
export function clientNetwork(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped?.[1] && isIPv4(mapped[1])) return mapped[1];
  const bare = address.split('%')[0] ?? address;
  if (!isIPv6(bare)) return address;
  return `${ipv6Groups(bare).slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address, as lowercase hex without leading zeros. */
function ipv6Groups(address: string): string[] {
  let text = address.toLowerCase();
  const dotted = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text);
  if (dotted?.[1]) {
    const [a = 0, b = 0, c = 0, d = 0] = dotted[1].split('.').map(Number);
    text = `${text.slice(0, -dotted[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return groups.map((group) => parseInt(group, 16).toString(16));
}
