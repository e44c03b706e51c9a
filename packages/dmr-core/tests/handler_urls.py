"""A root URLconf that answers Django's own errors with ``dmr.handlers``."""

from django.core.exceptions import BadRequest, PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import path

from dmr import Controller
from dmr.routing import Router


class Ping(Controller):
    def get(self) -> str:
        return 'pong'


def refused(request: HttpRequest) -> HttpResponse:
    raise BadRequest('a header Django refuses')


def forbidden(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied('internal reason')


def broken(request: HttpRequest) -> HttpResponse:
    raise RuntimeError('secret internals')


def form(request: HttpRequest) -> HttpResponse:
    return HttpResponse('accepted')


router = Router('api/', [path('ping/', Ping.as_view())])

urlpatterns = [
    router.to_urlpatterns(namespace='api', catch_all=True),
    path('refused/', refused),
    path('forbidden/', forbidden),
    path('broken/', broken),
    path('form/', form),
]

handler400 = 'dmr.handlers.bad_request'
handler403 = 'dmr.handlers.permission_denied'
handler404 = 'dmr.handlers.not_found'
handler500 = 'dmr.handlers.server_error'
