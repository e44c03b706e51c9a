"""Sphinx configuration of the dmr documentation site.

Build it with ``./scripts/hatch run docs:build`` (warnings are errors).
"""

import django
from django.conf import settings

# The API reference imports dmr's modules, some of which read Django settings.
settings.configure(
    INSTALLED_APPS=['dmr'],
    DMR_SETTINGS={'serializer': 'msgspec'},
    USE_TZ=True,
)
django.setup()

from dmr import __version__  # noqa: E402 - settings first

project = 'dmr'
author = 'the dmr maintainers'
copyright = 'the dmr maintainers'
version = release = __version__

extensions = [
    'myst_parser',
    'sphinx.ext.autodoc',
]
source_suffix = {'.md': 'markdown', '.rst': 'restructuredtext'}
exclude_patterns = ['_build', 'samples']
root_doc = 'index'
highlight_language = 'python'

myst_heading_anchors = 3
myst_enable_extensions = ['colon_fence']

autodoc_member_order = 'bysource'
autodoc_typehints = 'signature'
autodoc_preserve_defaults = True
autodoc_class_signature = 'separated'

html_theme = 'furo'
html_title = f'dmr {release}'
html_static_path = ['_static']
pygments_style = 'friendly'
pygments_dark_style = 'monokai'
