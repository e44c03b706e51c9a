"""An article's image: uploaded with a multipart PUT, stored under MEDIA_ROOT.

Only the article's author may replace it. The file is stored under a name
the server chooses (the article's id and the extension of the declared
content type): the client's file name and content type are untrusted.
"""

from dmr import Controller, Files, Path
from dmr.openapi import OperationInfo
from dmr.parsers import MultipartParser

from articles.controllers import get_article
from articles.images_limit import IMAGE_TYPES
from articles.schemas import ArticleImage, ArticleImageOut, ArticlePath
from newsroom.auth import WRITERS, IsAuthor
from newsroom.errors import not_found_spec

#: No more than the image and its multipart framing.
MAX_REQUEST_SIZE = 3 * 1024 * 1024


class ArticleImageDetailController(Controller):
    """The image of one article."""

    operation = OperationInfo(tags=['articles'])
    responses = (not_found_spec('No article has this id'),)
    parsers = (MultipartParser(max_request_size=MAX_REQUEST_SIZE),)
    auth = WRITERS
    permissions = (IsAuthor(),)

    def put(self, path: Path[ArticlePath], files: Files[ArticleImage]) -> ArticleImageOut:
        """Replace an article's image.

        A PNG, JPEG or WebP file of at most 2 MiB, sent as the `image` field
        of a `multipart/form-data` body; only the article's author may send it.
        """
        article = get_article(path.article_id)
        self.check_object_permissions(article)
        upload = files.image
        content_type = (upload.content_type or '').lower()
        if article.image:
            article.image.delete(save=False)
        article.image.save(f'{article.pk}{IMAGE_TYPES[content_type]}', upload, save=True)
        return ArticleImageOut(
            article_id=article.pk,
            content_type=content_type,
            size=article.image.size,
        )
