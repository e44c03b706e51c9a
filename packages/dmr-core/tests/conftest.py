import django
from django.conf import settings


def pytest_configure() -> None:
    settings.configure(
        DEBUG=False,
        SECRET_KEY='tests',
        ALLOWED_HOSTS=['*'],
        ROOT_URLCONF='tests.urls',
        INSTALLED_APPS=['django.contrib.contenttypes', 'dmr'],
        DATABASES={},
        DMR_SETTINGS={'serializer': 'tests.stub_backend.StubSerializer'},
        USE_TZ=True,
    )
    django.setup()
