// Swagger UI for the Ansaf API at /api/docs/, reading the server's own /openapi document.
// "Try it out" runs in the browser's session: unsafe requests get the session's CSRF token.
window.onload = function () {
  var unsafe = /^(POST|PUT|PATCH|DELETE)$/i;
  window.ui = SwaggerUIBundle({
    url: '/openapi',
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: 'StandaloneLayout',
    requestInterceptor: function (req) {
      req.credentials = 'include';
      if (!unsafe.test(req.method) || (req.headers && req.headers['X-CSRFToken'])) return req;
      return fetch('/api/v1/auth/csrf/', { credentials: 'include' })
        .then(function (r) { return r.json(); })
        .then(function (body) { req.headers['X-CSRFToken'] = body.csrf_token; return req; });
    },
  });
};
