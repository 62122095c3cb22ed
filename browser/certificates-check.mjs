// Checks Overblik's SD-JWT VC certificates with someone else's verifier: the OpenWallet
// Foundation's @sd-jwt/sd-jwt-vc, with an EdDSA verifier built on node:crypto from the
// issuer's published keys (its JWK Set) and the issuer's Token Status List fetched from the
// `status.status_list.uri` the certificate names. It verifies the SD-JWT VC as issued (every
// field disclosed), then a presentation the library makes disclosing one field only, and
// checks the header's typ, iss, vct and the disclosed fields; a revoked certificate must fail
// the library's status check.
//
//   CERTIFICATE_CHECK  JSON: {
//     "sd_jwt": the SD-JWT VC as issued,
//     "jwks": the issuer's JWK Set (/certificates/keys.json),
//     "iss": the issuer expected, "vct": the type expected,
//     "fields": {name: value} every field expected in the full SD-JWT VC,
//     "present": the one field to disclose in the presentation,
//     "revoked": (optional) the SD-JWT VC of a revoked certificate,
//     "forged": (optional) SD-JWT VCs that must fail verification }
//
// Prints what it found as JSON; exits non-zero on any failure.

import { createPublicKey, verify as verifySignature } from 'node:crypto';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { digest } from '@sd-jwt/crypto-nodejs';

function fail(message) {
  throw new Error(message);
}

function required(name) {
  const value = process.env[name];
  if (!value) fail(`${name} is not set`);
  return value;
}

function fromBase64url(text) {
  return Buffer.from(text, 'base64url');
}

const input = JSON.parse(required('CERTIFICATE_CHECK'));
for (const name of ['sd_jwt', 'jwks', 'iss', 'vct', 'fields', 'present']) {
  if (input[name] === undefined) fail(`CERTIFICATE_CHECK has no ${name}`);
}

// The issuer's keys by kid, as node:crypto keys.
const keys = new Map(input.jwks.keys.map((jwk) => {
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519') fail(`a key that is not Ed25519: ${JSON.stringify(jwk)}`);
  return [jwk.kid, createPublicKey({ key: jwk, format: 'jwk' })];
}));

// An EdDSA verifier: the key the JWS header names, over `<header>.<payload>`.
async function verifier(data, signature) {
  const header = JSON.parse(fromBase64url(data.split('.')[0]).toString('utf8'));
  if (header.alg !== 'EdDSA') fail(`a JWS with alg ${header.alg}`);
  const key = keys.get(header.kid);
  if (!key) fail(`no published key has kid ${header.kid}`);
  return verifySignature(null, Buffer.from(data, 'utf8'), key, fromBase64url(signature));
}

const statusesFetched = [];
const sdjwt = new SDJwtVcInstance({
  verifier,
  hasher: digest,
  hashAlg: 'sha-256',
  statusListFetcher: async (uri) => {
    const answer = await fetch(uri);
    if (!answer.ok) fail(`the status list at ${uri} answered ${answer.status}`);
    statusesFetched.push(uri);
    return answer.text();
  },
  statusValidator: async (status) => {
    if (status !== 0) throw new Error(`revoked: its status is ${status}`);
  },
});

// The fields an SD-JWT VC's payload discloses, without the registered claims.
const REGISTERED = new Set(['iss', 'iat', 'exp', 'nbf', 'vct', 'jti', 'type_id', 'sources', 'status', 'cnf', 'sub', '_sd', '_sd_alg']);
function disclosed(payload) {
  return Object.fromEntries(Object.entries(payload).filter(([name]) => !REGISTERED.has(name)));
}

function sameFields(found, expected, what) {
  const a = JSON.stringify(Object.entries(found).sort());
  const b = JSON.stringify(Object.entries(expected).sort());
  if (a !== b) fail(`${what} discloses ${a}, expected ${b}`);
}

async function verified(form, what) {
  const result = await sdjwt.verify(form);
  if (result.header?.typ !== 'dc+sd-jwt') fail(`${what}: typ is ${result.header?.typ}`);
  if (result.payload.iss !== input.iss) fail(`${what}: iss is ${result.payload.iss}`);
  if (result.payload.vct !== input.vct) fail(`${what}: vct is ${result.payload.vct}`);
  if (result.kb !== undefined) fail(`${what}: it has a key binding`);
  return result;
}

async function main() {
  const full = await verified(input.sd_jwt, 'the SD-JWT VC');
  sameFields(disclosed(full.payload), input.fields, 'the SD-JWT VC');

  const presentation = await sdjwt.present(input.sd_jwt, { [input.present]: true });
  const presented = await verified(presentation, 'the presentation');
  const one = { [input.present]: input.fields[input.present] };
  sameFields(disclosed(presented.payload), one, 'the presentation');

  let revoked = null;
  if (input.revoked) {
    try {
      await sdjwt.verify(input.revoked);
    } catch (error) {
      revoked = String(error.message ?? error);
    }
    if (revoked === null) fail('the revoked certificate passed the status check');
    if (!revoked.includes('revoked')) fail(`the revoked certificate failed otherwise: ${revoked}`);
  }

  const forged = [];
  for (const form of input.forged ?? []) {
    let why = null;
    try {
      await sdjwt.verify(form);
    } catch (error) {
      why = String(error.message ?? error);
    }
    if (why === null) fail(`a forged SD-JWT VC passed: ${form}`);
    forged.push(why);
  }

  console.log(JSON.stringify({
    typ: full.header.typ,
    iss: full.payload.iss,
    vct: full.payload.vct,
    status: full.payload.status,
    fields: disclosed(full.payload),
    presented: disclosed(presented.payload),
    presentation_disclosures: presentation.split('~').length - 2,
    revoked,
    forged,
    statuses_fetched: statusesFetched.length,
  }));
}

main().catch((error) => {
  console.error(`certificates-check: ${error.stack ?? error}`);
  process.exit(1);
});
