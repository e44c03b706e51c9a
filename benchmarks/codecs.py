"""Which JSON codec dmr-attrs uses: cattrs' preconfigured converters, measured.

Run from the repository root, in the benchmark environment that holds dmr's
backends, orjson and ujson::

    ./scripts/hatch run bench-dmr:codecs

Every codec gets the same structure hooks (the backend's), since structuring
does not depend on the codec; what differs is the decoder, the encoder, and
which values each encoder writes natively, so that unstructuring can leave
them alone. The payload is the benchmark suite's request user
(``benchmarks/payload.py``, 4 KB): nested and recursive classes, lists,
a ``dict[str, str | int]``, an enum, a decimal, a datetime, a duration and
UUIDs, the types of the conformance catalogue.
"""

import datetime
import decimal
import enum
import json
import timeit
import uuid
from collections.abc import Callable
from functools import partial
from typing import Any

import attrs
import msgspec

from benchmarks.payload import BODY
from dmr_attrs import AttrsSerializer


class Level(enum.StrEnum):
    """How good someone is at a skill."""

    JUNIOR = 'junior'
    MIDDLE = 'middle'
    SENIOR = 'senior'


@attrs.define
class Skill:
    """One skill."""

    name: str
    level: Level
    years: int


@attrs.define
class Item:
    """Something made of parts."""

    name: str
    quantity: int
    parts: list['Item']


@attrs.define
class User:
    """The payload."""

    email: str
    age: int
    height: float
    score: float
    balance: decimal.Decimal
    birthday: datetime.datetime
    membership: datetime.timedelta
    skills: list[Skill]
    aliases: dict[str, str | int]
    promocodes: list[uuid.UUID]
    friends: list['User']
    best_friend: 'User | None'
    items: list[Item]


def duration(value: datetime.timedelta) -> str:
    """A duration as msgspec writes it (``P1DT30S``), for the other encoders."""
    micros = value // datetime.timedelta(microseconds=1)
    sign, micros = ('-' if micros < 0 else ''), abs(micros)
    days, micros = divmod(micros, 86_400_000_000)
    seconds, micros = divmod(micros, 1_000_000)
    text = f'{sign}P' + (f'{days}D' if days else '')
    if seconds or micros or not days:
        fraction = f'.{micros:06d}'.rstrip('0') if micros else ''
        text += f'T{seconds}{fraction}S'
    return text


def utc_z(value: datetime.datetime) -> str:
    """A datetime in ISO 8601, ``Z`` for UTC."""
    text = value.isoformat()
    return text[:-6] + 'Z' if text.endswith('+00:00') else text


def _serializer(native: set[type]) -> AttrsSerializer:
    """The backend, told which values the encoder under test writes itself."""
    serializer = AttrsSerializer()
    hooks: dict[type, Callable[[Any], Any]] = {
        datetime.datetime: utc_z,
        datetime.timedelta: duration,
        decimal.Decimal: str,
        uuid.UUID: str,
        enum.Enum: lambda member: member.value,
    }
    converter = serializer.converter
    for cls, hook in hooks.items():
        if cls not in native:
            converter.register_unstructure_hook(cls, hook)
    if set not in native:
        converter.register_unstructure_hook_factory(
            lambda annotation: getattr(annotation, '__origin__', annotation) in {set, frozenset},
            lambda _: list,
        )
    return serializer


def codecs() -> dict[str, tuple[Callable[[bytes], Any], Callable[[Any], bytes], set[type]]]:
    """``name: (decode, encode, natively encoded types)`` of each installed codec."""
    found: dict[str, tuple[Callable[[bytes], Any], Callable[[Any], bytes], set[type]]] = {
        'json (stdlib)': (json.loads, lambda data: json.dumps(data).encode(), set()),
        'msgspec': (
            msgspec.json.decode,
            msgspec.json.Encoder().encode,
            {datetime.datetime, datetime.timedelta, decimal.Decimal, uuid.UUID, enum.Enum, set},
        ),
    }
    try:
        import orjson  # noqa: PLC0415 - optional for this script

        found['orjson'] = (
            orjson.loads,
            lambda data: orjson.dumps(data, option=orjson.OPT_UTC_Z),
            {datetime.datetime, uuid.UUID, enum.Enum},
        )
    except ImportError:
        print('orjson is not installed: skipped')
    try:
        import ujson  # noqa: PLC0415 - optional for this script

        found['ujson'] = (ujson.loads, lambda data: ujson.dumps(data).encode(), set())
    except ImportError:
        print('ujson is not installed: skipped')
    return found


def _per_call(call: Callable[[], Any], number: int, repeat: int) -> float:
    """The best of ``repeat`` runs of ``number`` calls, in microseconds per call."""
    return min(timeit.repeat(call, number=number, repeat=repeat)) / number * 1e6


def measure(number: int = 2000, repeat: int = 7) -> None:
    """Print microseconds per call of decode + structure and unstructure + encode."""
    reference = AttrsSerializer().adapter(User, direction='response')
    print(f'{"codec":<14} {"from JSON (µs)":>15} {"to JSON (µs)":>13}')
    for name, (decode, encode, native) in codecs().items():
        converter = _serializer(native).converter
        structure = converter.get_structure_hook(User)
        unstructure = converter.get_unstructure_hook(User)
        user = structure(decode(BODY), User)
        output = encode(unstructure(user))
        if reference.from_json(output) != user:
            raise AssertionError(f'{name} does not write what the backend reads')
        loads = _per_call(partial(_from_json, decode, structure), number, repeat)
        dumps = _per_call(partial(_to_json, encode, unstructure, user), number, repeat)
        print(f'{name:<14} {loads:>15.1f} {dumps:>13.1f}')


def _from_json(decode: Callable[[bytes], Any], structure: Callable[[Any, Any], Any]) -> Any:
    return structure(decode(BODY), User)


def _to_json(
    encode: Callable[[Any], bytes], unstructure: Callable[[Any], Any], user: User
) -> bytes:
    return encode(unstructure(user))


if __name__ == '__main__':
    measure()
