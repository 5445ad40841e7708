import { createHash, randomBytes } from 'node:crypto';

/** A fresh random token to hand out once, and the hash that is all the database keeps of it. */
export function newSecretToken(): { token: string; hash: Buffer } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashSecretToken(token) };
}

export function hashSecretToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
