/**
 * How a certificate's subject and serial number are compared with a program's authorized signers.
 *
 * Serial numbers are hexadecimal, as X.509 tools print them (OpenSSL's `-serial`, Node's
 * `X509Certificate.serialNumber`): the program's `"1001"` is the certificate serial 0x1001.
 * Case and leading zeros do not matter ("01001", "1001" and "1001" are one serial).
 *
 * Distinguished names are compared in a canonical form: attribute types upper-cased, values
 * with escapes undone, runs of white space collapsed and case ignored (RFC 5280 § 7.1 compares
 * names with caseIgnoreMatch after white-space folding), and RDN order ignored — RFC 4514 strings
 * ("CN=…,O=…,C=US") list RDNs in the reverse of their encoding, tools disagree about which order
 * to print, and a subject is only trusted here after its certificate chains to the agency CA.
 */

export function canonicalSerial(serial: string): string {
  const hex = serial.trim().replace(/^0x/i, '').replaceAll(':', '').toUpperCase();
  if (!/^[0-9A-F]+$/.test(hex)) throw new Error(`not a hexadecimal serial number: "${serial}"`);
  return hex.replace(/^0+(?=.)/, '');
}

export function sameSerial(a: string, b: string): boolean {
  return canonicalSerial(a) === canonicalSerial(b);
}

/**
 * A name as RFC 4514 writes it ("CN=a,O=b,C=US") or as Node's `X509Certificate.subject` prints
 * it (one RDN per line), reduced to a string that is equal for equal names.
 */
export function canonicalName(name: string): string {
  const separator = name.includes('\n') ? '\n' : ',';
  const attributes = splitUnescaped(name, separator)
    .flatMap((rdn) => splitUnescaped(rdn, '+'))
    .map((attribute) => attribute.trim())
    .filter((attribute) => attribute.length > 0)
    .map(canonicalAttribute);
  return attributes.sort().join(',');
}

export function sameName(a: string, b: string): boolean {
  return canonicalName(a) === canonicalName(b);
}

/** Node prints one RDN per line; people read names as RFC 4514 strings. */
export function displayName(nodeSubject: string): string {
  return splitUnescaped(nodeSubject, '\n')
    .map((rdn) => rdn.trim())
    .filter(Boolean)
    .join(',');
}

function canonicalAttribute(attribute: string): string {
  const equals = attribute.indexOf('=');
  if (equals <= 0) throw new Error(`not a name attribute (TYPE=value): "${attribute}"`);
  const type = attribute.slice(0, equals).trim().toUpperCase();
  const value = unescapeValue(attribute.slice(equals + 1))
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
  // Commas and pluses inside values are re-escaped so that the joined form stays unambiguous.
  return `${type}=${value.replace(/[\\,+]/g, (c) => `\\${c}`)}`;
}

function unescapeValue(value: string): string {
  return value.replace(/\\([0-9A-Fa-f]{2}|.)/g, (_match, escaped: string) =>
    escaped.length === 2 ? String.fromCharCode(Number.parseInt(escaped, 16)) : escaped,
  );
}

function splitUnescaped(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (c === '\\' && i + 1 < text.length) {
      current += c + (text[i + 1] ?? '');
      i++;
    } else if (c === separator) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts;
}
