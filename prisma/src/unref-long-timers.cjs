// Preloaded (`node --require`) into every Prisma CLI process. Prisma 6's WebAssembly schema engine
// and its update checker leave a ~60 s timer behind, so a finished `migrate deploy` would keep the
// process alive for a minute. Long timers are never what keeps a CLI command's work going, so they
// are unref'd: the process exits as soon as its real work is done. Short timers are untouched.
'use strict';

const LONG_TIMER_MS = 5_000;

for (const name of ['setTimeout', 'setInterval']) {
  const original = globalThis[name];
  const patched = function (callback, delay, ...args) {
    const timer = original.call(this, callback, delay, ...args);
    if (typeof delay === 'number' && delay >= LONG_TIMER_MS && timer && typeof timer.unref === 'function') {
      timer.unref();
    }
    return timer;
  };
  Object.defineProperties(patched, Object.getOwnPropertyDescriptors(original));
  globalThis[name] = patched;
}
