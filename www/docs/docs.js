// The interactive API documentation: Swagger UI (vendored from npm by `cargo xtask pkg`) over
// the simulator's OpenAPI document. "Try it out" sends the calls to this server: the
// simulator, or a real device behind `wattwaechter-sim --proxy`.
// @ts-nocheck — SwaggerUIBundle is the vendored bundle's global.
"use strict";

window.ui = SwaggerUIBundle({
  url: new URL("../api/v1/openapi.json", document.baseURI).href,
  dom_id: "#swagger-ui",
  deepLinking: true,
  // The public validator badge would call validator.swagger.io; the CSP forbids it anyway.
  validatorUrl: null,
  displayRequestDuration: true,
  defaultModelsExpandDepth: 0,
});
