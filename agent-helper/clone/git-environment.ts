import { isLoopbackHttp } from '../config/endpoints';

type Env = Record<string, string | undefined>;

/** Variables that hand git credentials, another transport, relaxed TLS or configuration of the caller's choosing. */
const DROPPED = /^(BITBUCKET_.*|GIT_ASKPASS|SSH_ASKPASS|SSH_ASKPASS_REQUIRE|GIT_SSH|GIT_SSH_COMMAND|GIT_DIR|GIT_WORK_TREE|GIT_SSL_NO_VERIFY|GIT_CONFIG_PARAMETERS|GIT_CONFIG|GIT_CONFIG_GLOBAL|GIT_CONFIG_SYSTEM|GIT_CONFIG_NOSYSTEM|GIT_CONFIG_COUNT|GIT_CONFIG_KEY_\d+|GIT_CONFIG_VALUE_\d+)$/;


/** The caller's environment minus every Bitbucket secret and everything that could change how git connects or authenticates. */
export function callerEnvironment(env: Env): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (value !== undefined && !DROPPED.test(name)) result[name] = value;
  return result;
}

/**
 * git's environment: the caller's (cleaned), no global or system git config, TLS verified, no redirects
 * (a redirect could carry the Authorization header elsewhere), only https and ssh — plus plain http when
 * BITBUCKET_GIT_HTTPS_URL itself is a loopback http URL (the sandbox) — then the transport's settings.
 * LC_ALL=C keeps git's messages classifiable.
 */
export function gitEnvironment(env: Env, transport: Record<string, string>, gitHttpsUrl: string): NodeJS.ProcessEnv {
  const hardening: Array<[string, string]> = [
    ['http.sslVerify', 'true'],
    ['http.followRedirects', 'false'],
    ['protocol.allow', 'never'],
    ['protocol.https.allow', 'always'],
    ['protocol.ssh.allow', 'always'],
    ...(isLoopbackHttp(gitHttpsUrl) ? [['protocol.http.allow', 'always'] as [string, string]] : []),
  ];
  const config: Record<string, string> = { ...transport };
  const offset = Number.parseInt(transport.GIT_CONFIG_COUNT ?? '0', 10) || 0;
  hardening.forEach(([key, value], index) => {
    config[`GIT_CONFIG_KEY_${offset + index}`] = key;
    config[`GIT_CONFIG_VALUE_${offset + index}`] = value;
  });
  config.GIT_CONFIG_COUNT = String(offset + hardening.length);
  // GIT_TRACE_REDACT: a GIT_TRACE_CURL left on in the environment must not print the Authorization header.
  return { ...callerEnvironment(env), GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0', GIT_TRACE_REDACT: '1', LC_ALL: 'C', ...config };
}
