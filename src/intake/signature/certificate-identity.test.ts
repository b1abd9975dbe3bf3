import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalName, canonicalSerial, displayName, sameName, sameSerial } from './certificate-identity.ts';

const PROGRAM_SUBJECT =
  'CN=Director ICE (SYNTHETIC TEST),O=Department of Homeland Security (SYNTHETIC TEST),C=US';

describe('certificate serial numbers', () => {
  it('reads serials as hexadecimal, ignoring case, colons and leading zeros', () => {
    assert.equal(canonicalSerial('01001'), '1001');
    assert.equal(canonicalSerial('0x0a:ff'), 'AFF');
    assert.ok(sameSerial('00ff', 'FF'));
    assert.equal(canonicalSerial('00'), '0');
  });

  it('does not take the decimal 4097 for the serial 0x1001', () => {
    assert.equal(sameSerial('4097', '1001'), false);
  });

  it('refuses text that is not a hexadecimal serial', () => {
    assert.throws(() => canonicalSerial('10O1'), /not a hexadecimal serial/);
  });
});

describe('distinguished names', () => {
  it("matches the program's RFC 4514 subject with the one-RDN-per-line form Node prints", () => {
    const nodeForm =
      'C=US\nO=Department of Homeland Security (SYNTHETIC TEST)\nCN=Director ICE (SYNTHETIC TEST)';
    assert.ok(sameName(PROGRAM_SUBJECT, nodeForm));
  });

  it('ignores case and runs of white space, but not a different official', () => {
    assert.ok(
      sameName(
        PROGRAM_SUBJECT,
        'cn=director  ice (synthetic test), o=Department of Homeland Security (SYNTHETIC TEST), c=us',
      ),
    );
    assert.equal(
      sameName(PROGRAM_SUBJECT, PROGRAM_SUBJECT.replace('Director ICE', 'Deputy Director ICE')),
      false,
    );
    assert.equal(sameName(PROGRAM_SUBJECT, `${PROGRAM_SUBJECT},OU=Field Office`), false);
  });

  it('keeps an escaped comma inside a value rather than splitting the name there', () => {
    assert.equal(canonicalName('CN=Doe\\, Jane,C=US'), 'C=us,CN=doe\\, jane');
    assert.equal(sameName('CN=Doe\\, Jane,C=US', 'CN=Doe,CN=Jane,C=US'), false);
  });

  it('prints a Node subject as one RFC 4514-style line', () => {
    assert.equal(displayName('CN=A\nO=B\nC=US'), 'CN=A,O=B,C=US');
  });
});
