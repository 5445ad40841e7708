import { AppConfig } from '@grants/core';
import { KnownDevices } from './known-device';

describe('known devices', () => {
  const devices = new KnownDevices(Object.assign(new AppConfig(), { csrfSecret: 'a'.repeat(64) }));

  it('counts a browser apart only for the address it signed in to', () => {
    const token = devices.tokenFor('Owner@Example.org', null);
    expect(devices.clientKey('owner@example.org', { address: '198.51.100.7', knownDevice: token })).toMatch(/^device:/);
    // Someone's own account's token gives no fresh client to guess another address from.
    expect(devices.clientKey('someone-else@example.org', { address: '198.51.100.7', knownDevice: token })).toBe('address:198.51.100.7');
    expect(devices.tokenFor('owner@example.org', token)).toBe(token);
  });

  it('refuses a token whose signature was altered or made with another secret', () => {
    const token = devices.tokenFor('owner@example.org', null);
    const [id] = token.split('.');
    const other = new KnownDevices(Object.assign(new AppConfig(), { csrfSecret: 'b'.repeat(64) }));
    expect(devices.deviceOf('owner@example.org', `${id}.forged`)).toBeNull();
    expect(other.deviceOf('owner@example.org', token)).toBeNull();
    expect(devices.deviceOf('owner@example.org', 'no-dot')).toBeNull();
  });
});
