"""The users API (sync): list, create, read, replace, delete.

Reads are public; writes need a logged-in user (:data:`newsroom.auth.WRITERS`),
and a profile is replaced or deleted only by its own account.
"""

from typing import Annotated

from django.db import transaction
from django.db.models import Q
from dmr import Body, Controller, Path, Query, modify
from dmr.openapi import OperationInfo
from dmr.pagination import Page, PageNumberPaginator

from newsroom.auth import WRITERS, IsOwnProfile
from newsroom.errors import conflict_on_integrity_error, conflict_spec, not_found, not_found_spec
from newsroom.throttling import WRITES
from users.models import User
from users.schemas import UserIn, UserOut, UserPath, UserQuery

EMAIL_TAKEN = 'A user with this email already exists'
EMAIL_CONFLICT = conflict_spec(EMAIL_TAKEN)
on_email_taken = conflict_on_integrity_error(EMAIL_TAKEN, 'email')
USER_PAGES = PageNumberPaginator(max_per_page=100)


def user_out(user: User) -> UserOut:
    """The API's view of ``user``."""
    return UserOut(
        id=user.pk,
        email=user.email,
        name=user.name,
        bio=user.bio,
        created_at=user.created_at,
    )


def get_user(user_id: int) -> User:
    """The user with id ``user_id``, or a 404."""
    try:
        return User.objects.get(pk=user_id)
    except User.DoesNotExist:
        raise not_found(f'No user has id {user_id}', 'user_id') from None


def save_user(user: User, payload: UserIn) -> User:
    """Write ``payload`` into ``user``; a taken email raises ``IntegrityError``."""
    user.email = payload.email.lower()
    user.name = payload.name
    user.bio = payload.bio
    # A savepoint, so that a failed write leaves the surrounding transaction usable.
    with transaction.atomic():
        user.save()
    return user


class UserListController(Controller):
    """All users."""

    operation = OperationInfo(tags=['users'])
    auth = WRITERS
    throttles = WRITES

    @modify(auth=None, throttles=())
    def get(self, query: Query[Annotated[UserQuery, USER_PAGES]]) -> Page[UserOut]:
        """List users, oldest first.

        ``search`` keeps the users whose email or name contains it, in any case.
        """
        users = User.objects.order_by('id')
        if query.search is not None:
            users = users.filter(
                Q(email__icontains=query.search) | Q(name__icontains=query.search)
            )
        return USER_PAGES.paginate(users, query, user_out)

    @modify(extra_responses=[EMAIL_CONFLICT], error_handler=on_email_taken)
    def post(self, payload: Body[UserIn]) -> UserOut:
        """Create a user.

        Any logged-in user may add a profile (which has no account to log in
        with until one is linked to it). Emails are stored in lowercase; an
        email already taken is a 409.
        """
        return user_out(save_user(User(), payload))


class UserDetailController(Controller):
    """One user, by id."""

    operation = OperationInfo(tags=['users'])
    responses = (not_found_spec('No user has this id'),)
    auth = WRITERS
    throttles = WRITES
    permissions = (IsOwnProfile(),)

    @modify(auth=None, throttles=(), permissions=())
    def get(self, path: Path[UserPath]) -> UserOut:
        """Read a user.

        An id no user has is a 404.
        """
        return user_out(get_user(path.user_id))

    @modify(extra_responses=[EMAIL_CONFLICT], error_handler=on_email_taken)
    def put(self, path: Path[UserPath], payload: Body[UserIn]) -> UserOut:
        """Replace a user.

        Every field is written; an email another user has is a 409. Only the
        profile's own account may replace it (a 403 otherwise).
        """
        user = get_user(path.user_id)
        self.check_object_permissions(user)
        return user_out(save_user(user, payload))

    def delete(self, path: Path[UserPath]) -> None:
        """Delete a user, and the articles they wrote.

        An id no user has is a 404; only the profile's own account may delete
        it (a 403 otherwise). The account stays, without a profile.
        """
        user = get_user(path.user_id)
        self.check_object_permissions(user)
        user.delete()
