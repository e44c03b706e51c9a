// dmr: starts Scalar on the OpenAPI document embedded in the page, with
// nothing loaded from or sent to the internet: no web fonts, no telemetry,
// no AI agent, no developer toolbar, no link to Scalar's hosted client.
'use strict';
Scalar.createApiReference('#dmr-docs', {
  content: JSON.parse(document.getElementById('dmr-openapi').textContent),
  withDefaultFonts: false,
  telemetry: false,
  agent: { disabled: true },
  showDeveloperTools: 'never',
  hideClientButton: true,
});
