import * as ipaddr from 'ipaddr.js';

/**
 * IP addresses and CIDRs parsed as Istio parses them (Go's `net/netip`: `ParseAddr`, `ParsePrefix`), on top of
 * ipaddr.js: IPv4 only in strict four-part decimal without leading zeros, IPv6 with an optional zone (`%eth0`)
 * and an embedded IPv4 tail, prefix lengths in decimal without a sign or leading zeros, no zone in a CIDR.
 */

/** A parsed address or CIDR. */
export interface ParsedIp {
  readonly family: 4 | 6;
  /** The prefix length, for a CIDR. */
  readonly bits?: number;
  /** An IPv6 address of the form `::ffff:a.b.c.d` (an IPv4 address written as IPv6). */
  readonly ipv4Mapped: boolean;
  /** A CIDR whose address has bits set past the prefix (`10.0.0.1/8`): it stands for its whole network. */
  readonly hostBits: boolean;
  /** The network a CIDR stands for (`10.0.0.0/8`), or the address. */
  readonly network: string;
}

const PREFIX_LENGTH = /^(0|[1-9]\d*)$/;
const IPV6_TEXT = /^[0-9A-Fa-f:.]+$/;

/** An address as Go's `netip.ParseAddr` accepts it; undefined otherwise. */
function parseAddress(text: string): { address: ipaddr.IPv4 | ipaddr.IPv6; zone: boolean } | undefined {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return { address: ipaddr.IPv4.parse(text), zone: false };
  const percent = text.indexOf('%');
  const base = percent >= 0 ? text.slice(0, percent) : text;
  if (percent >= 0 && percent === text.length - 1) return undefined;
  if (!IPV6_TEXT.test(base)) return undefined;
  const tail = base.slice(base.lastIndexOf(':') + 1);
  if (tail.includes('.') && !ipaddr.IPv4.isValidFourPartDecimal(tail)) return undefined;
  if (!ipaddr.IPv6.isValid(base)) return undefined;
  return { address: ipaddr.IPv6.parse(base), zone: percent >= 0 };
}

/** Parses an address (`ParseAddr`) or, with one `/`, a CIDR (`ParsePrefix`); undefined when Istio rejects it. */
export function parseIp(text: string): ParsedIp | undefined {
  const parts = text.split('/');
  if (parts.length > 2) return undefined;
  const parsed = parseAddress(parts[0]);
  if (!parsed) return undefined;
  const { address } = parsed;
  const family = address.kind() === 'ipv4' ? 4 : 6;
  const ipv4Mapped = address instanceof ipaddr.IPv6 && address.isIPv4MappedAddress();
  if (parts.length === 1) return { family, ipv4Mapped, hostBits: false, network: address.toString() };
  const bitsText = parts[1];
  if (parsed.zone || !PREFIX_LENGTH.test(bitsText)) return undefined;
  const bits = Number(bitsText);
  if (bits > (family === 4 ? 32 : 128)) return undefined;
  const network = family === 4 ? ipaddr.IPv4.networkAddressFromCIDR(text) : ipaddr.IPv6.networkAddressFromCIDR(text);
  const hostBits = network.toNormalizedString() !== address.toNormalizedString();
  return { family, bits, ipv4Mapped, hostBits, network: `${network.toString()}/${bits}` };
}

/** An IP address or a CIDR (Istio's `ValidateIPSubnet`, `security.ValidateIPs`). */
export function isIpOrCidr(v: unknown): boolean {
  return typeof v === 'string' && parseIp(v) !== undefined;
}

/** An IP address without a prefix (Istio's `ValidateIPAddress`). */
export function isIpAddress(v: unknown): boolean {
  return typeof v === 'string' && !v.includes('/') && parseIp(v) !== undefined;
}

/** A CIDR `address/prefix` (Go's `netip.ParsePrefix`, as istio-iptables and the injector parse IP ranges). */
export function isCidr(v: unknown): boolean {
  return typeof v === 'string' && v.includes('/') && parseIp(v) !== undefined;
}

/** A valid CIDR with host bits set (`10.0.0.1/8`); false for anything else. */
export function hasHostBits(v: unknown): boolean {
  return typeof v === 'string' && (parseIp(v)?.hostBits ?? false);
}

/** A valid address or CIDR written as IPv4-mapped IPv6 (`::ffff:10.0.0.1`); false for anything else. */
export function isIpv4Mapped(v: unknown): boolean {
  return typeof v === 'string' && (parseIp(v)?.ipv4Mapped ?? false);
}
