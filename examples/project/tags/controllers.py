"""The tags API, async from end to end with Django's async ORM API.

Every query here is awaited (``aget``, ``acreate``, ``asave``, ``adelete``,
``aexists``, ``async for``); nothing hops to a thread behind the code's back,
the authentication included (the auths' async paths). Reads are public;
writes need a logged-in user.
"""

from django.db.models import Count, Q, QuerySet
from dmr import Body, Controller, Path, Query, modify
from dmr.openapi import OperationInfo

from newsroom.auth import WRITERS
from newsroom.errors import (
    conflict,
    conflict_on_integrity_error,
    conflict_spec,
    not_found,
    not_found_spec,
)
from newsroom.throttling import WRITES
from tags.models import Tag
from tags.schemas import TagIn, TagOut, TagPath, TagQuery

SLUG_TAKEN = 'A tag with this slug already exists'
SLUG_CONFLICT = conflict_spec(SLUG_TAKEN)
# The checks below answer the usual case; a concurrent write that slips
# between check and write hits the unique constraint instead.
on_slug_taken = conflict_on_integrity_error(SLUG_TAKEN, 'slug')


def counted() -> QuerySet[Tag]:
    """Tags, each with the number of its articles as ``article_count``."""
    return Tag.objects.annotate(article_count=Count('articles'))


def tag_out(tag: Tag, articles: int) -> TagOut:
    """The API's view of ``tag``."""
    return TagOut(slug=tag.slug, name=tag.name, articles=articles)


async def get_tag(slug: str) -> Tag:
    """The tag ``slug``, with its ``article_count``, or a 404."""
    try:
        return await counted().aget(slug=slug)
    except Tag.DoesNotExist:
        raise not_found(f'No tag has slug {slug!r}', 'slug') from None


async def check_slug_free(slug: str, *, besides: Tag | None = None) -> None:
    """Answer 409 if another tag than ``besides`` has ``slug``."""
    others = Tag.objects.filter(slug=slug)
    if besides is not None:
        others = others.exclude(pk=besides.pk)
    if await others.aexists():
        raise conflict(SLUG_TAKEN, 'slug')


class TagListController(Controller):
    """All tags."""

    operation = OperationInfo(tags=['tags'])
    auth = WRITERS
    throttles = WRITES

    @modify(auth=None, throttles=())
    async def get(self, query: Query[TagQuery]) -> list[TagOut]:
        """List tags by slug.

        ``search`` keeps the tags whose slug or name contains it, in any case.
        """
        tags = counted().order_by('slug')
        if query.search is not None:
            tags = tags.filter(Q(slug__icontains=query.search) | Q(name__icontains=query.search))
        return [tag_out(tag, tag.article_count) async for tag in tags]

    @modify(extra_responses=[SLUG_CONFLICT], error_handler=on_slug_taken)
    async def post(self, payload: Body[TagIn]) -> TagOut:
        """Create a tag.

        A slug already taken is a 409.
        """
        await check_slug_free(payload.slug)
        tag = await Tag.objects.acreate(slug=payload.slug, name=payload.name)
        return tag_out(tag, 0)


class TagDetailController(Controller):
    """One tag, by slug."""

    operation = OperationInfo(tags=['tags'])
    responses = (not_found_spec('No tag has this slug'),)
    auth = WRITERS
    throttles = WRITES

    @modify(auth=None, throttles=())
    async def get(self, path: Path[TagPath]) -> TagOut:
        """Read a tag.

        The tag comes with the number of articles that carry it.
        """
        tag = await get_tag(path.slug)
        return tag_out(tag, tag.article_count)

    @modify(extra_responses=[SLUG_CONFLICT], error_handler=on_slug_taken)
    async def put(self, path: Path[TagPath], payload: Body[TagIn]) -> TagOut:
        """Replace a tag.

        Its articles keep it under its new slug; a slug already taken is a 409.
        """
        tag = await get_tag(path.slug)
        await check_slug_free(payload.slug, besides=tag)
        tag.slug = payload.slug
        tag.name = payload.name
        await tag.asave(update_fields=['slug', 'name'])
        return tag_out(tag, tag.article_count)

    async def delete(self, path: Path[TagPath]) -> None:
        """Delete a tag.

        Its articles lose it; a slug no tag has is a 404.
        """
        deleted, _ = await Tag.objects.filter(slug=path.slug).adelete()
        if not deleted:
            raise not_found(f'No tag has slug {path.slug!r}', 'slug')
