"""Uploaded files in plain pydantic models, without ``arbitrary_types_allowed``.

``dmr.files.UploadedFile`` is Django's class, which pydantic does not know.
Importing dmr-pydantic teaches it the class (and its subclasses): a field of
that type, or a list of it, accepts an uploaded file as it is and refuses
anything else, in any ``BaseModel`` or pydantic dataclass. dmr documents
such fields as binary strings (``dmr_pydantic._schema``).
"""

from typing import Any

from pydantic import GetCoreSchemaHandler
from pydantic_core import core_schema

from dmr.files import UploadedFile

_HOOK = '__get_pydantic_core_schema__'


def _file_schema(
    cls: type, _source: Any, _handler: GetCoreSchemaHandler
) -> core_schema.CoreSchema:
    """An instance of ``cls``, passed through as it is."""
    return core_schema.is_instance_schema(cls)


def teach_uploaded_files() -> None:
    """Give Django's ``UploadedFile`` the hook pydantic asks a class it does not know."""
    if _HOOK not in vars(UploadedFile):
        UploadedFile.__get_pydantic_core_schema__ = classmethod(_file_schema)  # type: ignore[attr-defined]  # Django's class learns pydantic's hook
