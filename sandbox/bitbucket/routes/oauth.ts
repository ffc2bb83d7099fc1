import { readBody, type Reply } from '../http';
import type { Router } from '../router';

function oauthError(status: number, error: string, description: string): Reply {
  return { status, body: { error, error_description: description } };
}

/** Bitbucket's token endpoint: client_credentials (and refresh_token) with the consumer's key:secret as HTTP Basic. */
export function oauthRoutes(router: Router): void {
  router.add('POST', '/site/oauth2/access_token', async (ctx) => {
    const form = new URLSearchParams(await readBody(ctx.req));
    let key = form.get('client_id') ?? '';
    let secret = form.get('client_secret') ?? '';
    const header = ctx.req.headers.authorization ?? '';
    if (/^basic\s/i.test(header)) {
      const decoded = Buffer.from(header.replace(/^basic\s+/i, ''), 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      key = decoded.slice(0, colon);
      secret = decoded.slice(colon + 1);
    }
    const consumer = ctx.state.fixture.credentials.oauthConsumers.find((c) => c.key === key && c.secret === secret);
    if (!consumer || ctx.state.isRevoked(consumer.key)) return oauthError(400, 'invalid_client', 'Invalid OAuth client credentials');

    const grant = form.get('grant_type');
    let record;
    if (grant === 'client_credentials') {
      // Bitbucket's answer for a public consumer (composer/composer#10678, jenkinsci/bitbucket-build-status-notifier-plugin#47).
      if (consumer.public) return oauthError(400, 'invalid_grant', 'Cannot use client_credentials with a consumer marked as "public". Calls for auto generated consumers should use urn:bitbucket:oauth2:jwt instead.');
      record = ctx.state.issueOAuthToken(consumer.key, consumer.scopes);
    } else if (grant === 'refresh_token') {
      record = ctx.state.redeemRefreshToken(form.get('refresh_token') ?? '', consumer.key);
      if (!record) return oauthError(400, 'invalid_grant', 'Invalid refresh_token');
    } else {
      return oauthError(400, 'unsupported_grant_type', `Unsupported grant type: ${grant ?? '(none)'}`);
    }
    return {
      status: 200,
      headers: { 'cache-control': 'no-store' },
      body: {
        access_token: record.accessToken,
        scopes: record.scopes.join(' '),
        expires_in: ctx.state.oauthTokenLifetimeSec,
        refresh_token: record.refreshToken,
        token_type: 'bearer',
        state: grant,
      },
    };
  });
}
