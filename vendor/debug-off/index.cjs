// Stands in for the `debug` package inside the browser build (vite.config.ts): fhirclient logs its
// launch and token traffic through it when localStorage.debug is set, which could put a token or
// a patient id in the console. Switched off for good here; it also keeps ~2 KB gzip out of the
// first screen's download.
'use strict';
function createDebug() {
  const log = function () {};
  log.enabled = false;
  log.extend = function () {
    return log;
  };
  return log;
}
createDebug.enable = function () {};
createDebug.disable = function () {
  return '';
};
createDebug.enabled = function () {
  return false;
};
module.exports = createDebug;
