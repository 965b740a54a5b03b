"use strict";
// fhirclient reads `require("isomorphic-webcrypto").default` only when globalThis.crypto is absent.
// Every browser we support and Node >= 20 have WebCrypto, so hand back the platform's own.
module.exports = { default: globalThis.crypto };
