"""Controllers for the tests of ``dmr.testing``: echoes of JSON bodies, sync and async.

The security controllers (``tests.security_app``) are mounted too, for
``as_user=``, with a pair that lets only anonymous callers in.
"""

import dataclasses
import uuid

from dmr import Body, Controller
from dmr.routing import path
from dmr.security import Anonymous
from tests import security_app
from tests.models import User


@dataclasses.dataclass
class Note:
    title: str
    owner: uuid.UUID
    tags: list[str] = dataclasses.field(default_factory=list)


class EchoSync(Controller):
    def post(self, note: Body[Note]) -> Note:
        return note

    def put(self, note: Body[Note]) -> Note:
        return note

    def patch(self, note: Body[Note]) -> Note:
        return note

    def delete(self, note: Body[Note]) -> Note:
        return note

    def get(self) -> User:
        return User(email='ada@example.com', uid=uuid.UUID(int=7))


class EchoAsync(Controller):
    async def post(self, note: Body[Note]) -> Note:
        return note

    async def put(self, note: Body[Note]) -> Note:
        return note

    async def patch(self, note: Body[Note]) -> Note:
        return note

    async def delete(self, note: Body[Note]) -> Note:
        return note

    async def get(self) -> User:
        return User(email='ada@example.com', uid=uuid.UUID(int=7))


ONLY_ANONYMOUS = security_app.pair('OnlyAnonymous', auth=[Anonymous()])


urlpatterns = [
    *security_app.urlpatterns,
    path('sync/echo/', EchoSync.as_view()),
    path('async/echo/', EchoAsync.as_view()),
    *(
        path(f'{kind}/only-anonymous/', controller.as_view())
        for kind, controller in zip(('sync', 'async'), ONLY_ANONYMOUS, strict=True)
    ),
]
