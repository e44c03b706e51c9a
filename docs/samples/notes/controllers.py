"""The notes API: ``notes/controllers.py`` of an app."""

import msgspec
from dmr import Body, Controller


class NoteIn(msgspec.Struct):
    text: str


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
