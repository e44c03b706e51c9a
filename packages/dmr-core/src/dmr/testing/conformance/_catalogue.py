"""The catalogue: the models every backend defines, in its own library.

Each field of :class:`Catalogue` names one model and documents its fields;
a backend supplies a class (or other annotation its library supports) with
exactly those wire names, types and defaults. The suite then checks every
backend with the same requests and expects the same answers.
"""

import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Self

from dmr.files import FileLimit


class Colour(enum.Enum):
    """The enum of ``Catalogue.choices``; backends import it from here."""

    RED = 'red'
    GREEN = 'green'


COVER_LIMIT = FileLimit(max_size=8, content_types=('image/png',))
"""The limit of ``Catalogue.aliased_uploads``' only field; backends import it from here."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Catalogue:
    """One backend's definitions of the conformance models.

    Field types below use Python annotations; write them in your library's
    terms (``msgspec.Struct``, ``pydantic.BaseModel``, ``attrs.define``...).
    Every model is an object with exactly these fields.
    """

    serializer: type
    """The backend class under test (pinned with ``Controller[serializer]``)."""

    construct: Callable[[Any, dict[str, Any]], Any]
    """``construct(model, fields)``: an instance built *without* validation.

    Used to return invalid data from an endpoint, which response validation
    must refuse.
    """

    scalars: Any
    """``Scalars``: ``text: str``, ``count: int``, ``ratio: float``, ``flag: bool``."""

    optionals: Any
    """``Optionals``: ``nullable: int | None`` (required),
    ``defaulted: int = 7``, ``maybe: int | None = None``."""

    choices: Any
    """``Choices``: ``colour: Colour``, ``mode: Literal['fast', 'slow']``."""

    unions: Any
    """``Unions``: ``value: int | str``."""

    nested: Any
    """``Nested``: ``child: Scalars``, ``children: list[Scalars]``."""

    recursive: Any
    """``Node``: ``name: str``, ``children: list[Node] = []``."""

    collections: Any
    """``Collections``: ``tags: list[str]``, ``pair: tuple[int, str]``,
    ``unique: set[int]``, ``mapping: dict[str, int]``."""

    temporal: Any
    """``Temporal``: ``moment: datetime``, ``day: date``, ``clock: time``,
    ``span: timedelta``, ``ident: UUID``, ``amount: Decimal``."""

    aliases: Any
    """``Aliases``: field ``user_name: str`` whose wire name is ``userName``."""

    constraints: Any
    """``Constraints``: ``age: int`` with ``0 <= age <= 150``,
    ``name: str`` of length 2 to 10, ``code: str`` matching ``^[A-Z]{3}$``."""

    query: Any
    """``QueryParams``: ``page: int``, ``tags: list[str] = []``."""

    optional_query: Any
    """``OptionalQuery``: ``flag: bool | None = None``, ``search: str | None = None``.

    In a query string the text ``null`` is text, not JSON null: ``?search=null``
    is the string ``'null'`` and ``?flag=null`` is an invalid boolean."""

    headers: Any
    """``HeaderParams``: ``x_token: str`` (the ``X-Token`` header)."""

    path: Any
    """``PathParams``: ``item_id: int``."""

    cookies: Any
    """``CookieParams``: ``session: str``."""

    form: Any
    """``FormFields``: ``title: str``, ``count: int``, ``tags: list[str] = []``:
    the ``Body`` of form and multipart requests."""

    uploads: Any
    """``Uploads``: ``document: UploadedFile``, ``attachments: list[UploadedFile] = []``
    (``dmr.files.UploadedFile``): the ``Files`` of multipart requests."""

    aliased_uploads: Any = None
    """``AliasedUploads``: field ``cover_image: Annotated[UploadedFile, COVER_LIMIT]``
    whose wire name is ``coverImage``: a ``Files`` model whose limit follows
    the alias. Optional: a backend whose models cannot carry a
    :class:`dmr.files.FileLimit` leaves it out, and the cases of limits on
    aliased files are not generated for it."""

    @classmethod
    def from_names(
        cls,
        names: Mapping[str, Any],
        /,
        *,
        serializer: type,
        construct: Callable[[Any, dict[str, Any]], Any],
    ) -> Self:
        """The catalogue of the models ``names`` holds under their usual names.

        ``names`` is a namespace, usually the test module's ``globals()``,
        that defines each model under the class name :data:`MODEL_NAMES`
        gives its field (``Scalars``, ``Optionals``, ... ``Uploads``)::

            CATALOGUE = Catalogue.from_names(
                globals(), serializer=MySerializer, construct=build_unchecked,
            )

        A name it lacks raises ``LookupError`` listing every missing one; the
        optional models (:data:`OPTIONAL_MODEL_NAMES`) are taken when defined.
        """
        missing = [name for name in MODEL_NAMES.values() if name not in names]
        if missing:
            raise LookupError(
                f'The conformance catalogue needs these models: {", ".join(missing)}',
            )
        models = {field: names[name] for field, name in MODEL_NAMES.items()}
        models.update(
            (field, names[name]) for field, name in OPTIONAL_MODEL_NAMES.items() if name in names
        )
        return cls(serializer=serializer, construct=construct, **models)


MODEL_NAMES: Mapping[str, str] = {
    'scalars': 'Scalars',
    'optionals': 'Optionals',
    'choices': 'Choices',
    'unions': 'Unions',
    'nested': 'Nested',
    'recursive': 'Node',
    'collections': 'Collections',
    'temporal': 'Temporal',
    'aliases': 'Aliases',
    'constraints': 'Constraints',
    'query': 'QueryParams',
    'optional_query': 'OptionalQuery',
    'headers': 'HeaderParams',
    'path': 'PathParams',
    'cookies': 'CookieParams',
    'form': 'FormFields',
    'uploads': 'Uploads',
}
"""Each model field of :class:`Catalogue` and the class name that
:meth:`Catalogue.from_names` looks up for it."""

OPTIONAL_MODEL_NAMES: Mapping[str, str] = {'aliased_uploads': 'AliasedUploads'}
"""The optional model fields of :class:`Catalogue`, taken by
:meth:`Catalogue.from_names` when the namespace defines them."""


BODY_MODELS = (
    'scalars',
    'optionals',
    'choices',
    'unions',
    'nested',
    'recursive',
    'collections',
    'temporal',
    'aliases',
    'constraints',
)
