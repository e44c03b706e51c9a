"""What the body component costs per request: ``./scripts/hatch run bench-dmr:parsers``.

Times the body's extractor alone (choosing the parser, handing it the body,
decoding and validating) for a small JSON body and the same body in
MessagePack, on a request whose body Django has already read, so that the
figure is dmr's own work plus the backend's decode. Best of ``--rounds``
rounds of ``--number`` calls each.
"""

import argparse
import sys
import timeit
from typing import Any

import django
from django.conf import settings

_BODY = {'email': 'ada@example.com', 'age': 36, 'tags': ['math', 'engines']}


def _setup() -> None:
    settings.configure(
        DEBUG=False,
        SECRET_KEY='benchmarks-only-not-secret',  # noqa: S106 - a benchmark's throwaway key
        ALLOWED_HOSTS=['testserver'],
        INSTALLED_APPS=['dmr'],
        DMR_SETTINGS={'serializer': 'msgspec', 'validate_responses': False},
    )
    django.setup()


def _extractor() -> Any:
    import msgspec  # noqa: PLC0415 - Django must be configured first

    from dmr import Body, Controller  # noqa: PLC0415
    from dmr.parsers import JsonParser  # noqa: PLC0415
    from dmr_msgspec import MsgpackParser  # noqa: PLC0415

    class User(msgspec.Struct):
        email: str
        age: int
        tags: list[str]

    class UserController(Controller):
        parsers = (JsonParser(), MsgpackParser())

        def post(self, user: Body[User]) -> User:
            return user

    endpoint = UserController.compiled().endpoints['POST']
    (_name, extractor), *_ = endpoint.stages[-1].extractors
    return extractor


def _request(content_type: str, body: bytes) -> Any:
    from django.test import RequestFactory  # noqa: PLC0415

    request = RequestFactory().post('/user/', body, content_type=content_type)
    request.body  # noqa: B018 - read once, as Django does before the view
    return request


def main(argv: list[str]) -> int:
    """Print the microseconds per call of the body component, JSON and MessagePack."""
    parser = argparse.ArgumentParser(prog='benchmarks.parsers', description=__doc__)
    parser.add_argument('--rounds', type=int, default=7)
    parser.add_argument('--number', type=int, default=20_000)
    args = parser.parse_args(argv)
    _setup()
    import msgspec  # noqa: PLC0415

    extractor = _extractor()
    requests = {
        'application/json': _request('application/json', msgspec.json.encode(_BODY)),
        'application/msgpack': _request('application/msgpack', msgspec.msgpack.encode(_BODY)),
    }
    print('| body | µs/call (best of rounds) |')
    print('|---|---:|')
    for media_type, request in requests.items():
        timer = timeit.Timer(lambda request=request: extractor(request, {}))
        best = min(timer.repeat(repeat=args.rounds, number=args.number)) / args.number
        print(f'| {media_type} | {best * 1e6:.2f} |')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
