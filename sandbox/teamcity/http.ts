import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RestContext } from './rest/context';

/** An error TeamCity-style: a status and a plain-text message. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new HttpError(404, what);
export const badRequest = (what: string) => new HttpError(400, what);

export interface Request {
  method: string;
  url: URL;
  /** Path segments after the route prefix matched by the router, URI-decoded. */
  params: string[];
  headers: IncomingMessage['headers'];
  body: Buffer;
  text(): string;
  json(): unknown;
}

export type Handler = (req: Request, res: ServerResponse, ctx: RestContext) => void | Promise<void>;

export interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
}

export function route(method: string, pattern: RegExp, handler: Handler): Route {
  return { method, pattern, handler };
}

export function sendJson(res: ServerResponse, status: number, doc: unknown): void {
  const body = JSON.stringify(doc);
  res.writeHead(status, { 'Content-Type': 'application/json;charset=UTF-8', 'Cache-Control': 'no-store' });
  res.end(body);
}

export function sendText(res: ServerResponse, status: number, text: string, type = 'text/plain;charset=UTF-8'): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(text);
}

export function sendError(res: ServerResponse, error: HttpError): void {
  const reason = { 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 409: 'Conflict' }[error.status] ?? 'Error';
  sendText(res, error.status, `Error has occurred during request processing, status code: ${error.status} (${reason}).\nDetails: ${error.message}\n`);
}

export async function readBody(req: IncomingMessage, limit = 5 * 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new HttpError(413, 'Request body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export function makeRequest(req: IncomingMessage, url: URL, params: string[], body: Buffer): Request {
  return {
    method: req.method ?? 'GET',
    url,
    params,
    headers: req.headers,
    body,
    text: () => body.toString('utf8'),
    json: () => {
      try {
        return JSON.parse(body.toString('utf8')) as unknown;
      } catch {
        throw badRequest('Could not parse the request body as JSON');
      }
    },
  };
}
