import { hash } from 'node:crypto';

const HEX = '0123456789abcdef';

/**
 * A name-based UUID (RFC 9562 version 5 layout over SHA-1) from any parts: the same parts always give
 * the same id, which is what lets the store recognise a retried write. One-shot hashing on the hex
 * text (version nibble set to 5, variant bits to 10): a run derives an id per event it appends.
 */
export const deterministicUuid = (...parts: readonly string[]): string => {
  const hex = hash('sha1', parts.join('\u0000'));
  const variant = HEX[(Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8] ?? '8';
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};
