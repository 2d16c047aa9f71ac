// The environment every git child process starts from: the host's PATH and locale only, never the
// operator's git configuration (a global credential helper or `url.insteadOf` would change what is
// pushed where), and never an interactive prompt (a server process has no terminal).
const INHERITED = ['PATH', 'LANG', 'LC_ALL', 'TMPDIR', 'SSL_CERT_FILE', 'SSL_CERT_DIR', 'HTTPS_PROXY', 'NO_PROXY'];

export function gitBaseEnv(): Record<string, string> {
  const env: Record<string, string> = {
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_TERMINAL_PROMPT: '0',
    GIT_ASKPASS: '',
    SSH_ASKPASS: '',
    HOME: '/nonexistent',
    // git's messages are matched to classify errors: keep them in English.
    LC_MESSAGES: 'C',
  };
  for (const name of INHERITED) {
    const value = process.env[name];
    if (value) env[name] = value;
  }
  env['PATH'] ??= '/usr/local/bin:/usr/bin:/bin';
  return env;
}
