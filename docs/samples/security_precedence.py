"""Settings, then controller, then endpoint: the most specific ``auth`` wins."""

import json

from django.test import RequestFactory, override_settings
from dmr import Controller, modify
from dmr.security import ApiKey

ADMIN_KEY = ApiKey('X-Admin-Key', check=lambda request, key: None)
# In settings.py: DMR_SETTINGS = {'auth': [ApiKey('X-API-Key', check=...)], ...}
PROJECT = {'serializer': 'msgspec', 'auth': [ApiKey('X-API-Key', check=lambda r, k: None)]}

with override_settings(DMR_SETTINGS=PROJECT):

    class StatusController(Controller):  # no `auth`: the project's
        def get(self) -> str:
            return 'ok'

    class AdminController(Controller):
        auth = (ADMIN_KEY,)  # the controller's, for each of its endpoints

        def get(self) -> str:
            return 'admin'

        @modify(auth=None)  # this one endpoint is public
        def post(self) -> str:
            return 'public'

    status = StatusController.as_view()(RequestFactory().get('/'))
    admin = AdminController.as_view()(RequestFactory().get('/'))
    public = AdminController.as_view()(RequestFactory().post('/'))

assert status.status_code == admin.status_code == 401
assert json.loads(public.content) == 'public'
