// dmr: starts Swagger UI on the OpenAPI document embedded in the page.
'use strict';
window.ui = SwaggerUIBundle({
  spec: JSON.parse(document.getElementById('dmr-openapi').textContent),
  dom_id: '#dmr-docs',
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis],
  layout: 'BaseLayout',
});
