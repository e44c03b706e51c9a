"""Checked by ``mypy --strict`` in CI: components are typed as their model."""

import dataclasses
from typing import assert_type

from dmr import Body, Controller, Cookies, Headers, Path, Query


@dataclasses.dataclass
class Model:
    name: str


class Typed(Controller):
    def post(
        self,
        body: Body[Model],
        query: Query[Model],
        headers: Headers[Model],
        path: Path[dict[str, int]],
        cookies: Cookies[Model],
    ) -> Model:
        assert_type(body, Model)
        assert_type(query, Model)
        assert_type(headers, Model)
        assert_type(path, dict[str, int])
        assert_type(cookies, Model)
        return Model(name=body.name + query.name)


def use_attribute(body: Body[Model]) -> str:
    return body.name
