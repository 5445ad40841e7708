import { AppConfig } from '@grants/core';
import { clientNetwork, KnownDevices } from './known-device';

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

  it('counts an IPv6 client by its /64, and an IPv4 client by its address however it is written', () => {
    expect(devices.clientKey('owner@example.org', { address: '2001:db8:1:2:3:4:5:6', knownDevice: null })).toBe('address:2001:db8:1:2::/64');
    expect(clientNetwork('2001:DB8:1:2::9')).toBe('2001:db8:1:2::/64');
    expect(clientNetwork('2001:db8:0001:0002:ffff::1.2.3.4')).toBe('2001:db8:1:2::/64');
    expect(clientNetwork('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientNetwork('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(clientNetwork('::ffff:198.51.100.7')).toBe('198.51.100.7');
    expect(clientNetwork('198.51.100.7')).toBe('198.51.100.7');
  });
});
