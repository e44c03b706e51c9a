"""What a client sees of the project under one backend, for ``test_switching.py``.

Run from ``examples/project`` as ``python -m tests.switching_probe``, with
``NEWSROOM_SERIALIZER`` naming the backend and ``DATABASE_URL`` a SQLite file
of its own. It migrates that database, writes a few rows (:func:`write_rows`),
sends every request of :data:`CASES` through Django's test client, each in a
transaction that is rolled back so that no case sees another's writes (and
with no cookie left from the one before), and prints one JSON object on
stdout:

- ``backend``: the serializer the project ran with and the library its
  models come from, proof that the switch took effect;
- ``answers``: for each case, by name, the status, the content type, the
  ``[loc, type]`` of every error detail, and the body of a success, its
  timestamps reduced to their format and its tokens hidden (the values differ
  from run to run);
- ``openapi``: the OpenAPI document the project serves.

Importing this module has no side effect: ``test_switching.py`` reads
:data:`BACKENDS` and :data:`CASES` from it.
"""

import dataclasses
import json
import sys
import tempfile
from datetime import datetime
from typing import Any

BACKENDS = ('msgspec', 'pydantic', 'attrs')
"""The values of ``NEWSROOM_SERIALIZER``; the first one is the reference."""

Answer = tuple[int, tuple[str, ...]]
"""A status and its error details, each written ``'body.tags.1 pattern_mismatch'``."""


@dataclasses.dataclass(frozen=True)
class Case:
    """One request, and the answer each backend gives it.

    ``request`` is a method and a path, which may name the rows
    :func:`write_rows` creates: ``{ada}`` and ``{grace}`` (user ids),
    ``{hello}`` and ``{draft}`` (article ids). A ``body`` of ``bytes`` is
    sent as it is, anything else as JSON. Every request carries Ada's JWT,
    unless ``anonymous``: writes need a login, reads ignore it. ``answers`` holds the status and
    errors of each backend: the same answer for all, unless the case is one
    of the known differences, whose ``why`` says what differs.
    """

    name: str
    request: str
    body: Any
    answers: dict[str, Answer]
    why: str = ''
    content_type: str = 'application/json'
    anonymous: bool = False

    @property
    def method(self) -> str:
        return self.request.partition(' ')[0]

    @property
    def path(self) -> str:
        return self.request.partition(' ')[2]

    @property
    def id(self) -> str:
        """The case's name in test ids and in the recorded answers."""
        return f'{self.request}: {self.name}'

    def same(self, backend: str) -> bool:
        """Whether ``backend`` gives this request the answer msgspec gives it."""
        return self.answers[backend] == self.answers['msgspec']


def case(name: str, request: str, body: Any = None, status: int = 200, *errors: str) -> Case:
    """A request every backend answers alike."""
    answer = (status, errors)
    return Case(name, request, body, dict.fromkeys(BACKENDS, answer))


def anonymous(name: str, request: str, body: Any, status: int, *errors: str) -> Case:
    """A request sent without Ada's token, which every backend answers alike."""
    return dataclasses.replace(case(name, request, body, status, *errors), anonymous=True)


def bad(name: str, request: str, body: Any, *errors: str) -> Case:
    """A request every backend refuses with a 400 and ``errors``."""
    return case(name, request, body, 400, *errors)


def differs(
    name: str,
    request: str,
    body: Any = None,
    *,
    msgspec: Answer,
    pydantic: Answer,
    attrs: Answer,
    why: str,
) -> Case:
    """A request some backends answer differently, for the reason ``why``."""
    answers = {'msgspec': msgspec, 'pydantic': pydantic, 'attrs': attrs}
    return Case(name, request, body, answers, why)


USER = {'email': 'new@example.com', 'name': 'New Person'}
ARTICLE_IMAGE = 'PUT /api/articles/{hello}/image/'
MULTIPART = 'multipart/form-data; boundary=probe'
GIF_UPLOAD = (
    b'--probe\r\nContent-Disposition: form-data; name="image"; filename="a.gif"\r\n'
    b'Content-Type: image/gif\r\n\r\nGIF89a\r\n--probe--\r\n'
)
NO_UPLOAD = b'--probe\r\nContent-Disposition: form-data; name="title"\r\n\r\nx\r\n--probe--\r\n'
TAG = {'slug': 'new-tag', 'name': 'New tag'}


def article(**fields: Any) -> dict[str, Any]:
    """A valid article body by Ada, with ``fields`` changed."""
    return {'slug': 'new-article', 'title': 'New article', 'author_id': 1} | fields


PASSWORD = 'probe-password'
"""The password of Ada's and Grace's accounts."""
WRONG_PASSWORD = {'username': 'ada@example.com', 'password': 'wrong'}
LOGIN = 'POST /api/auth/login/'
OBTAIN = 'POST /api/auth/token/'
USERS = 'GET /api/users/'
NEW_USER = 'POST /api/users/'
TAGS = 'GET /api/tags/'
NEW_TAG = 'POST /api/tags/'
ARTICLES = 'GET /api/articles/'
NEW_ARTICLE = 'POST /api/articles/'

FIRST_ERROR = (
    'msgspec stops at the first error, in the order of the JSON; pydantic and attrs '
    '(cattrs) report them all, in the order of the fields'
)
EVERY_CONSTRAINT = (
    'a value that breaks two constraints of its field: msgspec and pydantic report '
    'the first one they check (the length before the pattern); attrs stops at the '
    'first failing validator too, without saying which field failed, so the attrs '
    'backend runs every validator of the field again to locate it, and reports each '
    'one that fails'
)

CASES: tuple[Case, ...] = (
    # users: the listing
    case('first page', USERS),
    case('page 2 of 1 per page', f'{USERS}?page=2&per_page=1'),
    case('search', f'{USERS}?search=ADA'),
    case('unknown parameter', f'{USERS}?colour=red'),
    case('page given twice', f'{USERS}?page=1&page=2', None, 404, 'query.page out_of_range'),
    case('page past the end', f'{USERS}?page=9', None, 404, 'query.page out_of_range'),
    bad('page 0', f'{USERS}?page=0', None, 'query.page out_of_range'),
    bad('page -1', f'{USERS}?page=-1', None, 'query.page out_of_range'),
    bad('page empty', f'{USERS}?page=', None, 'query.page type_error'),
    bad('page 1.5', f'{USERS}?page=1.5', None, 'query.page type_error'),
    bad('page 0x10', f'{USERS}?page=0x10', None, 'query.page type_error'),
    bad('per_page 101', f'{USERS}?per_page=101', None, 'query.per_page out_of_range'),
    bad('per_page ten', f'{USERS}?per_page=ten', None, 'query.per_page type_error'),
    bad('empty search', f'{USERS}?search=', None, 'query.search too_short'),
    bad('long search', f'{USERS}?search={"x" * 101}', None, 'query.search too_long'),
    # users: create
    case('valid', NEW_USER, USER, 201),
    case('email in capitals', NEW_USER, USER | {'email': 'NEW@Example.COM'}, 201),
    case('with a bio', NEW_USER, USER | {'bio': 'Hello'}, 201),
    case('100 astral characters', NEW_USER, USER | {'name': '\U0001f600' * 100}, 201),
    # The pattern ends in `\Z`, the document's `$`: a final newline is no part of an email.
    bad(
        'final newline',
        NEW_USER,
        USER | {'email': 'new@example.com\n'},
        'body.email pattern_mismatch',
    ),
    bad('NEL', NEW_USER, USER | {'email': 'new@exa\x85mple.com'}, 'body.email pattern_mismatch'),
    case(
        'taken email', NEW_USER, {**USER, 'email': 'ADA@example.com'}, 409, 'body.email api_error'
    ),
    bad('no name', NEW_USER, {'email': 'new@example.com'}, 'body.name missing'),
    bad('no email', NEW_USER, {'name': 'New'}, 'body.email missing'),
    bad('unknown field', NEW_USER, USER | {'admin': True}, 'body.admin extra_forbidden'),
    bad('empty name', NEW_USER, USER | {'name': ''}, 'body.name too_short'),
    bad('long name', NEW_USER, USER | {'name': 'n' * 101}, 'body.name too_long'),
    bad('long bio', NEW_USER, USER | {'bio': 'b' * 501}, 'body.bio too_long'),
    bad(
        '101 astral characters',
        NEW_USER,
        USER | {'name': '\U0001f600' * 101},
        'body.name too_long',
    ),
    bad(
        'invalid email', NEW_USER, USER | {'email': 'not an email'}, 'body.email pattern_mismatch'
    ),
    bad(
        'long email', NEW_USER, USER | {'email': 'a' * 250 + '@example.com'}, 'body.email too_long'
    ),
    bad('email a number', NEW_USER, USER | {'email': 42}, 'body.email type_error'),
    bad('name null', NEW_USER, USER | {'name': None}, 'body.name type_error'),
    bad('bio a number', NEW_USER, USER | {'bio': 7}, 'body.bio type_error'),
    bad('a list', NEW_USER, [USER], 'body type_error'),
    bad('a string', NEW_USER, 'ada', 'body type_error'),
    bad('a number', NEW_USER, 7, 'body type_error'),
    bad('null', NEW_USER, None, 'body type_error'),
    bad('malformed JSON', NEW_USER, b'{"email": ', 'body parse_error'),
    bad('empty body', NEW_USER, b'', 'body parse_error'),
    bad('invalid UTF-8', NEW_USER, b'{"email": "\xff"}', 'body parse_error'),
    bad('lone surrogate', NEW_USER, b'{"email": "a@b.c", "name": "\\ud800"}', 'body parse_error'),
    dataclasses.replace(
        case('text/plain', NEW_USER, b'x', 415, 'headers.content-type unsupported_media_type'),
        content_type='text/plain',
    ),
    # users: one user
    case('valid', 'GET /api/users/{ada}/'),
    case('unknown id', 'GET /api/users/999/', None, 404, 'path.user_id not_found'),
    case('valid', 'PUT /api/users/{ada}/', USER | {'bio': 'x'}),
    case('own email', 'PUT /api/users/{ada}/', {'email': 'ada@example.com', 'name': 'A'}),
    case(
        'taken email',
        'PUT /api/users/{ada}/',
        {'email': 'grace@example.com', 'name': 'A'},
        409,
        'body.email api_error',
    ),
    case('unknown id', 'PUT /api/users/999/', USER, 404, 'path.user_id not_found'),
    bad('empty name', 'PUT /api/users/{ada}/', USER | {'name': ''}, 'body.name too_short'),
    case('valid', 'DELETE /api/users/{ada}/', None, 204),
    case('unknown id', 'DELETE /api/users/999/', None, 404, 'path.user_id not_found'),
    case('no PATCH', 'PATCH /api/users/{ada}/', USER, 405, 'method method_not_allowed'),
    # tags (async controllers)
    case('all', TAGS),
    case('search', f'{TAGS}?search=rEsT'),
    bad('empty search', f'{TAGS}?search=', None, 'query.search too_short'),
    bad('long search', f'{TAGS}?search={"x" * 51}', None, 'query.search too_long'),
    case('valid', NEW_TAG, TAG, 201),
    bad('final newline', NEW_TAG, TAG | {'slug': 'new-tag\n'}, 'body.slug pattern_mismatch'),
    case('taken slug', NEW_TAG, TAG | {'slug': 'django'}, 409, 'body.slug api_error'),
    bad('capitals', NEW_TAG, TAG | {'slug': 'Django'}, 'body.slug pattern_mismatch'),
    bad('two words', NEW_TAG, TAG | {'slug': 'two words'}, 'body.slug pattern_mismatch'),
    bad('trailing hyphen', NEW_TAG, TAG | {'slug': 'tag-'}, 'body.slug pattern_mismatch'),
    bad('long slug', NEW_TAG, TAG | {'slug': 's' * 51}, 'body.slug too_long'),
    bad('slug a number', NEW_TAG, TAG | {'slug': 1}, 'body.slug type_error'),
    bad('empty name', NEW_TAG, TAG | {'name': ''}, 'body.name too_short'),
    bad('long name', NEW_TAG, TAG | {'name': 'n' * 51}, 'body.name too_long'),
    bad('no slug', NEW_TAG, {'name': 'Name'}, 'body.slug missing'),
    bad('unknown field', NEW_TAG, TAG | {'colour': 'red'}, 'body.colour extra_forbidden'),
    case('valid', 'GET /api/tags/rest/'),
    case('unknown slug', 'GET /api/tags/nope/', None, 404, 'path.slug not_found'),
    case('valid', 'PUT /api/tags/rest/', {'slug': 'restful', 'name': 'RESTful'}),
    case(
        'taken slug', 'PUT /api/tags/rest/', TAG | {'slug': 'django'}, 409, 'body.slug api_error'
    ),
    case('unknown slug', 'PUT /api/tags/nope/', TAG, 404, 'path.slug not_found'),
    bad('no name', 'PUT /api/tags/rest/', {'slug': 'rest'}, 'body.name missing'),
    case('valid', 'DELETE /api/tags/rest/', None, 204),
    case('unknown slug', 'DELETE /api/tags/nope/', None, 404, 'path.slug not_found'),
    # articles: the listing
    case('first page', ARTICLES),
    case('by title', f'{ARTICLES}?ordering=title'),
    case('oldest first, one a page', f'{ARTICLES}?ordering=oldest&per_page=1'),
    case('by author', f'{ARTICLES}?author={{grace}}'),
    case('two tags', f'{ARTICLES}?tag=python&tag=rest'),
    case('empty tag', f'{ARTICLES}?tag='),
    case('20 tags', f'{ARTICLES}?' + '&'.join(f'tag=t{n}' for n in range(20))),
    bad(
        '21 tags',
        f'{ARTICLES}?' + '&'.join(f'tag=t{n}' for n in range(21)),
        None,
        'query.tag too_long',
    ),
    bad('long tag', f'{ARTICLES}?tag={"t" * 51}', None, 'query.tag.0 too_long'),
    case('unpublished', f'{ARTICLES}?published=false'),
    case('published 1', f'{ARTICLES}?published=1'),
    case('published TRUE', f'{ARTICLES}?published=TRUE'),
    case('search', f'{ARTICLES}?search=HELLO'),
    bad('garbage cursor', f'{ARTICLES}?cursor=garbage', None, 'query.cursor invalid_cursor'),
    bad('unknown ordering', f'{ARTICLES}?ordering=best', None, 'query.ordering invalid_choice'),
    bad(
        'ordering in capitals', f'{ARTICLES}?ordering=TITLE', None, 'query.ordering invalid_choice'
    ),
    bad('author 0', f'{ARTICLES}?author=0', None, 'query.author out_of_range'),
    bad('author abc', f'{ARTICLES}?author=abc', None, 'query.author type_error'),
    bad('published maybe', f'{ARTICLES}?published=maybe', None, 'query.published type_error'),
    bad('published empty', f'{ARTICLES}?published=', None, 'query.published type_error'),
    bad('empty search', f'{ARTICLES}?search=', None, 'query.search too_short'),
    # articles: create
    case('valid', NEW_ARTICLE, article(body='Text', tags=['rest', 'django'], published=True), 201),
    case('defaults', NEW_ARTICLE, article(), 201),
    case('200 astral characters', NEW_ARTICLE, article(title='\U0001f600' * 200), 201),
    case('taken slug', NEW_ARTICLE, article(slug='hello'), 409, 'body.slug api_error'),
    bad(
        'unknown author and tags',
        NEW_ARTICLE,
        article(author_id=999, tags=['django', 'nope', 'rest', 'missing']),
        'body.author_id value_error',
        'body.tags.1 value_error',
        'body.tags.3 value_error',
    ),
    bad('author 2**64', NEW_ARTICLE, article(author_id=2**64), 'body.author_id out_of_range'),
    bad('invalid slug', NEW_ARTICLE, article(slug='Not A Slug'), 'body.slug pattern_mismatch'),
    bad('empty title', NEW_ARTICLE, article(title=''), 'body.title too_short'),
    bad('long title', NEW_ARTICLE, article(title='t' * 201), 'body.title too_long'),
    bad('long body', NEW_ARTICLE, article(body='b' * 10_001), 'body.body too_long'),
    bad('author 0', NEW_ARTICLE, article(author_id=0), 'body.author_id out_of_range'),
    bad('author "1"', NEW_ARTICLE, article(author_id='1'), 'body.author_id type_error'),
    bad('author 1.0', NEW_ARTICLE, article(author_id=1.0), 'body.author_id type_error'),
    bad('author 1.5', NEW_ARTICLE, article(author_id=1.5), 'body.author_id type_error'),
    bad('author 1e300', NEW_ARTICLE, article(author_id=1e300), 'body.author_id type_error'),
    bad('author true', NEW_ARTICLE, article(author_id=True), 'body.author_id type_error'),
    bad(
        'invalid tag', NEW_ARTICLE, article(tags=['ok', 'Bad Tag']), 'body.tags.1 pattern_mismatch'
    ),
    bad('tag a number', NEW_ARTICLE, article(tags=[1]), 'body.tags.0 type_error'),
    bad('tags a string', NEW_ARTICLE, article(tags='python'), 'body.tags type_error'),
    bad('tags null', NEW_ARTICLE, article(tags=None), 'body.tags type_error'),
    bad('21 tags', NEW_ARTICLE, article(tags=[f't{n}' for n in range(21)]), 'body.tags too_long'),
    bad('published "yes"', NEW_ARTICLE, article(published='yes'), 'body.published type_error'),
    bad('published 1', NEW_ARTICLE, article(published=1), 'body.published type_error'),
    bad('published null', NEW_ARTICLE, article(published=None), 'body.published type_error'),
    bad('no slug', NEW_ARTICLE, {'title': 'T', 'author_id': 1}, 'body.slug missing'),
    bad('unknown field', NEW_ARTICLE, article(draft=True), 'body.draft extra_forbidden'),
    # articles: the streams (the feed is endless: only its answer is recorded)
    case('every article', 'GET /api/articles/export/'),
    case('new articles', 'GET /api/articles/feed/'),
    # articles: one article
    case('valid', 'GET /api/articles/{hello}/'),
    case('unknown id', 'GET /api/articles/999/', None, 404, 'path.article_id not_found'),
    case('valid', 'PUT /api/articles/{hello}/', article(slug='bonjour', tags=['rest'])),
    case(
        'taken slug',
        'PUT /api/articles/{hello}/',
        article(slug='draft'),
        409,
        'body.slug api_error',
    ),
    case('unknown id', 'PUT /api/articles/999/', article(), 404, 'path.article_id not_found'),
    bad('empty title', 'PUT /api/articles/{hello}/', article(title=''), 'body.title too_short'),
    # articles: an image, uploaded as multipart (refused ones: the probe stores no file)
    dataclasses.replace(
        bad('a GIF', ARTICLE_IMAGE, GIF_UPLOAD, 'files.image file_type_not_allowed'),
        content_type=MULTIPART,
    ),
    dataclasses.replace(
        bad('no image', ARTICLE_IMAGE, NO_UPLOAD, 'files.image missing'),
        content_type=MULTIPART,
    ),
    case('valid', 'DELETE /api/articles/{hello}/', None, 204),
    case('unknown id', 'DELETE /api/articles/999/', None, 404, 'path.article_id not_found'),
    case('as markdown', 'GET /api/articles/{hello}/export/'),
    case('unknown id', 'GET /api/articles/999/export/', None, 404, 'path.article_id not_found'),
    # auth: reads are public, writes need a login, articles change only by their author.
    anonymous('no credentials', NEW_TAG, TAG, 401, ' not_authenticated'),
    anonymous('no credentials', NEW_ARTICLE, article(), 401, ' not_authenticated'),
    anonymous('no credentials', 'DELETE /api/users/{ada}/', None, 401, ' not_authenticated'),
    anonymous('no credentials', ARTICLES, None, 200),
    case("grace's draft", 'PUT /api/articles/{draft}/', article(), 403, ' permission_denied'),
    case("grace's draft", 'DELETE /api/articles/{draft}/', None, 403, ' permission_denied'),
    case('as grace', NEW_ARTICLE, article(author_id=2), 403, ' permission_denied'),
    case("grace's profile", 'DELETE /api/users/{grace}/', None, 403, ' permission_denied'),
    anonymous('the token', 'GET /api/auth/csrf/', None, 200),
    anonymous('valid', LOGIN, {'username': 'ada@example.com', 'password': PASSWORD}, 200),
    anonymous('wrong password', LOGIN, WRONG_PASSWORD, 401, ' not_authenticated'),
    case('a token is no session', 'POST /api/auth/logout/', None, 401, ' not_authenticated'),
    anonymous('valid', OBTAIN, {'username': 'ada@example.com', 'password': PASSWORD}, 200),
    anonymous('wrong password', OBTAIN, WRONG_PASSWORD, 401, ' not_authenticated'),
    bad('no password', OBTAIN, {'username': 'ada@example.com'}, 'body.password missing'),
    anonymous(
        'forged', 'POST /api/auth/token/refresh/', {'refresh': 'a.b.c'}, 401, ' not_authenticated'
    ),
    anonymous(
        'forged', 'POST /api/auth/token/verify/', {'token': 'a.b.c'}, 401, ' not_authenticated'
    ),
    anonymous(
        'forged', 'POST /api/auth/token/revoke/', {'refresh': 'a.b.c'}, 401, ' not_authenticated'
    ),
    # Text outside dmr's table is refused alike by every backend.
    bad('page +1', f'{USERS}?page=%2B1', None, 'query.page type_error'),
    bad('page 01', f'{USERS}?page=01', None, 'query.page type_error'),
    bad('page " 1"', f'{USERS}?page=%201', None, 'query.page type_error'),
    bad('page 1_0', f'{USERS}?page=1_0', None, 'query.page type_error'),
    bad('page 1e2', f'{USERS}?page=1e2', None, 'query.page type_error'),
    bad('page 1.0', f'{USERS}?page=1.0', None, 'query.page type_error'),
    bad('published yes', f'{ARTICLES}?published=yes', None, 'query.published type_error'),
    bad('published off', f'{ARTICLES}?published=off', None, 'query.published type_error'),
    # The known differences: each backend's answer, and why.
    differs(
        'empty object',
        NEW_USER,
        {},
        msgspec=(400, ('body.email missing',)),
        pydantic=(400, ('body.email missing', 'body.name missing')),
        attrs=(400, ('body.email missing', 'body.name missing')),
        why=FIRST_ERROR,
    ),
    differs(
        'two invalid fields',
        NEW_ARTICLE,
        article(slug='Bad Slug', title=''),
        msgspec=(400, ('body.slug pattern_mismatch',)),
        pydantic=(400, ('body.slug pattern_mismatch', 'body.title too_short')),
        attrs=(400, ('body.slug pattern_mismatch', 'body.title too_short')),
        why=FIRST_ERROR,
    ),
    differs(
        'two invalid fields, the second one first',
        NEW_ARTICLE,
        {'title': '', 'slug': 'Bad Slug', 'author_id': 1},
        msgspec=(400, ('body.title too_short',)),
        pydantic=(400, ('body.slug pattern_mismatch', 'body.title too_short')),
        attrs=(400, ('body.slug pattern_mismatch', 'body.title too_short')),
        why=FIRST_ERROR,
    ),
    differs(
        'two invalid tags',
        NEW_ARTICLE,
        article(tags=['Bad', 'ok', 'Worse']),
        msgspec=(400, ('body.tags.0 pattern_mismatch',)),
        pydantic=(400, ('body.tags.0 pattern_mismatch', 'body.tags.2 pattern_mismatch')),
        attrs=(400, ('body.tags.0 pattern_mismatch', 'body.tags.2 pattern_mismatch')),
        why=FIRST_ERROR,
    ),
    differs(
        'long invalid email',
        NEW_USER,
        USER | {'email': 'a b' * 100},
        msgspec=(400, ('body.email too_long',)),
        pydantic=(400, ('body.email too_long',)),
        attrs=(400, ('body.email too_long', 'body.email pattern_mismatch')),
        why=EVERY_CONSTRAINT,
    ),
    differs(
        'empty slug',
        NEW_TAG,
        TAG | {'slug': ''},
        msgspec=(400, ('body.slug too_short',)),
        pydantic=(400, ('body.slug too_short',)),
        attrs=(400, ('body.slug too_short', 'body.slug pattern_mismatch')),
        why=EVERY_CONSTRAINT,
    ),
    differs(
        'long invalid slug',
        NEW_TAG,
        TAG | {'slug': 'S' * 51},
        msgspec=(400, ('body.slug too_long',)),
        pydantic=(400, ('body.slug too_long',)),
        attrs=(400, ('body.slug too_long', 'body.slug pattern_mismatch')),
        why=EVERY_CONSTRAINT,
    ),
    differs(
        'a key given twice',
        NEW_USER,
        b'{"email": "not an email", "name": "N", "email": "new@example.com"}',
        msgspec=(400, ('body.email pattern_mismatch',)),
        pydantic=(201, ()),
        attrs=(201, ()),
        why=(
            'a repeated key: msgspec validates each of its values; pydantic only the last, '
            'and so does the attrs backend, which decodes the JSON into a dict (where the '
            'last value wins) before cattrs reads it'
        ),
    ),
    differs(
        '20000 nested lists',
        NEW_USER,
        # Past the recursion limit of every supported Python (3.13 decodes 2000 levels).
        b'[' * 20_000 + b']' * 20_000,
        msgspec=(400, ('body type_error',)),
        pydantic=(400, ('body parse_error',)),
        attrs=(400, ('body parse_error',)),
        why=(
            'a body too deep and of the wrong type: msgspec refuses its first [ where an '
            'object belongs; pydantic parses the whole JSON first, and stops at its depth '
            'limit; the attrs backend decodes the whole JSON first too, with msgspec into '
            "Python objects, and stops at the interpreter's recursion limit"
        ),
    ),
)


def write_rows() -> dict[str, int]:
    """Two users with their accounts, three tags and two articles; their ids."""
    from django.contrib.auth import get_user_model

    from articles.models import Article
    from tags.models import Tag
    from users.models import User

    accounts = get_user_model().objects
    ada = User.objects.create(
        email='ada@example.com',
        name='Ada Lovelace',
        account=accounts.create_user('ada@example.com', password=PASSWORD),
    )
    grace = User.objects.create(
        email='grace@example.com',
        name='Grace Hopper',
        account=accounts.create_user('grace@example.com', password=PASSWORD),
    )
    tags = {
        slug: Tag.objects.create(slug=slug, name=slug.upper())
        for slug in ('django', 'python', 'rest')
    }
    hello = Article.objects.create(slug='hello', title='Hello', author=ada, published=True)
    hello.tags.set([tags['python'], tags['rest']])
    draft = Article.objects.create(slug='draft', title='A draft', author=grace)
    return {'ada': ada.pk, 'grace': grace.pk, 'hello': hello.pk, 'draft': draft.pk}


def timestamp_format(value: str) -> str:
    """What two answers share of a timestamp: ISO 8601, its offset, and how that is written."""
    offset = datetime.fromisoformat(value).utcoffset()
    written = 'Z' if value.endswith('Z') else value[-6:]
    return f'<ISO 8601, offset {offset}, written {written}>'


SECRETS = frozenset({'access', 'refresh', 'csrf_token'})
"""Tokens, new at each request: a recording keeps only that there was one."""

CURSORS = frozenset({'next', 'previous'})
"""The cursors of a page, which sign a row's timestamp: kept only if present."""


def without_timestamps(value: Any) -> Any:
    """``value`` with each ``created_at`` and ``updated_at`` reduced to its format.

    And each token of :data:`SECRETS` and each cursor of :data:`CURSORS` hidden.
    """
    if isinstance(value, list):
        return [without_timestamps(item) for item in value]
    if isinstance(value, dict):
        return {
            key: timestamp_format(item)
            if key in {'created_at', 'updated_at'}
            else '<token>'
            if key in SECRETS or (key in CURSORS and isinstance(item, str))
            else without_timestamps(item)
            for key, item in value.items()
        }
    return value


def library_of(model: type) -> str:
    """The library ``model`` is written in: that of its base class, or attrs."""
    if hasattr(model, '__attrs_attrs__'):  # attrs classes have no base class of theirs
        return 'attrs'
    return model.__mro__[1].__module__.partition('.')[0]


def answer(request: Case, client: Any, rows: dict[str, int], token: str) -> dict[str, Any]:
    """Send ``request`` (with the bearer ``token``, unless anonymous) and record what it gets."""
    body = request.body if isinstance(request.body, bytes) else json.dumps(request.body)
    has_body = request.method in {'POST', 'PUT', 'PATCH'}
    response = client.generic(
        request.method,
        request.path.format(**rows),
        body if has_body else '',
        # Set even for an empty body, which Django's test client would send without one.
        **({'CONTENT_TYPE': request.content_type} if has_body else {}),
        **({} if request.anonymous else {'HTTP_AUTHORIZATION': f'Bearer {token}'}),
    )
    client.cookies.clear()
    record: dict[str, Any] = {
        'status': response.status_code,
        'content_type': response.get('Content-Type'),
        'errors': [],
        'body': None,
    }
    if response.streaming:
        if record['content_type'] == 'application/jsonl':
            lines = b''.join(response).splitlines()
            record['body'] = [without_timestamps(json.loads(line)) for line in lines]
        elif not record['content_type'].startswith('text/event-stream'):  # a file: its text
            record['body'] = b''.join(response).decode()
        response.close()
        return record
    if response.content and response.status_code >= 400:
        record['errors'] = [
            f'{".".join(map(str, detail["loc"]))} {detail["type"]}'
            for detail in json.loads(response.content)['detail']
        ]
    elif response.content:
        record['body'] = without_timestamps(json.loads(response.content))
    return record


def main() -> None:
    """Record every case's answer and the OpenAPI document, as JSON on stdout."""
    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import caches
    from django.core.management import call_command
    from django.db import transaction
    from django.test import Client, override_settings

    from newsroom.auth import TOKENS
    from newsroom.urls import schema
    from users.models import User
    from users.schemas import UserIn

    # Django's default hasher is slow on purpose; the probe logs in a few times.
    override_settings(PASSWORD_HASHERS=['django.contrib.auth.hashers.MD5PasswordHasher']).enable()
    # The article exports go to a folder of the probe's own.
    override_settings(MEDIA_ROOT=tempfile.mkdtemp(prefix='newsroom-media-')).enable()
    call_command('migrate', verbosity=0)
    rows = write_rows()
    token = TOKENS.issue(User.objects.get(pk=rows['ada']).account)['access']
    client = Client(raise_request_exception=False)
    answers = {}
    for request in CASES:
        caches['default'].clear()  # each case starts with its writes' budget whole
        with transaction.atomic():
            answers[request.id] = answer(request, client, rows, token)
            transaction.set_rollback(True)
    backend = {
        'serializer': settings.DMR_SETTINGS['serializer'],
        'models': library_of(UserIn),
    }
    json.dump({'backend': backend, 'answers': answers, 'openapi': schema}, sys.stdout)


if __name__ == '__main__':
    main()
