"""An endpoint that builds its own response declares all of them with ``@validate``."""

import msgspec
from django.http import HttpResponse
from django.test import RequestFactory
from dmr import Controller, Path, ResponseSpec, validate


class Report(msgspec.Struct):
    id: int
    ready: bool


class Pending(msgspec.Struct):
    id: int
    eta_seconds: int


class ReportPath(msgspec.Struct):
    report_id: int


class ReportController(Controller):
    @validate(
        ResponseSpec(Report, status_code=200),
        ResponseSpec(Pending, status_code=202, description='Still being computed'),
        ResponseSpec(None, status_code=204, description='The report is empty'),
    )
    def get(self, path: Path[ReportPath]) -> HttpResponse:
        if path.report_id == 0:
            return self.to_response(None, status_code=204)
        if path.report_id % 2:
            return self.to_response(Pending(id=path.report_id, eta_seconds=30), status_code=202)
        return self.to_response(Report(id=path.report_id, ready=True), status_code=200)


view = ReportController.as_view()
request = RequestFactory().get('/reports/')
assert view(request, report_id='0').status_code == 204
assert view(request, report_id='3').content == b'{"id":3,"eta_seconds":30}'
assert view(request, report_id='4').content == b'{"id":4,"ready":true}'
