import { route, sendJson, sendText, notFound, type Request, type Route } from '../http';
import { isPassword, type Parameter } from '../model';
import type { RestContext } from './context';
import { parameterJson, parametersJson } from './json';
import { parseBody, propertySchema } from './schemas';

/** Something that holds parameters: a project or a build configuration. */
export interface ParameterOwner {
  own: Parameter[];
  inherited: Parameter[];
  href: string;
}

type Resolve = (ctx: RestContext, ownerLocator: string) => ParameterOwner;

function fromBody(req: Request, name: string, previous?: Parameter): Parameter {
  const type = String(req.headers['content-type'] ?? '');
  if (!type.includes('json')) return { name, value: req.text(), ...(previous?.rawType ? { rawType: previous.rawType } : {}) };
  const body = parseBody(propertySchema, req.json());
  return { name: body.name || name, value: body.value ?? '', ...(body.type?.rawValue ? { rawType: body.type.rawValue } : {}) };
}

function put(owner: ParameterOwner, parameter: Parameter): void {
  const index = owner.own.findIndex((p) => p.name === parameter.name);
  if (index >= 0) owner.own[index] = parameter;
  else owner.own.push(parameter);
}

/** GET/POST …/parameters, GET/PUT/DELETE …/parameters/NAME and …/parameters/NAME/value under `prefix`. */
export function parameterRoutes(prefix: string, resolve: Resolve): Route[] {
  const list = new RegExp(`^${prefix}/([^/]+)/parameters/?$`);
  const one = new RegExp(`^${prefix}/([^/]+)/parameters/([^/]+)$`);
  const value = new RegExp(`^${prefix}/([^/]+)/parameters/([^/]+)/value$`);
  const find = (owner: ParameterOwner, name: string) => {
    const own = owner.own.find((p) => p.name === name);
    if (own) return { parameter: own, inherited: false };
    const inherited = owner.inherited.find((p) => p.name === name);
    if (inherited) return { parameter: inherited, inherited: true };
    throw notFound(`No parameter with name '${name}' is found.`);
  };
  return [
    route('GET', list, (req, res, ctx) => {
      const owner = resolve(ctx, req.params[0]!);
      sendJson(res, 200, parametersJson(owner.own, owner.href, owner.inherited));
    }),
    route('POST', list, (req, res, ctx) => {
      const owner = resolve(ctx, req.params[0]!);
      const body = parseBody(propertySchema, req.json());
      const parameter: Parameter = { name: body.name, value: body.value ?? '', ...(body.type?.rawValue ? { rawType: body.type.rawValue } : {}) };
      put(owner, parameter);
      ctx.store.save();
      sendJson(res, 200, parameterJson(parameter, owner.href));
    }),
    route('GET', one, (req, res, ctx) => {
      const owner = resolve(ctx, req.params[0]!);
      const { parameter, inherited } = find(owner, req.params[1]!);
      sendJson(res, 200, parameterJson(parameter, owner.href, inherited));
    }),
    route('PUT', one, (req, res, ctx) => {
      const owner = resolve(ctx, req.params[0]!);
      const name = req.params[1]!;
      const parameter = fromBody(req, name, owner.own.find((p) => p.name === name));
      put(owner, parameter);
      ctx.store.save();
      sendJson(res, 200, parameterJson(parameter, owner.href));
    }),
    route('DELETE', one, (req, res, ctx) => {
      const owner = resolve(ctx, req.params[0]!);
      const index = owner.own.findIndex((p) => p.name === req.params[1]);
      if (index < 0) throw notFound(`No own parameter with name '${req.params[1]}' is found.`);
      owner.own.splice(index, 1);
      ctx.store.save();
      res.writeHead(204).end();
    }),
    route('GET', value, (req, res, ctx) => {
      const { parameter } = find(resolve(ctx, req.params[0]!), req.params[1]!);
      sendText(res, 200, isPassword(parameter) ? '' : parameter.value);
    }),
    route('PUT', value, (req, res, ctx) => {
      const owner = resolve(ctx, req.params[0]!);
      const name = req.params[1]!;
      const previous = owner.own.find((p) => p.name === name) ?? owner.inherited.find((p) => p.name === name);
      const parameter: Parameter = { name, value: req.text(), ...(previous?.rawType ? { rawType: previous.rawType } : {}) };
      put(owner, parameter);
      ctx.store.save();
      sendText(res, 200, isPassword(parameter) ? '' : parameter.value);
    }),
  ];
}
