// A real OpenID Connect provider on loopback that stands in for ACM/IDM in the login tests.
//
// env: OIDC_PORT (listen port), RP_BASES (comma-separated base URLs of the portal, e.g. "http://testserver"),
//      RP_PROVIDER_ID (allauth provider id in the callback path), OIDC_CLAIMS_FILE (JSON file with the claims
//      of the person who logs in next: re-read at every login and every userinfo call, so one running provider
//      serves every test case).
// No login form and no consent screen: the interaction logs in the `sub` of the claims file and grants every
// scope. The logout confirmation page submits itself (a button as fallback, and tests without a browser post
// the form).
import fs from 'node:fs';
import http from 'node:http';
import Provider from 'oidc-provider';

const PORT = Number(process.env.OIDC_PORT || 9000);
const RP_BASES = (process.env.RP_BASES || 'http://testserver').split(',').filter(Boolean);
const PROVIDER_ID = process.env.RP_PROVIDER_ID || 'acmidm';
const CLAIMS_FILE = process.env.OIDC_CLAIMS_FILE;
const SCOPES = 'openid rrn vo profile abb_loketLB abb_databanktoezicht';

function currentClaims() {
  return JSON.parse(fs.readFileSync(CLAIMS_FILE, 'utf8'));
}

const provider = new Provider(`http://127.0.0.1:${PORT}`, {
  clients: [{
    client_id: 'loket-test',
    client_secret: 'loket-test-secret',
    redirect_uris: RP_BASES.map((rp) => `${rp}/accounts/oidc/${PROVIDER_ID}/login/callback/`),
    post_logout_redirect_uris: RP_BASES.map((rp) => `${rp}/`),
    grant_types: ['authorization_code'],
    response_types: ['code'],
  }],
  scopes: ['openid', 'rrn', 'vo', 'profile', 'abb_loketLB', 'abb_databanktoezicht'],
  claims: {
    openid: ['sub'],
    profile: ['given_name', 'family_name'],
    rrn: ['rrn'],
    vo: ['vo_orgcode', 'vo_id'],
    abb_loketLB: ['abb_loketLB_rol_3d'],
    abb_databanktoezicht: ['abb_databanktoezicht_rol_3d'],
  },
  async findAccount(ctx, sub) {
    return {
      accountId: sub,
      async claims() {
        return { ...currentClaims(), sub };
      },
    };
  },
  async loadExistingGrant(ctx) {
    const id = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (id) return ctx.oidc.provider.Grant.find(id);
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope(SCOPES);
    await grant.save();
    return grant;
  },
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: {
      enabled: true,
      async logoutSource(ctx, form) {
        ctx.body = `<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Afmelden (test-IdP)</title></head>
<body><h1>Afmelden bij de test-IdP</h1>${form}
<button type="submit" form="op.logoutForm" value="yes" name="logout">Afmelden</button>
<script>var f = document.getElementById('op.logoutForm'); var i = document.createElement('input');
i.type = 'hidden'; i.name = 'logout'; i.value = 'yes'; f.appendChild(i); f.submit();</script></body></html>`;
      },
    },
  },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  cookies: { keys: ['loket-test-only-cookie-key'] },
  ttl: { Session: 3600, Interaction: 600, Grant: 3600, AccessToken: 600, AuthorizationCode: 60, IdToken: 3600 },
});

const oidc = provider.callback();
http.createServer(async (req, res) => {
  if (req.url.startsWith('/interaction/')) {
    try {
      await provider.interactionDetails(req, res);
      const { sub } = currentClaims();
      return await provider.interactionFinished(req, res, { login: { accountId: sub } },
        { mergeWithLastSubmission: false });
    } catch (e) {
      res.statusCode = 500;
      return res.end(String(e));
    }
  }
  return oidc(req, res);
}).listen(PORT, '127.0.0.1', () => console.log(`oidc issuer http://127.0.0.1:${PORT}`));
