"""Response validation of a declared file: its media type and disposition.

The respond stage hands here every response built by hand whose status is
declared with a :class:`dmr.downloads.FileBody`. A file's bytes are not read
(a stream cannot be read back without consuming it): what the declaration
promises, and what is checked, is the ``Content-Type`` and the
``Content-Disposition`` type. Any response class passes: a ``FileResponse``,
a ``StreamingHttpResponse``, an ``HttpResponse`` with the file's bytes.
"""

from django.http import HttpResponseBase

from dmr._pipeline.unsent import close_unsent_file
from dmr.downloads import FileBody
from dmr.errors import ErrorType, ResponseValidationError, error_detail


def check_file(response: HttpResponseBase, body: FileBody) -> None:
    """Refuse (422) a file response whose headers break its declaration.

    A refused response is never sent, so the file it would have sent is
    closed here.
    """
    try:
        _check(response, body)
    except ResponseValidationError:
        close_unsent_file(response)
        raise


def _check(response: HttpResponseBase, body: FileBody) -> None:
    status = response.status_code
    media_type = response.get('Content-Type', '').partition(';')[0].strip().lower()
    if media_type not in body.media_types:
        raise _invalid(
            f'A {status} response of media type {media_type!r} is not the declared file; '
            f'declared: {", ".join(body.media_types)}',
        )
    if body.disposition is None:
        return
    disposition = response.get('Content-Disposition', '').partition(';')[0].strip().lower()
    if disposition != body.disposition:
        raise _invalid(
            f'A {status} response must have a Content-Disposition of type '
            f'{body.disposition!r}, not {disposition or "none"!r}',
        )


def _invalid(message: str) -> ResponseValidationError:
    return ResponseValidationError(
        [error_detail(message, ['response'], ErrorType.RESPONSE_INVALID)],
    )
