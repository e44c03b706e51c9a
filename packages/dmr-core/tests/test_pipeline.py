"""The request pipeline, through Django's request objects, as clients see it."""

import json
import uuid
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.test import RequestFactory, override_settings

from dmr import Body, Controller, Cookies, Headers, Path, Query
from tests.models import Page, PathArgs, Session, Token, User, UserCreate
from tests.renderers import TextJsonParser, TextRenderer

factory = RequestFactory()
EMAIL = b'{"email": "a@example.com"}'


def call(controller: type[Controller[Any]], request: Any, **kwargs: Any) -> HttpResponse:
    return controller.as_view()(request, **kwargs)  # type: ignore[no-any-return]


def body(response: HttpResponse) -> Any:
    return json.loads(response.content)


class Users(Controller):
    def post(self, user: Body[UserCreate]) -> User:
        return User(email=user.email, uid=uuid.UUID(int=1))

    def get(self, page: Query[Page]) -> list[str]:
        return [str(page.page), *page.tags]

    def put(self, user: Body[UserCreate]) -> User:
        return User(email=user.email, uid=uuid.UUID(int=2))

    def delete(self) -> None:
        return None


def test_post_answers_201_with_rendered_model():
    """POST defaults to 201 and renders the returned model as JSON."""
    response = call(Users, factory.post('/', EMAIL, content_type='application/json'))
    assert response.status_code == 201
    assert response['Content-Type'] == 'application/json'
    assert body(response) == {'email': 'a@example.com', 'uid': str(uuid.UUID(int=1))}


def test_put_answers_200():
    """Methods other than POST and DELETE default to 200."""
    response = call(Users, factory.put('/', EMAIL, content_type='application/json'))
    assert response.status_code == 200


def test_delete_returning_none_answers_204_without_body():
    """DELETE annotated ``-> None`` answers 204 with no content."""
    response = call(Users, factory.delete('/'))
    assert response.status_code == 204
    assert response.content == b''


def test_query_collects_repeated_keys_for_array_fields():
    """Array fields of a query model receive every value of a repeated key."""
    response = call(Users, factory.get('/?page=3&tags=a&tags=b'))
    assert body(response) == ['3', 'a', 'b']


def test_query_errors_are_located_in_query():
    """An invalid query parameter is a 400 at ``["query", name]``."""
    response = call(Users, factory.get('/?page=x'))
    assert response.status_code == 400
    assert body(response)['detail'][0]['loc'] == ['query', 'page']


def test_head_is_served_by_get():
    """HEAD runs the GET endpoint."""
    response = call(Users, factory.head('/?page=1'))
    assert response.status_code == 200


def test_options_lists_allowed_methods():
    """OPTIONS answers with the ``Allow`` header."""
    response = call(Users, factory.options('/'))
    assert response.status_code == 200
    assert response['Allow'] == 'DELETE, GET, HEAD, OPTIONS, POST, PUT'


def test_405_lists_allowed_methods():
    """An unimplemented method is 405 with ``Allow`` and the error model."""
    response = call(Users, factory.patch('/'))
    assert response.status_code == 405
    assert response['Allow'] == 'DELETE, GET, HEAD, OPTIONS, POST, PUT'
    assert body(response)['detail'][0]['type'] == 'method_not_allowed'


def test_405_with_unsatisfiable_accept_still_renders_json():
    """405 falls back to the default renderer when ``Accept`` cannot be met."""
    response = call(Users, factory.patch('/', headers={'Accept': 'image/png'}))
    assert response.status_code == 405
    assert response['Content-Type'] == 'application/json'


class Components(Controller):
    def post(
        self,
        path: Path[PathArgs],
        token: Headers[Token],
        session: Cookies[Session],
        page: Query[Page],
        user: Body[UserCreate],
    ) -> dict[str, Any]:
        return {
            'user_id': path['user_id'],
            'token': token.x_token,
            'session': session.sessionid,
            'page': page.page,
            'email': user.email,
        }


def components_request(**headers: str) -> Any:
    request = factory.post(
        '/?page=2',
        EMAIL,
        content_type='application/json',
        headers={'X-Token': 'secret', **headers},
    )
    request.COOKIES['sessionid'] = 'abc'
    return request


def test_every_component_is_parsed():
    """Path, headers, cookies, query and body all reach the endpoint."""
    response = call(Components, components_request(), user_id='7')
    assert response.status_code == 201
    assert body(response) == {
        'user_id': 7,
        'token': 'secret',
        'session': 'abc',
        'page': 2,
        'email': 'a@example.com',
    }


def test_errors_of_every_component_are_reported_together():
    """One 400 lists the errors of every invalid component."""
    request = factory.post('/', b'{}', content_type='application/json')
    response = call(Components, request, user_id='x')
    assert response.status_code == 400
    locs = [detail['loc'] for detail in body(response)['detail']]
    assert locs == [
        ['path', 'user_id'],
        ['headers', 'x_token'],
        ['cookies', 'sessionid'],
        ['query', 'page'],
        ['body', 'email'],
    ]


def test_missing_content_type_is_415():
    """A body endpoint refuses a request without ``Content-Type``."""
    request = factory.generic('POST', '/', EMAIL, content_type='')
    response = call(Users, request)
    assert response.status_code == 415
    assert body(response)['detail'][0]['loc'] == ['headers', 'content-type']


def test_charset_is_honoured():
    """A latin-1 body is transcoded before parsing."""
    request = factory.generic(
        'POST',
        '/',
        '{"email": "caf\xe9"}'.encode('latin-1'),
        content_type='application/json; charset=latin-1',
    )
    response = call(Users, request)
    assert response.status_code == 201
    assert body(response)['email'] == 'caf\xe9'


def test_unknown_charset_is_415():
    """A charset Python does not know is 415."""
    request = factory.generic('POST', '/', EMAIL, content_type='application/json; charset=klingon')
    assert call(Users, request).status_code == 415


def test_malformed_json_is_a_parse_error():
    """Broken JSON is a 400 ``parse_error`` at ``["body"]``."""
    request = factory.post('/', b'{', content_type='application/json')
    response = call(Users, request)
    assert response.status_code == 400
    assert body(response)['detail'][0]['loc'] == ['body']
    assert body(response)['detail'][0]['type'] == 'parse_error'


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=10)
def test_body_over_limit_is_413():
    """A body over ``DATA_UPLOAD_MAX_MEMORY_SIZE`` is 413."""
    request = factory.post('/', EMAIL, content_type='application/json')
    response = call(Users, request)
    assert response.status_code == 413
    assert body(response)['detail'][0]['type'] == 'body_too_large'


class Negotiated(Controller):
    renderers = (TextRenderer(),)
    parsers = (TextJsonParser(),)

    def post(self, user: Body[UserCreate]) -> UserCreate:
        return user


def test_controller_parsers_and_renderers_replace_the_defaults():
    """A controller's ``parsers`` and ``renderers`` are the only ones it uses."""
    request = factory.post('/', EMAIL, content_type='text/plain', headers={'Accept': 'text/*'})
    response = call(Negotiated, request)
    assert response.status_code == 201
    assert response['Content-Type'] == 'text/plain'
    json_request = factory.post('/', EMAIL, content_type='application/json')
    assert call(Negotiated, json_request).status_code == 415


@override_settings(
    DMR_SETTINGS={
        'serializer': 'tests.stub_backend.StubSerializer',
        'renderers': ['dmr.renderers.JsonRenderer', 'tests.renderers.TextRenderer'],
    },
)
def test_accept_selects_among_settings_renderers():
    """``Accept`` picks a renderer from ``DMR_SETTINGS['renderers']``."""
    request = factory.post(
        '/',
        EMAIL,
        content_type='application/json',
        headers={'Accept': 'application/json;q=0.5, text/plain'},
    )
    response = call(Users, request)
    assert response['Content-Type'] == 'text/plain'


def test_unsatisfiable_accept_is_406():
    """``Accept`` with nothing the controller renders is 406."""
    request = factory.post(
        '/', EMAIL, content_type='application/json', headers={'Accept': 'text/html'}
    )
    response = call(Users, request)
    assert response.status_code == 406
    assert body(response)['detail'][0]['loc'] == ['headers', 'accept']


class Failing(Controller):
    def get(self) -> int:
        raise RuntimeError('secret')

    def post(self) -> int:
        raise Http404

    def put(self) -> int:
        raise PermissionDenied


def test_unhandled_exception_is_500_without_details():
    """With ``DEBUG=False`` an exception becomes a bare 500 error model."""
    from django.core.signals import got_request_exception

    seen = []
    got_request_exception.connect(lambda **kw: seen.append(kw), weak=False, dispatch_uid='t500')
    try:
        response = call(Failing, factory.get('/'))
    finally:
        got_request_exception.disconnect(dispatch_uid='t500')
    assert response.status_code == 500
    assert body(response) == {
        'detail': [{'msg': 'Internal server error', 'loc': [], 'type': 'internal_error'}],
    }
    assert len(seen) == 1


@override_settings(DEBUG=True)
def test_unhandled_exception_propagates_in_debug():
    """With ``DEBUG=True`` Django's own debug handling sees the exception."""
    with pytest.raises(RuntimeError, match='secret'):
        call(Failing, factory.get('/'))


def test_http404_and_permission_denied_keep_their_status():
    """Django's 404 and 403 exceptions answer in the error model."""
    assert call(Failing, factory.post('/')).status_code == 404
    assert call(Failing, factory.put('/')).status_code == 403


def test_body_in_wrong_charset_is_a_parse_error():
    """Bytes invalid in the declared charset are a 400 on the body."""
    request = factory.generic(
        'POST', '/', b'\xff\xfe', content_type='application/json; charset=ascii'
    )
    response = call(Users, request)
    assert response.status_code == 400
    error = body(response)['detail'][0]
    assert error['msg'].startswith('Body is not valid ascii')
    assert (error['loc'], error['type']) == (['body'], 'parse_error')


def test_streamed_responses_are_refused_when_validating():
    """A streamed body cannot be checked: with validation on it is a 422."""
    from django.http import StreamingHttpResponse

    from dmr import ResponseSpec, validate

    class Streams(Controller):
        @validate(ResponseSpec(list[int], status_code=200))
        def get(self) -> StreamingHttpResponse:
            return StreamingHttpResponse(iter([b'[1]']), content_type='application/json')

    response = call(Streams, factory.get('/'))
    assert response.status_code == 422
    assert json.loads(response.content)['detail'][0]['type'] == 'response_invalid'


def test_streamed_responses_pass_without_validation():
    """An endpoint that turns validation off may stream."""
    from django.http import StreamingHttpResponse

    from dmr import ResponseSpec, validate

    class Streams(Controller):
        @validate(ResponseSpec(list[int], status_code=200), validate_responses=False)
        def get(self) -> StreamingHttpResponse:
            return StreamingHttpResponse(iter([b'[1]']), content_type='application/json')

    response = call(Streams, factory.get('/'))
    assert response.status_code == 200
    assert b''.join(response.streaming_content) == b'[1]'


def test_controller_without_endpoints_is_not_compiled():
    """A base controller with no endpoints compiles nothing."""

    class Base(Controller):
        pass

    assert Base._compiled is None


def test_bodiless_answers_carry_no_content_type():
    """204 and OPTIONS answers have no body, hence no ``Content-Type``."""
    assert 'Content-Type' not in call(Users, factory.delete('/'))
    assert 'Content-Type' not in call(Users, factory.options('/'))


class Open(Controller):
    def get(self, headers: Headers[dict[str, str]], page: Query[Page]) -> dict[str, str]:
        return {key: value for key, value in headers.items() if key.startswith('x_')}


def test_open_header_mapping_receives_every_header():
    """A mapping of headers gets all of them, by their underscored names."""
    request = factory.get('/?page=1', headers={'X-One': '1', 'X-Two': '2'})
    assert body(call(Open, request)) == {'x_one': '1', 'x_two': '2'}


@override_settings(DATA_UPLOAD_MAX_NUMBER_FIELDS=3)
def test_too_many_query_fields_is_400():
    """A query string over ``DATA_UPLOAD_MAX_NUMBER_FIELDS`` is refused with 400."""
    response = call(Users, factory.get('/?page=1&a=1&b=2&c=3'))
    assert response.status_code == 400
    assert body(response)['detail'][0]['msg'] == 'Bad request'


def test_raw_non_ascii_query_is_decoded_like_django():
    """Raw UTF-8 bytes in the query string are read as Django reads them."""
    request = factory.get('/')
    request.META['QUERY_STRING'] = 'page=1&tags=caf\xc3\xa9'
    assert body(call(Users, request)) == ['1', 'caf\xe9']


def test_blank_and_repeated_scalar_values_follow_querydict():
    """Blank values are kept and, for a scalar field, the last value wins."""
    assert body(call(Users, factory.get('/?page=1&page=4&tags='))) == ['4', '']
