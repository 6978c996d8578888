// An outside verifier of Tandem's Open Badges 3.0 credentials, run by uitest/credentials_test.go.
// It uses third-party libraries only (ajv for the official 1EdTech JSON Schema, jose for the
// signatures) and nothing but what Tandem publishes over HTTP: the issuer's JWKS, the key a kid
// names, the achievement document and image, the 1EdTech Revocation List and the Bitstring
// status list. It reads {schema, jwks, credentials: [{token, email?}]} as JSON on standard
// input and writes one report per credential as JSON; the Go test judges the reports.
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import Ajv2019 from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';
import * as jose from 'jose';

const input = JSON.parse(readFileSync(0, 'utf8'));
const schema = JSON.parse(readFileSync(input.schema, 'utf8'));
const ajv = new Ajv2019({ strict: false, allErrors: true });
addFormats(ajv);
const validateCredential = ajv.compile(schema);
const validateAchievement = ajv.getSchema(`${schema.$id}#/$defs/Achievement`);
const jwks = jose.createRemoteJWKSet(new URL(input.jwks));
const algorithms = ['RS256', 'EdDSA'];

const errorsOf = (validate) => (validate.errors || []).map((e) => `${e.instancePath} ${e.message}`);

async function getJSON(url, accept = 'application/json') {
  const res = await fetch(url, { headers: { Accept: accept } });
  if (!res.ok) throw new Error(`GET ${url}: ${res.status}`);
  return { type: res.headers.get('content-type'), body: await res.json() };
}

// The signature, verified with the issuer's key set and, separately, with the one key its kid
// dereferences to (Open Badges 3.0 §8.2.3), which must belong to the issuer.
async function checkSignature(token, header, payload) {
  const out = { alg: header.alg, kid: header.kid };
  out.viaJwks = await jose.jwtVerify(token, jwks, { algorithms }).then(() => true, (e) => e.code || String(e));
  out.kidUnderIssuer = typeof header.kid === 'string' && header.kid.startsWith(`${payload.iss}/`);
  try {
    const { body: jwk } = await getJSON(header.kid);
    out.kidIsOneKey = typeof jwk.kty === 'string' && !('keys' in jwk);
    if (out.kidIsOneKey) {
      const key = await jose.importJWK(jwk, header.alg);
      out.viaKid = await jose.jwtVerify(token, key, { algorithms }).then(() => true, (e) => e.code || String(e));
    }
  } catch (e) {
    out.kidIsOneKey = false;
    out.kidError = String(e);
  }
  return out;
}

// Revocation as each status method's verifier finds it.
async function checkStatus(payload) {
  const status = payload.credentialStatus;
  if (status?.type === '1EdTechRevocationList') {
    const { body: list } = await getJSON(status.id);
    const entry = (list.revokedCredential || []).find((r) => r.id === payload.id);
    return { method: status.type, revoked: Boolean(entry && entry.revoked !== false) };
  }
  if (status?.type === 'BitstringStatusListEntry') {
    const res = await fetch(status.statusListCredential);
    const listToken = await res.text();
    const { payload: list } = await jose.jwtVerify(listToken, jwks, { algorithms });
    const listHeader = jose.decodeProtectedHeader(listToken);
    const encoded = list.credentialSubject.encodedList;
    if (!encoded.startsWith('u')) throw new Error('encodedList is not multibase base64url');
    const bits = gunzipSync(Buffer.from(encoded.slice(1), 'base64url'));
    const index = Number(status.statusListIndex);
    return {
      method: status.type,
      revoked: (bits[index >> 3] & (0x80 >> (index & 7))) !== 0,
      listAlg: listHeader.alg,
      listEntries: bits.length * 8,
      listIssuer: list.issuer?.id,
      listValidUntil: list.validUntil,
      listTTL: list.credentialSubject.ttl,
    };
  }
  return { method: status?.type ?? null };
}

// The holder, checked as a relying party holding their email would (IdentityObject §B.1.12).
function checkIdentity(subject, email) {
  const id = (subject.identifier || []).find((i) => i.identityType === 'emailAddress');
  if (!email || !id) return { hasIdentity: Boolean(id) };
  const [algorithm, hash] = id.identityHash.split('$');
  const computed = createHash('sha256').update(email.trim().toLowerCase() + (id.salt || '')).digest('hex');
  return { hasIdentity: true, hashed: id.hashed, identityMatches: algorithm === 'sha256' && hash === computed };
}

// The words an SVG draws: its text elements' content, entities decoded, lines joined by spaces.
function drawnText(svg) {
  const entities = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  const decode = (s) => s.replace(/&(#x?[0-9a-f]+|\w+);/gi, (_, e) => (e[0] === '#'
    ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1)))
    : entities[e] ?? `&${e};`));
  return [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) => decode(m[1])).join(' ').replace(/\s+/g, ' ');
}

// The achievement its id dereferences to, and the image that document names.
async function checkAchievement(achievement) {
  const { type, body } = await getJSON(achievement.id, 'application/ld+json');
  const valid = validateAchievement(body);
  const image = await fetch(body.image.id);
  const drawn = drawnText(await image.text());
  return {
    type,
    schemaValid: valid,
    schemaErrors: errorsOf(validateAchievement),
    sameName: body.name === achievement.name,
    imageType: image.headers.get('content-type'),
    imageNamesSociety: drawn.includes(body.creator.name),
    imageNamesProgramme: drawn.includes(body.name),
  };
}

const reports = [];
for (const c of input.credentials) {
  const header = jose.decodeProtectedHeader(c.token);
  const payload = jose.decodeJwt(c.token);
  const subject = payload.credentialSubject;
  reports.push({
    schemaValid: validateCredential(payload),
    schemaErrors: errorsOf(validateCredential),
    id: payload.id,
    sub: payload.sub,
    subjectId: subject.id,
    name: subject.name ?? null,
    credentialSchema: payload.credentialSchema,
    signature: await checkSignature(c.token, header, payload),
    status: await checkStatus(payload),
    identity: checkIdentity(subject, c.email),
    achievement: await checkAchievement(subject.achievement),
  });
}
process.stdout.write(JSON.stringify(reports));
