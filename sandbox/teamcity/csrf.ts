import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** TeamCity's CSRF protection: every state-changing request must carry the token in `X-TC-CSRF-Token`. */
export class Csrf {
  readonly token = randomBytes(16).toString('hex').replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');

  accepts(req: IncomingMessage): boolean {
    if (['GET', 'HEAD', 'OPTIONS'].includes(req.method ?? 'GET')) return true;
    const given = req.headers['x-tc-csrf-token'];
    if (typeof given !== 'string') return false;
    const a = Buffer.from(given);
    const b = Buffer.from(this.token);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  static readonly refusal =
    'Responding with 403 status code due to failed CSRF check: the request has no valid "X-TC-CSRF-Token" header. ' +
    'Get a token from /authenticationTest.html?csrf and send it with every non-GET request.';
}
