"""The notes app's routes: ``notes/urls.py``."""

from dmr.routing import path

from notes.controllers import NoteListController

app_name = 'notes'
urlpatterns = [
    path('', NoteListController.as_view(), name='list'),
]
