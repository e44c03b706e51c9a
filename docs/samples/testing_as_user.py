"""``as_user=``: a request authenticated as a user, with permissions still running."""

import dataclasses

import msgspec
from django.test import override_settings
from dmr import Controller, modify
from dmr.permissions import IsStaff
from dmr.routing import path
from dmr.security import ApiKey
from dmr.testing import DMRClient


@dataclasses.dataclass
class Member:
    """Stands for a user from the database (``User.objects.create_user(...)``)."""

    username: str
    is_staff: bool = False
    is_active: bool = True
    is_authenticated: bool = True


class Report(msgspec.Struct):
    requested_by: str


def owner_of(request, key):  # the production check: never called below
    raise AssertionError('as_user sends no API key')


class ReportController(Controller):
    auth = (ApiKey('X-API-Key', check=owner_of),)
    permissions = (IsStaff(),)

    def get(self) -> Report:
        return Report(requested_by=self.request.user.username)

    @modify(auth=None, permissions=[])  # public
    def post(self) -> Report:
        return Report(requested_by=self.request.user.username)


urlpatterns = [path('reports/', ReportController.as_view())]

with override_settings(ROOT_URLCONF=__name__):
    client = DMRClient()

    staff = client.get('/reports/', as_user=Member('grace', is_staff=True))
    assert (staff.status_code, staff.json()) == (200, {'requested_by': 'grace'})

    # The endpoint's permissions still judge the user.
    refused = client.get('/reports/', as_user=Member('ada'))
    assert (refused.status_code, refused.json()['detail'][0]['type']) == (403, 'permission_denied')

    # Only the request that asks acts as the user.
    assert client.get('/reports/').status_code == 401
