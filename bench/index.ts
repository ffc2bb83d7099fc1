// `npm run bench`: every benchmark in one run, each printing its figures next to its baseline and targets.
export {};
const benches: Array<[string, () => Promise<{ run(): Promise<void> }>]> = [
  ['register: one key onto 1,000 repositories', () => import('./register')],
  ["register: 3,000 repositories under bitbucket.org's rate limit, killed and resumed", () => import('./register-rate-limit')],
  ['clone and cold start', () => import('./clone')],
  ['UI bundle size', () => import('./bundle')],
  ['repository picker in Chromium', () => import('./picker')],
  ['server-wide ownership: 200 projects, 2,000 VCS roots, 500 build configurations', () => import('./ownership')],
];

const only = process.argv.slice(2);
for (const [title, load] of benches) {
  if (only.length > 0 && !only.some((word) => title.includes(word))) continue;
  console.log(`\n== ${title} ==`);
  await (await load()).run();
}
