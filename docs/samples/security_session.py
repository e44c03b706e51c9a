"""Session login for browsers: the CSRF token, then login and logout, with ``DjangoSession``."""

from dmr import Controller
from dmr.routing import path
from dmr.security import DjangoSession
from dmr.security.login import CsrfTokenController, LoginController, LogoutController


class ProfileController(Controller):
    auth = (DjangoSession(),)

    def get(self) -> dict[str, str]:
        return {'username': self.request.user.get_username()}


urlpatterns = [
    path('auth/csrf/', CsrfTokenController.as_view()),  # GET: {"csrf_token": ...} and the cookie
    path('auth/login/', LoginController.as_view()),  # POST {"username", "password"}
    path('auth/logout/', LogoutController.as_view()),  # POST, 204
    path('me/', ProfileController.as_view()),
]

assert [str(pattern.pattern) for pattern in urlpatterns] == [
    'auth/csrf/',
    'auth/login/',
    'auth/logout/',
    'me/',
]
