import { InvalidArgumentError } from '../../errors.ts';
import { mailAddressProblem } from './address.ts';

/**
 * parseRecipients: the addresses of a comma-separated recipient list such as
 * `--email a@b.c,d@e.f`, in the order given.
 *
 * Spaces and tabs around each address are dropped. Every entry must be a bare RFC 5321
 * `local@domain` (see `address.ts`): display names (`"x" <a@b.c>`), CR or LF (header
 * injection such as `a@b.c\r\nBcc: x@y.z`), empty entries and addresses repeated after
 * lower-casing are refused rather than repaired, so what is sent is exactly what was typed.
 *
 * @throws {InvalidArgumentError} for an empty list, an empty entry, a malformed address or a
 *   duplicate; the message quotes the entry with JSON escapes so a line break shows as `\r\n`.
 * @example
 * parseRecipients('ops@shop.example, CFO@shop.example') // ['ops@shop.example', 'CFO@shop.example']
 */
export function parseRecipients(text: string): string[] {
  if (text.trim() === '')
    throw new InvalidArgumentError('parseRecipients needs at least one address, got ""');
  const seen = new Map<string, string>();
  const addresses: string[] = [];
  text.split(',').forEach((entry, index) => {
    const address = entry.replace(/^[ \t]+|[ \t]+$/g, '');
    if (address === '') {
      throw new InvalidArgumentError(
        `parseRecipients: entry ${index + 1} of ${JSON.stringify(text)} is empty; separate addresses with single commas`,
      );
    }
    const problem = mailAddressProblem(address);
    if (problem !== null) {
      throw new InvalidArgumentError(`parseRecipients: ${JSON.stringify(address)} ${problem}`);
    }
    const key = address.toLowerCase();
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      throw new InvalidArgumentError(
        `parseRecipients: ${JSON.stringify(address)} is listed twice (as ${JSON.stringify(earlier)} too)`,
      );
    }
    seen.set(key, address);
    addresses.push(address);
  });
  return addresses;
}
