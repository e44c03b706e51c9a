"""What a project's ``settings.py`` needs for API tokens."""

from dmr.security import TokenAuth

INSTALLED_APPS = [
    'django.contrib.auth',
    'django.contrib.contenttypes',
    # Django's other apps and yours, then:
    'dmr',
    'dmr.security.tokens',
]

DMR_SETTINGS = {
    'auth': [TokenAuth()],  # every endpoint, unless its controller says otherwise
}
# The page shows the lines above; the docs' tests check them below.
from dmr.settings import parse_settings  # noqa: E402

assert parse_settings(DMR_SETTINGS).auth == (DMR_SETTINGS['auth'][0],)
