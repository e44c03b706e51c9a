"""Response validation checks a file's media type and disposition, not its bytes."""

import io
import json

from django.http import HttpResponseBase, StreamingHttpResponse
from django.test import RequestFactory
from dmr import Controller, ResponseSpec, validate
from dmr.downloads import FileBody, FileDownload

ROWS = (b'id,title\n', b'1,first\n', b'2,second\n')


class ExportController(Controller):
    @validate(ResponseSpec(FileBody('text/csv'), status_code=200))
    def get(self) -> HttpResponseBase:
        kind = self.request.GET['kind']
        if kind == 'stream':  # any response class passes, streamed or not
            return StreamingHttpResponse(
                iter(ROWS),
                content_type='text/csv',
                headers={'Content-Disposition': 'attachment; filename="export.csv"'},
            )
        if kind == 'inline':  # declared as an attachment, sent inline
            return FileDownload(io.BytesIO(b''.join(ROWS)), filename='x.csv', as_attachment=False)
        # a media type the declaration does not list
        return FileDownload(io.BytesIO(b'<p>rows</p>'), filename='export.html')


view = ExportController.as_view()
streamed = view(RequestFactory().get('/?kind=stream'))
assert streamed.status_code == 200
assert b''.join(streamed.streaming_content) == b''.join(ROWS)

for kind in ('inline', 'html'):
    refused = view(RequestFactory().get(f'/?kind={kind}'))
    assert refused.status_code == 422
    [detail] = json.loads(refused.content)['detail']
    assert (detail['loc'], detail['type']) == (['response'], 'response_invalid')
