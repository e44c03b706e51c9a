"""Uploaded files: the type of ``Files[T]`` fields, and the limits on them.

A ``Files[T]`` model's fields are :class:`UploadedFile` (Django's class) or a
list of them; :class:`FileLimit`, in ``typing.Annotated``, limits one field::

    PNG_UNDER_2MB = FileLimit(max_size=2_000_000, content_types=('image/png',))

    class AvatarFiles(msgspec.Struct):
        avatar: Annotated[UploadedFile, PNG_UNDER_2MB]
        extras: list[UploadedFile] = []

Limits are enforced while the body streams in: a file over ``max_size`` stops
the upload there, before the rest is read. The content type checked is the
one the client declared: it says what the client claims, not what the bytes
are.
"""

import dataclasses
import typing
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.utils.translation import gettext

from dmr.errors import ErrorDetail, ErrorType, RequestValidationError, error_detail
from dmr.serializer import Serializer, WireNames

__all__ = ['FileLimit', 'FormData', 'UploadedFile', 'file_limits', 'wire_file_limits']

if TYPE_CHECKING:
    Upload = UploadedFile[Any]
else:
    Upload = UploadedFile


@dataclasses.dataclass(frozen=True, slots=True)
class FileLimit:
    """The largest size, in bytes, and the content types an upload may have."""

    max_size: int | None = None
    content_types: tuple[str, ...] | None = None
    """Allowed ``type/subtype`` values, lowercase; ``type/*`` allows a whole type."""

    def __post_init__(self) -> None:
        if self.max_size is not None and self.max_size < 0:
            raise ValueError(
                f'FileLimit.max_size must be a non-negative int, got {self.max_size!r}'
            )

    def allows(self, content_type: str) -> bool:
        """Whether a declared ``content_type`` is allowed (always, without a list)."""
        if self.content_types is None:
            return True
        essence = content_type.split(';', 1)[0].strip().lower()
        family = essence.split('/', 1)[0] + '/*'
        return essence in self.content_types or family in self.content_types

    def refusal(self, field: str, *, size: int, content_type: str) -> ErrorDetail | None:
        """The error detail for a file that breaks this limit, or ``None``."""
        if self.max_size is not None and size > self.max_size:
            return error_detail(
                gettext('File is larger than %(limit)s bytes') % {'limit': self.max_size},
                ['files', field],
                ErrorType.FILE_TOO_LARGE,
            )
        if not self.allows(content_type):
            allowed = ', '.join(self.content_types or ())
            return error_detail(
                gettext('File type %(content_type)s is not allowed; use one of: %(allowed)s')
                % {'content_type': repr(content_type[:100]), 'allowed': allowed},
                ['files', field],
                ErrorType.FILE_TYPE_NOT_ALLOWED,
            )
        return None


@dataclasses.dataclass(frozen=True, slots=True)
class FormData:
    """What a form parser read: text fields and uploads, in the order sent."""

    fields: Sequence[tuple[str, str]]
    files: Sequence[tuple[str, 'Upload']] = ()


def file_limits(annotation: Any) -> dict[str, FileLimit]:
    """The :class:`FileLimit` of each field of a ``Files`` model, by field name.

    Read from the class's annotations (``Annotated[UploadedFile, FileLimit(...)]``,
    or the same inside ``list[...]``); a model without annotations has none.
    """
    try:
        hints = typing.get_type_hints(annotation, include_extras=True)
    except (TypeError, NameError):
        return {}
    limits: dict[str, FileLimit] = {}
    for name, hint in hints.items():
        found = _limit_in(hint)
        if found is not None:
            limits[name] = found
    return limits


def wire_file_limits(serializer: Serializer, annotation: Any) -> dict[str, FileLimit]:
    """The :class:`FileLimit` of each field of a ``Files`` model, by wire name.

    :func:`file_limits` names fields as the class does; the part a client
    sends has the field's wire name, which a backend with
    :class:`dmr.serializer.WireNames` tells (an alias).
    """
    limits = file_limits(annotation)
    if not limits or not isinstance(serializer, WireNames):
        return limits
    names = serializer.wire_names(annotation)
    return {names.get(name, name): limit for name, limit in limits.items()}


def _limit_in(hint: Any) -> FileLimit | None:
    pending = [hint]
    while pending:
        current = pending.pop()
        if typing.get_origin(current) is typing.Annotated:
            for meta in current.__metadata__:
                if isinstance(meta, FileLimit):
                    return meta
            pending.append(current.__origin__)
        else:
            pending.extend(typing.get_args(current))
    return None


class LimitsHandler(FileUploadHandler):
    """An upload handler that refuses a file as soon as it breaks its limit.

    Placed before Django's handlers, it sees each file's declared name and
    content type, then every chunk, and passes the chunks on unchanged.
    """

    def __init__(self, limits: Mapping[str, FileLimit], default: FileLimit | None) -> None:
        super().__init__()
        self.limits = limits
        self.default = default
        self.limit: FileLimit | None = None
        self.field = ''
        self.size = 0

    def new_file(self, field_name: str, *args: Any, **kwargs: Any) -> None:
        """Choose the file's limit and check its declared content type."""
        super().new_file(field_name, *args, **kwargs)
        self.field = field_name
        self.size = 0
        self.limit = self.limits.get(field_name, self.default)
        self._check()

    def receive_data_chunk(self, raw_data: bytes, _start: int) -> bytes:
        """Count the chunk, refuse the file past its size."""
        self.size += len(raw_data)
        self._check()
        return raw_data

    def file_complete(self, file_size: int) -> None:
        """Leave the file to the next handler."""

    def check_upload(self, field_name: str, upload: 'Upload') -> None:
        """Check a file another parser already read, as if it streamed through."""
        self.field = field_name
        self.content_type = upload.content_type
        self.size = upload.size or 0
        self.limit = self.limits.get(field_name, self.default)
        self._check()

    def _check(self) -> None:
        if self.limit is None:
            return
        detail = self.limit.refusal(
            self.field,
            size=self.size,
            content_type=self.content_type or '',
        )
        if detail is not None:
            raise RequestValidationError([detail])
