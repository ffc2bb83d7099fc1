import { cpSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

interface Rule {
  include: boolean;
  source: string;
  target: string;
}

function parseArtifactRules(text: string): Rule[] {
  return text
    .split(/[\n,]/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const include = !line.startsWith('-:');
      const body = line.replace(/^[+-]:\s*/, '');
      const [source = '', target = ''] = body.split('=>').map((s) => s.trim());
      return { include, source: source.replace(/^\.\//, ''), target: target.replace(/^\/+|\/+$/g, '') };
    });
}

function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      re += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function listFiles(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(path.join(dir, e.name), `${prefix}${e.name}/`) : e.isFile() ? [`${prefix}${e.name}`] : [],
  );
}

/** Copies the files the rules select from the checkout folder into the artifacts folder; returns their artifact paths. */
export function publishArtifacts(rulesText: string, checkoutDir: string, artifactsDir: string): string[] {
  const rules = parseArtifactRules(rulesText);
  const files = listFiles(checkoutDir);
  const excluded = (file: string) => rules.some((r) => !r.include && globToRegExp(r.source).test(file));
  const published: string[] = [];
  for (const rule of rules.filter((r) => r.include)) {
    const wildcard = /[*?]/.test(rule.source);
    const full = path.join(checkoutDir, rule.source);
    let matches: Array<[string, string]>; // [file in checkout, path below target]
    if (wildcard) {
      const base = rule.source.slice(0, rule.source.search(/[^/]*[*?]/));
      const re = globToRegExp(rule.source);
      matches = files.filter((f) => re.test(f)).map((f) => [f, f.slice(base.length)]);
    } else if (existsSync(full) && statSync(full).isDirectory()) {
      const base = rule.source.replace(/\/*$/, '/');
      matches = files.filter((f) => f.startsWith(base)).map((f) => [f, f.slice(base.length)]);
    } else {
      matches = files.includes(rule.source) ? [[rule.source, path.basename(rule.source)]] : [];
    }
    for (const [file, below] of matches) {
      if (excluded(file)) continue;
      const artifact = rule.target ? `${rule.target}/${below}` : below;
      mkdirSync(path.dirname(path.join(artifactsDir, artifact)), { recursive: true });
      cpSync(path.join(checkoutDir, file), path.join(artifactsDir, artifact));
      published.push(artifact);
    }
  }
  return published;
}
