import { currentAccount } from '../bitbucket/api';
import type { BitbucketClient } from '../bitbucket/client';
import type { CheckReport } from '../contract/reports';
import { authFailure, BitbucketHttpError } from '../bitbucket/http-error';

/** Authenticates with one GET /user and says who the credential acts as and what that means. */
export async function check(client: BitbucketClient): Promise<CheckReport> {
  const { mode } = client.credentials;
  let account;
  try {
    account = await currentAccount(client);
  } catch (error) {
    throw error instanceof BitbucketHttpError && error.isAuth ? authFailure(error, mode) : error;
  }
  const { name } = account;
  const personal = mode === 'api-token' || mode === 'app-password';
  const warnings: string[] = [];
  if (personal) {
    warnings.push(`personal credential: it stops working when ${name}'s Atlassian account is removed or loses access; prefer access keys or an OAuth consumer for builds`);
  }
  if (mode === 'api-token') {
    warnings.push("API tokens expire (at most one year) and Bitbucket does not tell the expiry date over the API: note it and rotate before then");
  }
  if (mode === 'access-token') {
    warnings.push('access tokens cannot manage access keys: register, revoke and rotate need an API token or an OAuth consumer');
  }
  return { mode, account: { kind: mode === 'access-token' ? 'access_token' : account.type, name, uuid: account.uuid }, personal, warnings };
}
