"""What the articles API reads and writes, in the library of the project's backend.

``settings.NEWSROOM_SERIALIZER`` picks :mod:`articles.schemas.msgspec`,
:mod:`articles.schemas.pydantic` or :mod:`articles.schemas.attrs`; the
controllers import the models from here.
"""

from django.conf import settings

if settings.NEWSROOM_SERIALIZER == 'pydantic':
    from articles.schemas.pydantic import (
        ArticleImage,
        ArticleImageOut,
        ArticleIn,
        ArticleOut,
        ArticlePath,
        ArticleQuery,
        AuthorOut,
    )
elif settings.NEWSROOM_SERIALIZER == 'attrs':
    from articles.schemas.attrs import (
        ArticleImage,
        ArticleImageOut,
        ArticleIn,
        ArticleOut,
        ArticlePath,
        ArticleQuery,
        AuthorOut,
    )
else:
    from articles.schemas.msgspec import (
        ArticleImage,
        ArticleImageOut,
        ArticleIn,
        ArticleOut,
        ArticlePath,
        ArticleQuery,
        AuthorOut,
    )

__all__ = [
    'ArticleImage',
    'ArticleImageOut',
    'ArticleIn',
    'ArticleOut',
    'ArticlePath',
    'ArticleQuery',
    'AuthorOut',
]
