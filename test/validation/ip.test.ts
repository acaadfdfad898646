import { hasHostBits, isCidr, isIpAddress, isIpOrCidr, isIpv4Mapped, parseIp } from '../../src/validation/input/ip';

/**
 * Addresses and CIDRs against Go's net/netip, which Istio's validation uses (ParseAddr for an address, ParsePrefix
 * with one "/"); the expected values were produced by a Go program running exactly those two calls and Masked().
 */
const NETIP: Array<[string, boolean, boolean]> = [
  ['10.0.0.0/8', true, false],
  ['10.0.0.1/8', true, true],
  ['10.0.0.0/33', false, false],
  ['10.0.0.0/32', true, false],
  ['10.0.0.0/0', true, true],
  ['0.0.0.0/0', true, false],
  ['10.0.0.0/08', false, false],
  ['10.0.0.0/-1', false, false],
  ['10.0.0.0/', false, false],
  ['10.0.0.0/+8', false, false],
  ['010.0.0.1', false, false],
  ['10.0.0.256', false, false],
  ['10.0.0', false, false],
  ['10.0.0.1.', false, false],
  ['1.2.3.4', true, false],
  ['0x0a.0.0.1', false, false],
  ['::1', true, false],
  ['::', true, false],
  ['::/0', true, false],
  ['2001:db8::/32', true, false],
  ['2001:db8::1/32', true, true],
  ['2001:db8::/129', false, false],
  ['::ffff:10.0.0.1', true, false],
  ['::ffff:10.0.0.0/104', true, false],
  ['::ffff:10.0.0.1/128', true, false],
  ['::ffff:010.0.0.1', false, false],
  ['fe80::1%eth0', true, false],
  ['fe80::1%eth0/64', false, false],
  ['fe80::1%', false, false],
  ['2001:db8:::1', false, false],
  ['2001:db8::12345', false, false],
  ['2001:0db8:0000::1', true, false],
  ['1:2:3:4:5:6:7:8', true, false],
  ['1:2:3:4:5:6:7:8:9', false, false],
  ['1:2:3:4:5:6:1.2.3.4', true, false],
  ['::1.2.3.4', true, false],
  [' 10.0.0.1', false, false],
  ['10.0.0.1 ', false, false],
  ['10.0.0.0/8/8', false, false],
  ['*', false, false],
  ['localhost', false, false],
];

test.each(NETIP)('%j: accepted %s, host bits %s (as net/netip)', (text, accepted, hostBits) => {
  expect(isIpOrCidr(text)).toBe(accepted);
  expect(hasHostBits(text)).toBe(hostBits);
});

test('addresses, CIDRs and the forms that need a warning', () => {
  expect([isIpAddress('10.0.0.1'), isIpAddress('10.0.0.0/8'), isCidr('10.0.0.0/8'), isCidr('10.0.0.1')]).toEqual([true, false, true, false]);
  expect([isIpv4Mapped('::ffff:10.0.0.1'), isIpv4Mapped('::ffff:10.0.0.0/104'), isIpv4Mapped('10.0.0.1'), isIpv4Mapped('::1')]).toEqual([true, true, false, false]);
  expect(parseIp('192.168.1.10/24')).toEqual({ family: 4, bits: 24, ipv4Mapped: false, hostBits: true, network: '192.168.1.0/24' });
  expect(parseIp('2001:db8::1/32')?.network).toBe('2001:db8::/32');
  expect([isIpOrCidr(undefined), isIpOrCidr(10)]).toEqual([false, false]);
});
