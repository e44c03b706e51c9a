"""Closing the file of a response that will not be sent, or sent without its body.

A ``FileResponse`` holds an open file until the server closes the response
once it is sent. When dmr drops such a response (response validation refused
it) or its body (the answer to ``HEAD``), nothing will read the file: it is
closed at once. Not ``response.close()``: that sends Django's
``request_finished`` before the request is over.
"""

from django.http import HttpResponseBase


def close_unsent_file(response: HttpResponseBase) -> None:
    """Close the file ``response`` would have streamed, if it holds one."""
    file = getattr(response, 'file_to_stream', None)
    if file is not None:
        file.close()
