import { Injectable } from '@nestjs/common';
import { argon2id, hash, verify } from 'argon2';

export const MIN_PASSWORD_LENGTH = 12;

/** argon2id with the library's defaults (64 MiB, 3 passes), which follow OWASP's guidance. */
@Injectable()
export class PasswordHasher {
  // Verified against when no account matches, so an unknown address costs as much time as a known one.
  private readonly decoy = hash('decoy password that matches nothing', { type: argon2id });

  hash(password: string): Promise<string> {
    return hash(password, { type: argon2id });
  }

  async verify(passwordHash: string | null, password: string): Promise<boolean> {
    if (!passwordHash) {
      await verify(await this.decoy, password).catch(() => false);
      return false;
    }
    return verify(passwordHash, password);
  }
}
