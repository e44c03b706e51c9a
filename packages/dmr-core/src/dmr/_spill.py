"""Files of a body without ``Content-Length``: in memory while small, on disk past that.

Django chooses where uploads go once per request, from ``Content-Length``:
the whole body under ``FILE_UPLOAD_MAX_MEMORY_SIZE`` keeps every file in
memory, otherwise every file goes to a temporary file. A chunked body has no
length, so Django could only send every file to disk. This handler takes the
place of Django's ``MemoryFileUploadHandler`` for such a body and applies
the same setting to each file as it streams in: a file stays in memory until
it grows past the setting, and is then moved to a temporary file, which
receives the rest.
"""

import io
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import InMemoryUploadedFile, TemporaryUploadedFile
from django.core.files.uploadhandler import (
    FileUploadHandler,
    MemoryFileUploadHandler,
    StopFutureHandlers,
)


class SpillingUploadHandler(FileUploadHandler):
    """Keeps each file in memory up to ``FILE_UPLOAD_MAX_MEMORY_SIZE``, then spills it."""

    def __init__(self, request: Any = None) -> None:
        super().__init__(request)
        self.buffer = io.BytesIO()
        self.file: TemporaryUploadedFile | None = None

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        """Start the file in memory; later handlers (Django's disk handler) stand aside."""
        super().new_file(*args, **kwargs)
        self.buffer = io.BytesIO()
        self.file = None
        raise StopFutureHandlers

    def receive_data_chunk(self, raw_data: bytes, _start: int) -> None:
        """Keep the chunk, moving the file to disk once it passes the setting."""
        if self.file is None and (
            self.buffer.tell() + len(raw_data) > settings.FILE_UPLOAD_MAX_MEMORY_SIZE
        ):
            self.file = TemporaryUploadedFile(
                self.file_name or '', self.content_type, 0, self.charset, self.content_type_extra
            )
            self.file.write(self.buffer.getvalue())
            self.buffer = io.BytesIO()
        (self.buffer if self.file is None else self.file).write(raw_data)

    def file_complete(self, file_size: int) -> Any:
        """The file, in memory or on disk."""
        if self.file is not None:
            self.file.seek(0)
            self.file.size = file_size
            return self.file
        self.buffer.seek(0)
        return InMemoryUploadedFile(
            file=self.buffer,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=file_size,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )

    def upload_interrupted(self) -> None:
        """Delete the temporary file of a file the upload stopped in."""
        if self.file is not None:
            self.file.close()


def per_file_handlers(handlers: list[Any]) -> list[Any]:
    """``handlers`` with Django's memory handler replaced by :class:`SpillingUploadHandler`."""
    return [
        SpillingUploadHandler(handler.request)
        if type(handler) is MemoryFileUploadHandler
        else handler
        for handler in handlers
    ]
