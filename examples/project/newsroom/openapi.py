"""What the newsroom's OpenAPI document says about the API as a whole.

The settings hand :data:`OPENAPI` to dmr (``DMR_SETTINGS['openapi']``), so
the document the project serves (``newsroom.urls.schema``) and the one
``manage.py dmr_export_schema newsroom.urls.router`` writes are the same.
"""

import re

from dmr.openapi.config import OpenAPIConfig

# (kind of controller, method) -> the verb of the operationId.
_VERBS = {
    ('List', 'get'): 'list',
    ('List', 'post'): 'create',
    ('Detail', 'get'): 'get',
    ('Detail', 'put'): 'replace',
    ('Detail', 'delete'): 'delete',
}
_CONTROLLER = re.compile(r'(?P<resource>[A-Z]\w*?)(?P<kind>List|Detail)Controller')


def operation_id(method: str, path: str, controller: type) -> str:
    """``listUsers``, ``createUser``, ``getUser``, ``replaceUser``, ``deleteUser``...

    Generated clients name their methods after these (``list_users``).
    """
    match = _CONTROLLER.fullmatch(controller.__name__)
    if match is None:
        name = controller.__name__
        raise ValueError(f'{name} ({method} {path}) is not a List or Detail controller')
    verb = _VERBS[match['kind'], method]
    noun = match['resource'] + ('s' if verb == 'list' else '')
    return verb + noun


OPENAPI = OpenAPIConfig(
    title='Newsroom',
    version='1.0.0',
    openapi_version='3.1.0',
    description='Users write articles; articles carry tags. The dmr example project.',
    contact={'name': 'dmr', 'url': 'https://github.com/wemake-services/django-modern-rest'},
    license={'name': 'MIT', 'url': 'https://opensource.org/licenses/MIT'},
    # Relative: the server that serves this document, wherever it is deployed.
    servers=[{'url': '/', 'description': 'The server that serves this document'}],
    tags=[
        {
            'name': 'auth',
            'description': (
                'Logging in: a session (with its CSRF token) or JWTs. Reads are public; '
                'writes need either.'
            ),
        },
        {'name': 'users', 'description': 'The people who write articles.'},
        {'name': 'tags', 'description': 'Labels that group articles, named by their slug.'},
        {'name': 'articles', 'description': 'What users write, with their tags; paginated lists.'},
    ],
    operation_id=operation_id,
)
