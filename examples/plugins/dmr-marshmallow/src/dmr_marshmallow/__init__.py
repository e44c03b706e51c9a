"""dmr-marshmallow: the marshmallow serializer backend for dmr.

Install it with ``pip install dmr-marshmallow`` and select it with
``DMR_SETTINGS = {'serializer': 'marshmallow'}`` (it is the default when it
is the only backend installed). Annotations are marshmallow ``Schema``
classes; :mod:`dmr_marshmallow.fields` adds the fields marshmallow lacks.
"""

from dmr_marshmallow.__about__ import __version__
from dmr_marshmallow._adapter import MarshmallowAdapter
from dmr_marshmallow._errors import InvalidDataError
from dmr_marshmallow._serializer import MarshmallowSerializer

__all__ = ['InvalidDataError', 'MarshmallowAdapter', 'MarshmallowSerializer', '__version__']
