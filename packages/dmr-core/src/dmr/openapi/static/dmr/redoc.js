// dmr: starts ReDoc on the OpenAPI document embedded in the page.
'use strict';
(function () {
  // ReDoc's sidebar credit shows Redocly's logo from Redocly's CDN. The page
  // loads nothing from the internet, so the credit keeps its text and link
  // and its image stays blank.
  const blank = 'data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEAAAAALAAAAAABAAEAAAIBAAA=';
  const local = (url) => (String(url).startsWith('https://cdn.redoc.ly/') ? blank : url);
  const image = HTMLImageElement.prototype;
  const src = Object.getOwnPropertyDescriptor(image, 'src');
  Object.defineProperty(image, 'src', {
    ...src,
    set(url) {
      src.set.call(this, local(url));
    },
  });
  const setAttribute = Element.prototype.setAttribute;
  image.setAttribute = function (name, value) {
    return setAttribute.call(this, name, name === 'src' ? local(value) : value);
  };

  // The document's descriptions are Markdown that may carry HTML; with
  // `untrustedSpec` ReDoc sanitizes it, so no script in a description runs.
  Redoc.init(
    JSON.parse(document.getElementById('dmr-openapi').textContent),
    { untrustedSpec: true },
    document.getElementById('dmr-docs'),
  );
})();
