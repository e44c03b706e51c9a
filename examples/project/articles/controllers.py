"""The articles API (sync): filtered and paginated listing, create, read, replace, delete.

Reads are public; writes need a logged-in user (:data:`newsroom.auth.WRITERS`),
who writes as their own profile and changes only the articles they wrote.
"""

from collections.abc import Callable
from typing import Annotated, Any

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from dmr import APIError, Body, Controller, Path, Query, modify
from dmr.errors import ErrorDetail, error_detail, error_model
from dmr.openapi import OperationInfo
from dmr.pagination import CursorPage, CursorPaginator

from articles.models import Article
from articles.ordering import Ordering
from articles.schemas import ArticleIn, ArticleOut, ArticlePath, ArticleQuery, AuthorOut
from newsroom.auth import WRITERS, IsAuthor
from newsroom.errors import conflict_on_integrity_error, conflict_spec, not_found, not_found_spec
from newsroom.throttling import WRITES
from tags.models import Tag
from users.models import User

SLUG_TAKEN = 'An article with this slug already exists'
SLUG_CONFLICT = conflict_spec(SLUG_TAKEN)
on_slug_taken = conflict_on_integrity_error(SLUG_TAKEN, 'slug')

# One cursor listing per order; each appends the id, so no two articles tie,
# and a cursor of one order is refused by the others.
ORDERINGS = {
    Ordering.NEWEST: CursorPaginator(Article, ('-created_at',), max_per_page=100),
    Ordering.OLDEST: CursorPaginator(Article, ('created_at',), max_per_page=100),
    Ordering.TITLE: CursorPaginator(Article, ('title',), max_per_page=100),
}
# The three share their bounds; the query model names one to document them.
ARTICLE_PAGES = ORDERINGS[Ordering.NEWEST]


def articles() -> QuerySet[Article]:
    """Articles with their authors and tags, in three queries for any number."""
    return Article.objects.select_related('author').prefetch_related('tags')


def tagged_with_all(slugs: list[str]) -> QuerySet[Any, Any]:
    """Ids of the articles that carry every tag in ``slugs``, in one query.

    One join of the article-tag table with the tags, grouped by article and
    kept when it found as many distinct tags as were asked for: the cost does
    not grow with the number of slugs as one join per slug would.
    """
    wanted = set(slugs)
    return (
        Article.tags.through.objects.filter(tag__slug__in=wanted)
        .values('article_id')
        .annotate(found=Count('tag_id', distinct=True))
        .filter(found=len(wanted))
        .values('article_id')
    )


def article_out(article: Article) -> ArticleOut:
    """The API's view of ``article`` (its author and tags should be fetched with it)."""
    return ArticleOut(
        id=article.pk,
        slug=article.slug,
        title=article.title,
        body=article.body,
        published=article.published,
        author=AuthorOut(id=article.author.pk, name=article.author.name),
        tags=[tag.slug for tag in article.tags.all()],
        created_at=article.created_at,
        updated_at=article.updated_at,
    )


def get_article(article_id: int) -> Article:
    """The article with id ``article_id``, or a 404."""
    try:
        return articles().get(pk=article_id)
    except Article.DoesNotExist:
        raise not_found(f'No article has id {article_id}', 'article_id') from None


def references(payload: ArticleIn) -> tuple[User, list[Tag]]:
    """The author and the tags ``payload`` names; a 400 names those that do not exist."""
    author = User.objects.filter(pk=payload.author_id).first()
    tags = list(Tag.objects.filter(slug__in=payload.tags))
    known = {tag.slug for tag in tags}
    errors: list[ErrorDetail] = []
    if author is None:
        errors.append(error_detail(f'No user has id {payload.author_id}', ['body', 'author_id']))
    errors.extend(
        error_detail(f'No tag has slug {slug!r}', ['body', 'tags', index])
        for index, slug in enumerate(payload.tags)
        if slug not in known
    )
    if author is None or errors:
        raise APIError(error_model(errors), status_code=400)
    return author, tags


def save_article(article: Article, payload: ArticleIn, check: Callable[[Any], None]) -> Article:
    """Write ``payload`` into ``article``; a taken slug raises ``IntegrityError``.

    ``check`` is the controller's object permission check, run once the
    author is known: the author must be the writer's own profile.
    """
    article.author, tags = references(payload)
    check(article)
    article.slug = payload.slug
    article.title = payload.title
    article.body = payload.body
    article.published = payload.published
    with transaction.atomic():
        article.save()
        article.tags.set(tags)
    return get_article(article.pk)


class ArticleListController(Controller):
    """All articles."""

    operation = OperationInfo(tags=['articles'])
    auth = WRITERS
    throttles = WRITES
    permissions = (IsAuthor(),)

    @modify(auth=None, throttles=(), permissions=())
    def get(self, query: Query[Annotated[ArticleQuery, ARTICLE_PAGES]]) -> CursorPage[ArticleOut]:
        """List articles, newest first unless ``ordering`` says otherwise.

        Every filter given must match: ``tag`` may be repeated, and then an
        article must carry all of those tags. A page links to the pages
        around it with the cursors ``next`` and ``previous``.
        """
        found = articles()
        if query.author is not None:
            found = found.filter(author_id=query.author)
        if query.tag:
            found = found.filter(pk__in=tagged_with_all(query.tag))
        if query.published is not None:
            found = found.filter(published=query.published)
        if query.search is not None:
            found = found.filter(
                Q(title__icontains=query.search) | Q(body__icontains=query.search)
            )
        return ORDERINGS[query.ordering].paginate(found, query, article_out)

    @modify(extra_responses=[SLUG_CONFLICT], error_handler=on_slug_taken)
    def post(self, payload: Body[ArticleIn]) -> ArticleOut:
        """Write an article.

        ``author_id`` and every slug in ``tags`` must exist, or the answer is
        a 400 that points at them. ``author_id`` must be the profile of the
        logged-in user, or the answer is a 403.
        """
        return article_out(save_article(Article(), payload, self.check_object_permissions))


class ArticleDetailController(Controller):
    """One article, by id."""

    operation = OperationInfo(tags=['articles'])
    responses = (not_found_spec('No article has this id'),)
    auth = WRITERS
    throttles = WRITES
    permissions = (IsAuthor(),)

    @modify(auth=None, throttles=(), permissions=())
    def get(self, path: Path[ArticlePath]) -> ArticleOut:
        """Read an article.

        The article comes with its author and the slugs of its tags.
        """
        return article_out(get_article(path.article_id))

    @modify(extra_responses=[SLUG_CONFLICT], error_handler=on_slug_taken)
    def put(self, path: Path[ArticlePath], payload: Body[ArticleIn]) -> ArticleOut:
        """Replace an article.

        Every field is written, with the same checks as a new article; only
        its author may replace it, and keeps it (a 403 otherwise).
        """
        article = get_article(path.article_id)
        self.check_object_permissions(article)
        return article_out(save_article(article, payload, self.check_object_permissions))

    def delete(self, path: Path[ArticlePath]) -> None:
        """Delete an article.

        Its tags stay; an id no article has is a 404, another author's a 403.
        """
        article = get_article(path.article_id)
        self.check_object_permissions(article)
        article.delete()
