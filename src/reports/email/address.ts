/**
 * One mail address as the envelope carries it: `local@domain`, checked the RFC 5321 way
 * (§4.1.2 dot-string local part, §4.1.2 domain of LDH labels, §4.5.3.1 length limits).
 *
 * Deliberately narrower than RFC 5322: no display names, comments, quoted local parts,
 * address literals (`a@[127.0.0.1]`) or non-ASCII (SMTPUTF8) addresses, and the domain must
 * have at least one dot. What passes can go into a header or an SMTP command unchanged.
 */

/** RFC 5321 `Atom` characters (RFC 5322 `atext`). */
const ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
const LOCAL_PART = new RegExp(`^${ATOM}(?:\\.${ATOM})*$`);
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/** Why `text` is not a mail address, or `null` when it is one. */
export function mailAddressProblem(text: string): string | null {
  if (/[\r\n]/.test(text)) return 'contains a line break';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\u0000-\u001f\u007f]/.test(text)) return 'contains a control character';
  if (/[<>"(),;:\\[\]\s]/.test(text))
    return 'is not a bare local@domain address (no names, quotes or angle brackets)';
  if (/[^\u0020-\u007e]/.test(text)) return 'contains non-ASCII characters';
  const at = text.lastIndexOf('@');
  if (at < 0 || text.indexOf('@') !== at) return 'needs exactly one @';
  const local = text.slice(0, at);
  const domain = text.slice(at + 1);
  if (text.length > 254) return `is ${text.length} characters long, more than 254`;
  if (local.length === 0) return 'has nothing before the @';
  if (local.length > 64) return `has a local part of ${local.length} characters, more than 64`;
  if (!LOCAL_PART.test(local)) return 'has a local part with a leading, trailing or double dot';
  const labels = domain.split('.');
  if (labels.length < 2) return 'needs a domain with a dot after the @';
  if (!labels.every((label) => LABEL.test(label))) return `has an invalid domain ${JSON.stringify(domain)}`;
  return null;
}
