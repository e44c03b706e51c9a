"""The serializer backends as this project configures them, one module per library.

``settings.NEWSROOM_SERIALIZERS`` names a class from here for the backends
that need one (:mod:`newsroom.serializers.pydantic`,
:mod:`newsroom.serializers.attrs`); msgspec runs as it comes. Each module is
imported only when the settings choose it, so a project running on one
library does not need the others.
"""
