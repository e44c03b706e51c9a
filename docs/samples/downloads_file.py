"""A download endpoint: a file from MEDIA_ROOT, declared with ``FileBody``."""

import json
import pathlib
import tempfile

from django.conf import settings
from django.http import HttpResponseBase
from django.test import RequestFactory, override_settings
from dmr import APIError, Controller, ResponseSpec, validate
from dmr.downloads import FileBody, FileDownload
from dmr.responses import ERROR_BODY

media_root = pathlib.Path(tempfile.mkdtemp())
(media_root / 'reports').mkdir()
(media_root / 'reports' / '2026.csv').write_text('month,total\n1,120\n2,135\n')


class ReportController(Controller):
    @validate(
        ResponseSpec(FileBody('text/csv'), status_code=200, description='The report'),
        ResponseSpec(ERROR_BODY, status_code=404, description='No report that year'),
    )
    def get(self) -> HttpResponseBase:
        year = self.kwargs['year']  # an int: the URL pattern is <int:year>
        report = pathlib.Path(settings.MEDIA_ROOT, 'reports', f'{year}.csv')
        if not report.is_file():
            raise APIError('No report that year', status_code=404)
        # The response closes the file once it is sent.
        return FileDownload(report.open('rb'), filename=f'report-{year}.csv')


view = ReportController.as_view()
with override_settings(MEDIA_ROOT=str(media_root)):
    response = view(RequestFactory().get('/'), year=2026)
assert response.status_code == 200
assert response['Content-Type'] == 'text/csv'
assert response['Content-Disposition'] == 'attachment; filename="report-2026.csv"'
assert b''.join(response.streaming_content) == b'month,total\n1,120\n2,135\n'
response.close()  # as the server does once the file is sent

with override_settings(MEDIA_ROOT=str(media_root)):
    missing = view(RequestFactory().get('/'), year=1999)
assert missing.status_code == 404
assert json.loads(missing.content)['detail'][0]['msg'] == 'No report that year'
