"""dmr-msgspec: the msgspec serializer backend for dmr.

Install it with ``pip install dmr-core[msgspec]`` and select it with
``DMR_SETTINGS = {'serializer': 'msgspec'}`` (it is the default when it is
the only backend installed).
"""

from dmr_msgspec.__about__ import __version__
from dmr_msgspec._adapter import MsgspecAdapter
from dmr_msgspec._msgpack import MsgpackParser, MsgpackRenderer
from dmr_msgspec._serializer import MsgspecSerializer

__all__ = [
    'MsgpackParser',
    'MsgpackRenderer',
    'MsgspecAdapter',
    'MsgspecSerializer',
    '__version__',
]
