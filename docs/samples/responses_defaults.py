"""Default statuses, and ``@modify`` to change the status and add headers."""

from typing import Annotated

import msgspec
from django.test import RequestFactory
from dmr import Body, Controller, modify


class Job(msgspec.Struct):
    id: int
    state: Annotated[str, msgspec.Meta(max_length=20)]


class JobController(Controller):
    def get(self) -> Job:  # 200
        return Job(id=1, state='done')

    def post(self, job: Body[Job]) -> Job:  # 201
        return job

    def delete(self) -> None:  # 204, no body
        return None

    @modify(status_code=202, headers={'Location': '/jobs/1/'})
    def put(self, job: Body[Job]) -> Job:  # 202, with a Location header
        return Job(id=job.id, state='queued')


view = JobController.as_view()
factory = RequestFactory()
body = {'data': b'{"id": 1, "state": "new"}', 'content_type': 'application/json'}

assert view(factory.get('/jobs/1/')).status_code == 200
assert view(factory.post('/jobs/', **body)).status_code == 201
deleted = view(factory.delete('/jobs/1/'))
assert (deleted.status_code, deleted.content) == (204, b'')
replaced = view(factory.put('/jobs/1/', **body))
assert (replaced.status_code, replaced['Location']) == (202, '/jobs/1/')
assert replaced.content == b'{"id":1,"state":"queued"}'
