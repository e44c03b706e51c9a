"""Django's CSRF check, run by the auths that read cookies, answering a reason.

Controllers are exempt from ``CsrfViewMiddleware``: a request authenticated
by a header cannot be forged by another site, and the auth stage resets
``request.user``, so only a cookie auth can act as the cookie's user. Those
auths run the same check the middleware would, with the same settings
(``CSRF_TRUSTED_ORIGINS``, ``CSRF_USE_SESSIONS``, ``CSRF_HEADER_NAME``...),
and turn a failure into a reason instead of Django's HTML page.
"""

from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import CsrfViewMiddleware


class _CsrfCheck(CsrfViewMiddleware):
    """The middleware's checks; a failure gives its reason instead of a page."""

    def _reject(self, _request: HttpRequest, reason: str) -> str:
        return reason


def _no_response(_request: HttpRequest) -> HttpResponse:
    raise AssertionError('the CSRF check never calls the view')  # pragma: no cover


def csrf_failure(request: HttpRequest) -> str | None:
    """Why the request fails Django's CSRF check, or ``None`` when it passes.

    Safe methods always pass. The token is read from the header named by
    ``CSRF_HEADER_NAME`` and, for ``POST`` form submissions, from the
    ``csrfmiddlewaretoken`` field, as Django reads it. With
    ``CSRF_USE_SESSIONS``, the session must already be loaded in async code
    (the session auth loads it while it finds the user).
    """
    check = _CsrfCheck(_no_response)
    check.process_request(request)
    reason: str | None = check.process_view(request, None, (), {})  # type: ignore[arg-type, assignment]  # no view: the checks alone
    return reason
