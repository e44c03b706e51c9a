"""Django's own errors in the error model: handlers, the CSRF view, the API's catch-all."""

import msgspec
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.test import Client, override_settings
from dmr import Controller
from dmr.routing import Router, path


class Health(msgspec.Struct):
    ok: bool


class HealthController(Controller):
    def get(self) -> Health:
        return Health(ok=True)


def legacy(request: HttpRequest) -> HttpResponse:
    raise BadRequest('a plain Django view refuses the request')


def contact_form(request: HttpRequest) -> HttpResponse:
    return HttpResponse('thanks')


router = Router('api/', [path('health/', HealthController.as_view())])

# The root URLconf: the router ends with its catch-all, and Django's own
# error views are dmr's.
urlpatterns = [
    router.to_urlpatterns(namespace='api', catch_all=True),
    path('legacy/', legacy),
    path('contact/', contact_form),
]
handler400 = 'dmr.handlers.bad_request'
handler403 = 'dmr.handlers.permission_denied'
handler404 = 'dmr.handlers.not_found'
handler500 = 'dmr.handlers.server_error'

NOT_FOUND = {'detail': [{'msg': 'Not found', 'loc': [], 'type': 'not_found'}]}

with override_settings(ROOT_URLCONF=__name__):
    client = Client()
    assert client.get('/api/health/').json() == {'ok': True}

    # An unknown URL under the API: the catch-all answers, even with DEBUG on.
    for debug in (False, True):
        with override_settings(DEBUG=debug):
            response = client.get('/api/nope/')
            assert (response.status_code, response.json()) == (404, NOT_FOUND)

    # Elsewhere, handler404 answers (Django only calls it with DEBUG off).
    assert client.get('/elsewhere/').json() == NOT_FOUND

    # What Django refuses itself: handler400, without the exception's text.
    response = client.get('/legacy/')
    assert (response.status_code, response.json()['detail'][0]['type']) == (400, 'parse_error')

# settings.py: CSRF_FAILURE_VIEW answers a failed CSRF check in the error model.
with override_settings(
    ROOT_URLCONF=__name__,
    MIDDLEWARE=['django.middleware.csrf.CsrfViewMiddleware'],
    CSRF_FAILURE_VIEW='dmr.handlers.csrf_failure',
):
    response = Client(enforce_csrf_checks=True).post('/contact/')
    assert response.status_code == 403
    assert response.json()['detail'] == [
        {
            'msg': 'CSRF verification failed. CSRF cookie not set.',
            'loc': [],
            'type': 'permission_denied',
        },
    ]
