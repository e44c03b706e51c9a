"""The checks of ``check.py`` over a socket: ``python -m benchmarks.httpcheck PORT``.

The HTTP measure (``load.py``) runs this with the Python of the variant's
environment against each server before loading it: the same valid request
(201, the same user back, a UUID ``uid``) and the same invalid ones (400 or
422) as the in-process workers, through the server. On success it prints
the versions of this environment's distributions as one JSON line; it exits
1 on a miss.
"""

import http.client
import json
import sys
from collections.abc import Mapping

from benchmarks import check, payload, worker
from benchmarks.wsgi import Response


class HttpClient:
    """Sends the benchmark's request, or a variation of it, to ``127.0.0.1:port``."""

    def __init__(self, port: int, timeout: float = 60.0) -> None:
        self.port = port
        self.timeout = timeout

    def request(
        self,
        *,
        body: bytes = payload.BODY,
        query: str = payload.QUERY,
        headers: Mapping[str, str] = payload.HEADERS,
    ) -> Response:
        """One request on a fresh connection; the whole response."""
        connection = http.client.HTTPConnection('127.0.0.1', self.port, timeout=self.timeout)
        try:
            connection.request(
                'POST',
                f'{payload.PATH}?{query}',
                body=body,
                headers={'Content-Type': 'application/json', **headers},
            )
            answer = connection.getresponse()
            content = answer.read()
            found = {name.title(): value for name, value in answer.getheaders()}
            return Response(answer.status, found, content)
        finally:
            connection.close()


def main(argv: list[str]) -> int:
    """Check the server on port ``argv[0]``."""
    try:
        check.check_app(HttpClient(int(argv[0])))
    except check.CheckError as error:
        print(f'check failed: {error}', file=sys.stderr)
        return 1
    print(json.dumps(worker.versions()))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
