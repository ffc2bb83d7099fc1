/** The one line for a retired app password, shared by REST (refused before sending) and git over HTTPS (410, CHANGE-3222). */
export const APP_PASSWORD_RETIRED =
  'Bitbucket removed app passwords on 2026-07-28, so BITBUCKET_AUTH=app-password can no longer work; ' +
  'use an API token (api-token), an OAuth consumer (oauth), an access token (access-token) or an access key (ssh-key) instead';
