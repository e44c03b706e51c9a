from dmr.routing import path

from tags.controllers import TagDetailController, TagListController

app_name = 'tags'
urlpatterns = [
    path('', TagListController.as_view(), name='list'),
    path('<slug:slug>/', TagDetailController.as_view(), name='detail'),
]
