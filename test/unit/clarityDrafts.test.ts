// Issue 13: false alarms found on IETF drafts (ietf-wg-gnap, ietf-wg-uuidrev, ietf-wg-acme), each beside a sentence
// that must still be a finding. The sentences are this project's own, in the drafts' shape.
import * as assert from 'node:assert/strict';
import { memoryWorkspace } from '../helpers/workspace';

const DRAFT = (body: string[]): string =>
  ['---', 'title: Example', 'docname: draft-example-00', 'normative:', '  RFC3986:', '--- abstract', '', 'Abstract.', '', '--- middle', '', '# Rules {#rules}', '', ...body.flatMap((b) => [b, '']), ''].join('\n');

/** The phrases found in a draft made of the given paragraphs. */
function found(body: string[]): string[] {
  const path = 'draft-example.md';
  return memoryWorkspace({ [path]: DRAFT(body) })
    .model()
    .ambiguitiesOf(path)
    .map((h) => h.phrase);
}

describe('clarity on IETF drafts: answered in place or another sense', () => {
  it('"the most significant bits" is bit order (a term of art), with "the" as without; "the most relevant" stays', () => {
    assert.deepEqual(found(['Implementations MUST pad the most significant bits with zeroes.']), []);
    assert.deepEqual(found(['Implementations MUST pad the most significant\n  bits (left-most) with zeroes.']), []);
    assert.deepEqual(found(['Implementations MUST return the most relevant record.']), ['most relevant']);
  });

  it('"treat X as sufficient" classifies X; "sufficient checks" stays', () => {
    assert.deepEqual(found(['The server MUST NOT treat deactivated authorizations as sufficient for issuing certificates.']), []);
    assert.deepEqual(found(['A client SHOULD regard such a reply as acceptable.']), []);
    assert.deepEqual(found(['The server MUST apply sufficient checks to each reply.']), ['sufficient']);
  });

  it('a citation right after the noun phrase answers ("the simple string comparison method in {{…}}")', () => {
    assert.deepEqual(found(['The client MUST compare the URIs using the simple string comparison method in {{Section 6.2.1 of RFC3986}}.']), []);
    assert.deepEqual(found(['The client MUST compare the URIs using the simple comparison in [RFC3986].']), []);
    assert.deepEqual(found(['The client MUST compare the URIs using a simple method in some cases.']), ['simple', 'some']);
  });

  it('a cross-reference after the noun and its prepositional phrase answers ("(see {{…}})")', () => {
    assert.deepEqual(found(['The outer JWS MUST meet the normal requirements for an ACME JWS request body (see {{rules}}).']), []);
    assert.deepEqual(found(['The outer JWS MUST meet the normal requirements for an ACME JWS request body.']), ['normal']);
  });

  it('"some" before a singular noun is "a" (one, unnamed); before a plural or a noun of measure it asks how many', () => {
    assert.deepEqual(found(['The gateway SHOULD have some mechanism to ensure that it is not misused as a relay.']), []);
    assert.deepEqual(found(['A document that defines an extension SHOULD include some discussion of its threats.']), []);
    assert.deepEqual(found(['The server MUST have some key material available.']), []);
    assert.deepEqual(found(['The server MUST retry some requests.']), ['some']);
    assert.deepEqual(found(['The server MUST handle some situations today where exit codes are lost.']), ['some']);
    assert.deepEqual(found(['The server MUST keep some error codes for later use.']), ['some']);
    assert.deepEqual(found(['The client MUST wait some time before retrying.']), ['some']);
    assert.deepEqual(found(['The server SHOULD add some delay between attempts.']), ['some']);
    assert.deepEqual(found(['The origin MAY skip the challenge with some probability.']), ['some']);
    assert.deepEqual(found(['Implementations MAY allow some leeway for clock skew.']), ['some']);
  });
});
