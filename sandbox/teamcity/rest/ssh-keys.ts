import { badRequest, notFound, route, sendJson, type Request, type Route } from '../http';
import type { RestContext } from './context';
import { findProject } from './projects';

const LIST = /^\/app\/rest\/projects\/([^/]+)\/sshKeys\/?$/;
const ONE = /^\/app\/rest\/projects\/([^/]+)\/sshKeys\/([^/]+)$/;

/** Whether a private key needs a passphrase: PEM `ENCRYPTED` headers, or an OpenSSH key whose cipher is not "none". */
export function isEncrypted(keyText: string): boolean {
  if (/ENCRYPTED/.test(keyText)) return true;
  const body = /-----BEGIN OPENSSH PRIVATE KEY-----([\s\S]*?)-----END OPENSSH PRIVATE KEY-----/.exec(keyText)?.[1];
  if (!body) return false;
  const bytes = Buffer.from(body.replace(/\s+/g, ''), 'base64');
  const magic = 'openssh-key-v1\0'.length;
  const length = bytes.length >= magic + 4 ? bytes.readUInt32BE(magic) : 0;
  return bytes.subarray(magic + 4, magic + 4 + length).toString('latin1') !== 'none';
}

/** The uploaded key: the raw body, or the first file part of a multipart/form-data body (as TeamCity's web form sends). */
function keyText(req: Request): string {
  const type = String(req.headers['content-type'] ?? '');
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(type);
  if (!type.startsWith('multipart/form-data') || !boundary) return req.text();
  const text = req.text();
  const part = text.split(`--${boundary[1] ?? boundary[2]}`).find((p) => /filename=|name="fileToUpload"/.test(p));
  if (!part) throw badRequest('The multipart body has no file part');
  return part.slice(part.indexOf('\r\n\r\n') + 4).replace(/\r\n$/, '');
}

export function sshKeyRoutes(): Route[] {
  const list = (ctx: RestContext, locator: string) => {
    const project = findProject(ctx.store, locator);
    return { sshKey: Object.entries(project.sshKeys).map(([name, key]) => ({ name, encrypted: isEncrypted(key) })) };
  };
  return [
    route('GET', LIST, (req, res, ctx) => sendJson(res, 200, list(ctx, req.params[0]!))),
    route('POST', LIST, (req, res, ctx) => {
      const project = findProject(ctx.store, req.params[0]!);
      const name = req.url.searchParams.get('fileName');
      if (!name) throw badRequest("Query parameter 'fileName' is required: the name the key is stored under");
      const key = keyText(req);
      if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(key)) throw badRequest('Uploaded file is not a private SSH key');
      project.sshKeys[name] = key;
      ctx.store.save();
      res.writeHead(204).end();
    }),
    // DELETE is only /sshKeys/{sshKeyName}; /sshKeys has GET and POST, so JAX-RS answers 405 there (teamcity-rest ProjectRequest.java deleteSshKey, @since 2023.05).
    route('DELETE', ONE, (req, res, ctx) => {
      const project = findProject(ctx.store, req.params[0]!);
      const name = req.params[1]!;
      if (!(name in project.sshKeys)) throw notFound(`No SSH key with name '${name}' in project '${project.id}'`);
      delete project.sshKeys[name];
      ctx.store.save();
      res.writeHead(204).end();
    }),
  ];
}
