// A third-party OpenID provider for Overblik to sign in against: the `oidc-provider`
// package with its own login and consent pages, one confidential client, PKCE required, and
// the national identifier in a claim named `national_id` (not Overblik's default `cpr`).
// The login name typed on its page is the citizen's CPR number; any password is taken.
//
//   ISSUER_PORT    the port to listen on at 127.0.0.1
//   OVERBLIK_URL   the relying party's address, e.g. http://127.0.0.1:8080
//   CLIENT_ID, CLIENT_SECRET   Overblik's client at this provider
//
// Prints `oidc-issuer ready at <issuer URL>` on stdout once it listens.

import Provider from 'oidc-provider';
import { createHash } from 'node:crypto';
import { required } from './lib.mjs';

const port = Number(required('ISSUER_PORT'));
const overblik = required('OVERBLIK_URL').replace(/\/$/, '');
const issuer = `http://127.0.0.1:${port}`;

/** A stable subject that is not the CPR number itself. */
function subjectOf(login) {
  return createHash('sha256').update(`subject:${login}`).digest('hex').slice(0, 32);
}

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: required('CLIENT_ID'),
      client_secret: required('CLIENT_SECRET'),
      redirect_uris: [`${overblik}/login/callback`],
      post_logout_redirect_uris: [`${overblik}/`],
      response_types: ['code'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  pkce: { required: () => true },
  // The dev login page hands over what was typed as the account id.
  async findAccount(ctx, id) {
    return {
      accountId: id,
      async claims() {
        return { sub: subjectOf(id), national_id: id };
      },
    };
  },
  claims: {
    openid: ['sub'],
    national_id: ['national_id'],
  },
  features: {
    devInteractions: { enabled: true },
    claimsParameter: { enabled: true },
    rpInitiatedLogout: { enabled: true },
  },
  cookies: { keys: ['overblik-browser-test-cookie-key'] },
  ttl: {
    AccessToken: 600, AuthorizationCode: 60, Grant: 3600, IdToken: 600, Interaction: 600, Session: 3600,
  },
});

provider.on('server_error', (ctx, error) => {
  process.stderr.write(`oidc-issuer server error: ${error.stack || error}\n`);
});

const server = provider.listen(port, '127.0.0.1', () => {
  process.stdout.write(`oidc-issuer ready at ${issuer}\n`);
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
