"""One router, three OpenAPI versions."""

import msgspec
from dmr import Controller
from dmr.openapi import OpenAPIConfig, build_schema
from dmr.routing import Router, path
from openapi_spec_validator import validate


class Profile(msgspec.Struct):
    nickname: str | None


class ProfileController(Controller):
    def get(self) -> Profile:
        return Profile(nickname=None)


router = Router('', [path('profile/', ProfileController.as_view())])
documents = {
    version: build_schema(router, OpenAPIConfig(openapi_version=version))
    for version in ('3.0.3', '3.1.0', '3.2.0')
}
validate(documents['3.0.3'])
validate(documents['3.1.0'])


def nickname(version: str) -> dict[str, object]:
    return documents[version]['components']['schemas']['Profile']['properties']['nickname']


assert nickname('3.0.3') == {'title': 'Nickname', 'type': 'string', 'nullable': True}
assert nickname('3.1.0') == {'title': 'Nickname', 'anyOf': [{'type': 'string'}, {'type': 'null'}]}
assert nickname('3.2.0') == nickname('3.1.0')
