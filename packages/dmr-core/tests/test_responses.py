"""Declared responses: ``@modify``, ``@validate``, ``APIError`` and response validation."""

import json
import uuid
from typing import Any

import pytest
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from dmr import APIError, Body, Controller, ResponseSpec, modify, validate
from dmr.errors import ErrorModel
from tests.models import Conflict, User, UserCreate

factory = RequestFactory()
EMAIL = b'{"email": "a@example.com"}'


def call(controller: type[Controller[Any]], request: Any) -> HttpResponse:
    return controller.as_view()(request)  # type: ignore[no-any-return]


def detail(response: HttpResponse) -> dict[str, Any]:
    return json.loads(response.content)['detail'][0]  # type: ignore[no-any-return]


class Modified(Controller):
    @modify(status_code=202, headers={'Retry-After': '5'})
    def post(self, user: Body[UserCreate]) -> UserCreate:
        return user

    @modify(extra_responses=[ResponseSpec(Conflict, status_code=409)])
    def put(self, user: Body[UserCreate]) -> UserCreate:
        raise APIError(
            Conflict(reason=f'{user.email} exists'), status_code=409, headers={'X-Why': 'dup'}
        )

    @modify(status_code=201)
    def patch(self) -> User:
        return User(email='a', uid='not-a-uuid')  # type: ignore[arg-type]

    def delete(self) -> None:
        raise APIError('Gone already', status_code=410)


def test_modify_sets_status_and_headers():
    """``@modify`` replaces the status and adds headers to success responses."""
    response = call(Modified, factory.post('/', EMAIL, content_type='application/json'))
    assert response.status_code == 202
    assert response['Retry-After'] == '5'


def test_api_error_answers_with_declared_model():
    """``APIError`` with a declared status renders its model and headers."""
    response = call(Modified, factory.put('/', EMAIL, content_type='application/json'))
    assert response.status_code == 409
    assert json.loads(response.content) == {'reason': 'a@example.com exists'}
    assert response['X-Why'] == 'dup'


def test_wrong_response_shape_is_422():
    """A returned value that breaks the response model is 422 at ``response``."""
    response = call(Modified, factory.patch('/'))
    assert response.status_code == 422
    assert detail(response)['loc'] == ['response', 'uid']


def test_undeclared_api_error_status_is_422():
    """``APIError`` with a status the endpoint does not declare is 422."""
    response = call(Modified, factory.delete('/'))
    assert response.status_code == 422
    assert detail(response)['type'] == 'response_invalid'


def test_422_body_names_no_code_in_production(caplog):
    """With ``DEBUG`` off the body says what failed; the log names the endpoint."""
    response = call(Modified, factory.delete('/'))
    assert detail(response) == {
        'msg': 'The response does not match what this endpoint declares',
        'loc': ['response'],
        'type': 'response_invalid',
    }
    assert 'Modified.delete' in caplog.text
    assert 'Status 410 is not declared by this endpoint (declared: 204, 406, 422)' in caplog.text


@override_settings(DEBUG=True)
def test_422_body_explains_itself_in_debug():
    """With ``DEBUG`` on the body carries the detail too."""
    response = call(Modified, factory.delete('/'))
    assert detail(response)['msg'].startswith('Status 410 is not declared by this endpoint')


@override_settings(
    DMR_SETTINGS={'serializer': 'tests.stub_backend.StubSerializer', 'validate_responses': False},
)
def test_validation_off_lets_everything_through():
    """With validation off, undeclared statuses and bad shapes pass unchecked."""
    assert call(Modified, factory.delete('/')).status_code == 410
    assert call(Modified, factory.patch('/')).status_code == 201


@override_settings(
    DMR_SETTINGS={
        'serializer': 'tests.stub_backend.StubSerializer',
        'responses': [ResponseSpec(ErrorModel, status_code=410)],
    },
)
def test_settings_responses_apply_to_every_endpoint():
    """``DMR_SETTINGS['responses']`` declares a status for every endpoint."""
    response = call(Modified, factory.delete('/'))
    assert response.status_code == 410
    assert detail(response) == {'msg': 'Gone already', 'loc': [], 'type': 'api_error'}


class Unvalidated(Controller):
    validate_responses = False

    @modify(validate_responses=True)
    def get(self) -> User:
        return User(email='a', uid='bad')  # type: ignore[arg-type]

    def post(self) -> User:
        return User(email='a', uid='bad')  # type: ignore[arg-type]


def test_endpoint_overrides_controller_validation():
    """``@modify(validate_responses=...)`` wins over the controller's setting."""
    assert call(Unvalidated, factory.get('/')).status_code == 422
    assert call(Unvalidated, factory.post('/')).status_code == 201


class ByHand(Controller):
    @validate(
        ResponseSpec(User, status_code=200),
        ResponseSpec(None, status_code=204),
        ResponseSpec(Conflict, status_code=409),
    )
    def post(self, user: Body[UserCreate]) -> HttpResponse:
        if user.email == 'conflict':
            return self.to_response(Conflict(reason='taken'), status_code=409)
        if user.email == 'none':
            return self.to_response(None, status_code=204)
        if user.email == 'undeclared':
            return HttpResponse(status=418)
        if user.email == 'handmade-bad':
            return HttpResponse(b'{"email": 1}', content_type='application/json')
        if user.email == 'handmade-good':
            return HttpResponse(
                json.dumps({'email': 'x', 'uid': str(uuid.UUID(int=3))}),
                content_type='application/json; charset=utf-8',
            )
        if user.email == 'text':
            return HttpResponse(b'plain', content_type='text/plain')
        if user.email == 'empty-204':
            return HttpResponse(status=204)
        if user.email == 'content-204':
            return HttpResponse(b'{}', status=204, content_type='application/json')
        if user.email == 'problem':
            body = json.dumps({'email': 'x', 'uid': str(uuid.UUID(int=3))})
            return HttpResponse(body, content_type='application/problem+json')
        if user.email == 'not-a-response':
            return user  # type: ignore[return-value]
        return self.to_response(User(email=user.email, uid=uuid.UUID(int=5)), status_code=200)


def by_hand(email: str) -> HttpResponse:
    payload = json.dumps({'email': email}).encode()
    return call(ByHand, factory.post('/', payload, content_type='application/json'))


@pytest.mark.parametrize(
    ('email', 'status'),
    [
        ('someone', 200),
        ('conflict', 409),
        ('none', 204),
        ('undeclared', 422),
        ('handmade-bad', 422),
        ('handmade-good', 200),
        ('text', 422),
        ('empty-204', 204),
        ('content-204', 422),
        ('problem', 422),
    ],
)
def test_validate_checks_responses_built_by_hand(email: str, status: int):
    """``@validate`` endpoints answer only with declared, well-formed responses.

    A body of a media type no renderer of the endpoint writes cannot be
    checked, so it is refused too.
    """
    assert by_hand(email).status_code == status


def test_endpoint_annotated_httpresponse_must_return_one():
    """Returning a model from a ``-> HttpResponse`` endpoint is a server error."""
    request = factory.post('/', b'{"email": "not-a-response"}', content_type='application/json')
    response = ByHand.as_view()(request)
    assert response.status_code == 500


class Lenient(Controller):
    validate_responses = False

    @validate(ResponseSpec(User, status_code=200))
    def post(self) -> HttpResponse:
        return self.to_response({'anything': 1}, status_code=299)


def test_to_response_renders_undeclared_status_when_not_validating():
    """Without validation, ``to_response`` renders any status as given."""
    response = call(Lenient, factory.post('/'))
    assert response.status_code == 299
    assert json.loads(response.content) == {'anything': 1}


class NoBody(Controller):
    @modify(status_code=204)
    def post(self) -> None:
        return 'surprise'  # type: ignore[return-value]


def test_bodiless_response_must_return_none():
    """Returning content from a 204 endpoint is 422."""
    response = call(NoBody, factory.post('/'))
    assert response.status_code == 422
    assert detail(response)['type'] == 'response_invalid'


class Unencodable(Controller):
    def get(self) -> User:
        return object()  # type: ignore[return-value]


def test_unencodable_response_is_422():
    """A value the backend cannot encode fails response validation."""
    assert call(Unencodable, factory.get('/')).status_code == 422


@override_settings(
    DMR_SETTINGS={'serializer': 'tests.stub_backend.StubSerializer', 'validate_responses': False},
)
def test_unencodable_response_without_validation_is_500():
    """Without validation, an unencodable value is a server error."""
    response = Unencodable.as_view()(factory.get('/'))
    assert response.status_code == 500


class Located(Controller):
    @modify(extra_responses=[ResponseSpec(ErrorModel, status_code=404)])
    def get(self) -> User:
        raise APIError(
            'No such user',
            status_code=404,
            loc=['path', 'user_id'],
            error_type='not_found',
        )


def test_api_error_message_may_carry_loc_and_type():
    """A message ``APIError`` can say where the problem is and what it is."""
    response = call(Located, factory.get('/'))
    assert response.status_code == 404
    assert detail(response) == {
        'msg': 'No such user',
        'loc': ['path', 'user_id'],
        'type': 'not_found',
    }
