-- Who signed a batch's manifest, as verified at intake (design.md § 1): kept with the batch so that
-- the accounting can say on whose written request each disclosure was made.
ALTER TABLE batches ADD COLUMN signer_subject VARCHAR;
ALTER TABLE batches ADD COLUMN signer_serial VARCHAR;
ALTER TABLE batches ADD COLUMN signer_title VARCHAR;
ALTER TABLE batches ADD COLUMN signer_fingerprint VARCHAR;
-- The compact JWS exactly as received: the evidence of the written request.
ALTER TABLE batches ADD COLUMN manifest_jws VARCHAR;
