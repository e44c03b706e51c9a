"""What a project's ``settings.py`` needs for dmr."""

INSTALLED_APPS = [
    # Django's apps and yours, then:
    'dmr',
]

DMR_SETTINGS = {
    'serializer': 'msgspec',  # optional while it is the only backend installed
}
# The page shows the lines above; the docs' tests check them below.
from dmr.settings import parse_settings  # noqa: E402

assert parse_settings(DMR_SETTINGS).serializer == 'msgspec'
