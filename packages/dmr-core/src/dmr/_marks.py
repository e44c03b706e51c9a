"""Marking a message for the catalogues without translating it yet.

Django's ``gettext_noop`` reads the settings, so a module constant cannot use
it at import time; this one does nothing but mark. The message is
translated with ``gettext`` where it is shown, in the request's language.
"""


def gettext_noop(message: str) -> str:
    """Return ``message`` unchanged: the catalogues' extraction finds it by this name."""
    return message
