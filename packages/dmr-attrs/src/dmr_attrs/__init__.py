"""dmr-attrs: the attrs + cattrs serializer backend for dmr.

Install it with ``pip install dmr-core[attrs]`` and select it with
``DMR_SETTINGS = {'serializer': 'attrs'}`` (it is the default when it is the
only backend installed).
"""

from dmr_attrs.__about__ import __version__
from dmr_attrs._adapter import AttrsAdapter, AttrsEncodeError, AttrsParseError
from dmr_attrs._errors import AttrsValidationError
from dmr_attrs._serializer import AttrsSerializer

__all__ = [
    'AttrsAdapter',
    'AttrsEncodeError',
    'AttrsParseError',
    'AttrsSerializer',
    'AttrsValidationError',
    '__version__',
]
