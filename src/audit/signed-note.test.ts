import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  generateSignerKey,
  openNote,
  parseSignerKey,
  parseVerifierKey,
  signNote,
  verifierKeyText,
} from './signed-note.ts';

describe('signed notes', () => {
  const signer = parseSignerKey(generateSignerKey('desk.test'));
  const verifier = parseVerifierKey(verifierKeyText(signer));
  const text = 'desk.test/audit\n12\nq83vEjRWeJA=\n';

  it('round-trips: a note signed with the key opens with its verifier key', () => {
    const note = signNote(text, signer);
    assert.match(note, /\n\n\u2014 desk\.test [A-Za-z0-9+/]+=*\n$/);
    assert.deepEqual(openNote(note, verifier), { kind: 'verified', text });
  });

  it('refuses a note whose text was changed after signing', () => {
    const note = signNote(text, signer).replace('\n12\n', '\n13\n');
    assert.equal(openNote(note, verifier).kind, 'refused');
  });

  it('refuses a note signed by another key of the same name', () => {
    const other = parseSignerKey(generateSignerKey('desk.test'));
    const verdict = openNote(signNote(text, other), verifier);
    assert.equal(verdict.kind, 'refused');
  });

  it('verifies a signature made by Go’s note package (known answer)', () => {
    // The example of golang.org/x/mod/sumdb/note's documentation.
    const goVerifier = parseVerifierKey('PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW');
    const goNote =
      'If you think cryptography is the answer to your problem,\n' +
      "then you don't know what your problem is.\n" +
      '\n' +
      '\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
    assert.equal(openNote(goNote, goVerifier).kind, 'verified');
  });

  it('refuses malformed keys', () => {
    assert.throws(() => parseSignerKey('PRIVATE+KEY+x+00000000+AAAA'));
    assert.throws(() => parseVerifierKey('desk.test+00000000+' + Buffer.alloc(33, 1).toString('base64')));
  });
});
