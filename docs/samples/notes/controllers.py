"""The notes API: ``notes/controllers.py`` of an app."""

from typing import Annotated

import msgspec
from dmr import Body, Controller


class NoteIn(msgspec.Struct):
    text: Annotated[str, msgspec.Meta(max_length=1000)]


class Note(msgspec.Struct):
    id: int
    text: str


class NoteListController(Controller):
    def get(self) -> list[Note]:
        """List the notes."""
        return [Note(id=1, text='buy milk')]

    def post(self, note: Body[NoteIn]) -> Note:
        """Write a note."""
        return Note(id=2, text=note.text)
