import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { Build, BuildType, Project, SandboxData, VcsRoot } from './model';

/** All sandbox state, kept in memory and written to `<dataDir>/state.json` after every change. */
export class Store {
  readonly data: SandboxData;
  private readonly file: string;

  constructor(
    readonly dataDir: string,
    seed: () => SandboxData,
  ) {
    mkdirSync(dataDir, { recursive: true });
    this.file = path.join(dataDir, 'state.json');
    this.data = existsSync(this.file) ? (JSON.parse(readFileSync(this.file, 'utf8')) as SandboxData) : seed();
    this.save();
  }

  save(): void {
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.data, null, 1), { mode: 0o600 });
    renameSync(tmp, this.file);
  }

  buildDir(id: number): string {
    return path.join(this.dataDir, 'builds', String(id));
  }

  project(id: string): Project | undefined {
    return this.data.projects.find((p) => p.id === id);
  }

  /** The project and its ancestors, nearest first. */
  projectChain(id: string): Project[] {
    const chain: Project[] = [];
    for (let p = this.project(id); p; p = p.parentId ? this.project(p.parentId) : undefined) chain.push(p);
    return chain;
  }

  /** The project and every project below it. */
  affectedProjects(id: string): Project[] {
    const result = this.data.projects.filter((p) => p.id === id);
    for (let i = 0; i < result.length; i++) result.push(...this.data.projects.filter((p) => p.parentId === result[i]!.id));
    return result;
  }

  vcsRoot(id: string): VcsRoot | undefined {
    return this.data.vcsRoots.find((r) => r.id === id);
  }

  buildType(id: string): BuildType | undefined {
    return this.data.buildTypes.find((b) => b.id === id);
  }

  build(id: number): Build | undefined {
    return this.data.builds.find((b) => b.id === id);
  }

  /** Is this id free among projects, build types and VCS roots (TeamCity keeps them unique together)? */
  idFree(id: string): boolean {
    return !this.project(id) && !this.buildType(id) && !this.vcsRoot(id);
  }
}
