import { strict as assert } from 'node:assert';
import { buildHostRuntime } from '../../sandbox/teamcity/host-runtime/build';
import { requireBuilt } from '../support/built';
import { openBrowser, type BrowserSession } from '../support/browser';
import { startTeamCity, type TeamCityFixture } from './fixture';


describe('TeamCity sandbox admin page and host runtime', () => {
  let tc: TeamCityFixture;
  let browser: BrowserSession;
  before(async () => {
    tc = await startTeamCity({ pluginZip: requireBuilt('zip'), hostRuntime: await buildHostRuntime() });
    browser = await openBrowser();
  });
  after(async () => {
    await browser?.close();
    await tc?.close();
  });

  it('serves the project tab page with the JSP root element, the host runtime and our bundle', async () => {
    const res = await fetch(tc.sandbox.adminTabUrl('AcmeBackend_Services'));
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /<div id="repo-access-root" data-project-id="AcmeBackend_Services"><\/div>/);
    assert.match(html, /<script src="\/sandbox\/host-runtime.js" defer><\/script>/, 'the frontend API comes after the bundle has run');
    const bundle = await fetch(`${tc.sandbox.url}/plugins/repo-access/bundle.js`);
    assert.equal(bundle.status, 200);
    assert.equal((await fetch(tc.sandbox.adminTabUrl('NoSuchProject'))).status, 404);
  });

  it('gives the page window.TeamCityAPI with React 19 and request helpers that send the CSRF token', async () => {
    const { page } = browser;
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(tc.sandbox.adminTabUrl('AcmeBackend'));
    const result = await page.evaluate(async () => {
      const api = (window as unknown as { TeamCityAPI: any }).TeamCityAPI; // eslint-disable-line @typescript-eslint/no-explicit-any
      const project = await api.utils.requestJSON('app/rest/projects/id:AcmeBackend');
      const created = await api.utils.requestJSON('app/rest/projects/id:AcmeBackend/parameters', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'from.browser', value: 'yes' }),
      });
      const text = await api.utils.requestText('app/rest/projects/id:AcmeBackend/parameters/from.browser/value');
      const noToken = await fetch('/app/rest/projects/id:AcmeBackend/parameters', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"name":"x","value":"y"}' });
      let missing: { status?: number; message?: string } = {};
      try {
        await api.utils.requestJSON('app/rest/projects/id:Missing');
      } catch (e) {
        missing = { status: (e as { statusCode: number }).statusCode, message: (e as Error).message };
      }
      return {
        react: api.React.version as string,
        hasCreateRoot: typeof api.ReactDOMClient.createRoot === 'function',
        hasPlugin: typeof api.Plugin === 'function' && typeof api.TabPlugin === 'function',
        csrf: (window as unknown as { BS: { CSRF: { getCachedToken(): string } } }).BS.CSRF.getCachedToken(),
        baseUri: (window as unknown as { base_uri: string }).base_uri,
        projectName: project.name as string,
        created: created.name as string,
        text,
        noTokenStatus: noToken.status,
        missing,
      };
    });
    assert.match(result.react, /^19\./);
    assert.ok(result.hasCreateRoot && result.hasPlugin);
    assert.equal(result.csrf, tc.sandbox.csrfToken);
    assert.equal(result.baseUri, tc.sandbox.url);
    assert.equal(result.projectName, 'Acme Backend');
    assert.equal(result.created, 'from.browser');
    assert.equal(result.text, 'yes');
    assert.equal(result.noTokenStatus, 403);
    assert.equal(result.missing.status, 404);
    assert.match(result.missing.message ?? '', /No project found/);
    assert.deepEqual(errors, []);
    await browser.screenshot('teamcity-sandbox-admin-tab');
  });

  it('the tab waits for window.TeamCityAPI that arrives after the bundle ran', async () => {
    const { page } = browser;
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(tc.sandbox.adminTabUrl('AcmeBackend'));
    await page.getByRole('tab', { name: 'Connection' }).waitFor({ timeout: 15_000 });
    assert.deepEqual(errors, []);
  });

  it('says in one line that it cannot start when window.TeamCityAPI never comes', async () => {
    const session = await openBrowser();
    try {
      const errors: string[] = [];
      session.page.on('pageerror', (e) => errors.push(e.message));
      await session.page.route('**/sandbox/host-runtime.js', (route) => route.abort());
      await session.page.goto(tc.sandbox.adminTabUrl('AcmeBackend'));
      const line = session.page.locator('#repo-access-root');
      await line.getByText(/^Repo Access cannot start: this TeamCity page did not provide its frontend API/).waitFor({ timeout: 20_000 });
      assert.equal(((await line.textContent()) ?? '').split('\n').length, 1);
      assert.deepEqual(errors, []);
    } finally {
      await session.close();
    }
  });

  it('retries a write once with a fresh token when the server restarted under an open page', async () => {
    const { page } = browser;
    await page.goto(tc.sandbox.adminTabUrl('AcmeBackend'));
    const before = tc.sandbox.csrfToken;
    await tc.restart({ samePort: true });
    assert.notEqual(tc.sandbox.csrfToken, before);
    const name = await page.evaluate(async () => {
      const api = (window as unknown as { TeamCityAPI: any }).TeamCityAPI; // eslint-disable-line @typescript-eslint/no-explicit-any
      const created = await api.utils.requestJSON('app/rest/projects/id:AcmeBackend/parameters', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'after.restart', value: 'ok' }),
      });
      return created.name as string;
    });
    assert.equal(name, 'after.restart');
  });

  it('mounts a TabPlugin through the registry', async () => {
    const { page } = browser;
    const found = await page.evaluate(() => {
      const api = (window as unknown as { TeamCityAPI: any }).TeamCityAPI; // eslint-disable-line @typescript-eslint/no-explicit-any
      const plugin = new api.TabPlugin({ name: 'probe', content: '<b>probe content</b>' });
      plugin.mount();
      return { text: plugin.container?.textContent, registered: api.pluginRegistry.findUniquePlugin('TAB_PLUGIN_CONTAINER', 'probe') === plugin };
    });
    assert.deepEqual(found, { text: 'probe content', registered: true });
  });
});
