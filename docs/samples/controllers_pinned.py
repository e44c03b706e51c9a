"""``Controller[Backend]`` pins a serializer backend for one controller."""

import json

import pydantic
from django.test import RequestFactory
from dmr import Body, Controller
from dmr_pydantic import PydanticSerializer


class Signup(pydantic.BaseModel):
    email: str = pydantic.Field(max_length=254)
    age: int = pydantic.Field(ge=18)


# The project's DMR_SETTINGS choose msgspec; this controller uses pydantic.
class SignupController(Controller[PydanticSerializer]):
    def post(self, signup: Body[Signup]) -> Signup:
        return signup


request = RequestFactory().post(
    '/signup/', b'{"email": "a@example.com", "age": 12}', content_type='application/json'
)
response = SignupController.as_view()(request)
assert response.status_code == 400
(error,) = json.loads(response.content)['detail']
assert (error['loc'], error['type']) == (['body', 'age'], 'out_of_range')
