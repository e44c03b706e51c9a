"""Permissions compose with ``&``, ``|``, ``~``; object permissions check a loaded object."""

import dataclasses
import json

import msgspec
from django.test import RequestFactory
from dmr import Controller, Path
from dmr.permissions import IsAuthenticated, Permission
from dmr.security import Anonymous, ApiKey


@dataclasses.dataclass
class Member:
    pk: int
    suspended: bool = False
    is_active: bool = True
    is_authenticated: bool = True


@dataclasses.dataclass
class Note:
    id: int
    owner_id: int


NOTES = {1: Note(1, owner_id=7)}
MEMBERS = {'key-7': Member(7), 'key-8': Member(8), 'key-9': Member(9, suspended=True)}


class IsSuspended(Permission):
    def has_permission(self, request, controller):
        return request.user.suspended


class NotePath(msgspec.Struct):
    note_id: int


class IsOwner(Permission):
    def has_object_permission(self, request, controller, obj):
        return obj.owner_id == request.user.pk


AUTH = (ApiKey('X-API-Key', check=lambda request, key: MEMBERS.get(key)), Anonymous())


class NoteListController(Controller):
    auth = AUTH
    permissions = (IsAuthenticated() & ~IsSuspended(),)

    def get(self) -> list[int]:
        return list(NOTES)


class NoteController(Controller):
    auth = AUTH
    # Every permission's object check runs too: keep `~` out of them here,
    # since the inverse of a check that always passes always fails.
    permissions = (IsAuthenticated(), IsOwner())

    def get(self, path: Path[NotePath]) -> dict[str, int]:
        note = NOTES[path.note_id]
        self.check_object_permissions(note)  # `await self.acheck_...` in async code
        return {'id': note.id}


def read(key: str | None = None):
    headers = {} if key is None else {'X-API-Key': key}
    request = RequestFactory().get('/notes/1/', headers=headers)
    return NoteController.as_view()(request, note_id='1')


assert json.loads(read('key-7').content) == {'id': 1}  # the owner
assert read('key-8').status_code == 403  # a known user, not allowed: permission_denied
assert json.loads(read('key-8').content)['detail'][0]['type'] == 'permission_denied'
assert read().status_code == 401  # anonymous: not_authenticated


def notes(key: str | None = None):
    headers = {} if key is None else {'X-API-Key': key}
    return NoteListController.as_view()(RequestFactory().get('/notes/', headers=headers))


assert json.loads(notes('key-8').content) == [1]
assert notes('key-9').status_code == 403  # suspended
assert notes().status_code == 401
