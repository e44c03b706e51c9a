"""dmr-pydantic: the pydantic serializer backend for dmr.

Install it with ``pip install dmr-core[pydantic]`` and select it with
``DMR_SETTINGS = {'serializer': 'pydantic'}`` (it is the default when it is
the only backend installed). Importing it teaches pydantic Django's
``UploadedFile``: ``Files[T]`` models need no ``arbitrary_types_allowed``.
"""

from dmr_pydantic.__about__ import __version__
from dmr_pydantic._adapter import InvalidDataError, PydanticAdapter
from dmr_pydantic._files import teach_uploaded_files
from dmr_pydantic._serializer import PydanticSerializer

teach_uploaded_files()

__all__ = [
    'InvalidDataError',
    'PydanticAdapter',
    'PydanticSerializer',
    '__version__',
]
