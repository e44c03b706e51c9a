"""dmr-pydantic: the pydantic serializer backend for dmr.

Install it with ``pip install dmr-core[pydantic]`` and select it with
``DMR_SETTINGS = {'serializer': 'pydantic'}`` (it is the default when it is
the only backend installed).
"""

from dmr_pydantic.__about__ import __version__
from dmr_pydantic._adapter import InvalidDataError, PydanticAdapter
from dmr_pydantic._serializer import PydanticSerializer

__all__ = [
    'InvalidDataError',
    'PydanticAdapter',
    'PydanticSerializer',
    '__version__',
]
