import assert from 'node:assert/strict';
import { DEFAULT_GIT_SSH, gitHttpsProblem, gitSshProblem, sshChoiceOf } from '../../../plugin-ui/project/settings';
import { sshUrl } from '../../../plugin-ui/repositories/vcs/ids';

describe('git endpoints of new VCS roots', () => {
  it('defaults to ssh.bitbucket.org in Bitbucket\'s own form, with port 443 on altssh as the option', () => {
    assert.equal(sshUrl(DEFAULT_GIT_SSH, 'acme/api'), 'git@ssh.bitbucket.org:acme/api.git');
    assert.equal(sshChoiceOf('git@altssh.bitbucket.org:443'), 'port443');
    assert.equal(sshChoiceOf('git@127.0.0.1:2222'), 'custom');
  });

  it('accepts https only (http on loopback for the local sandbox) and never credentials in a URL', () => {
    assert.equal(gitHttpsProblem('https://bitbucket.org'), null);
    assert.equal(gitHttpsProblem('http://127.0.0.1:7990'), null);
    assert.match(gitHttpsProblem('http://bitbucket.example.com') ?? '', /https/);
    assert.match(gitHttpsProblem('https://x-token-auth:secret@bitbucket.org') ?? '', /credentials/);
    assert.match(gitHttpsProblem('https://bitbucket.org/?next=evil') ?? '', /base URL/);
    assert.equal(gitSshProblem('git@ssh.bitbucket.org'), null);
    assert.match(gitSshProblem('git:secret@ssh.bitbucket.org') ?? '', /user@host/);
    assert.match(gitSshProblem('-oProxyCommand=evil@host') ?? '', /user@host/);
  });
});
