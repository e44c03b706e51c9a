from dmr.routing import path

from articles.controllers import ArticleDetailController, ArticleListController
from articles.images import ArticleImageDetailController

app_name = 'articles'
urlpatterns = [
    path('', ArticleListController.as_view(), name='list'),
    path('<int:article_id>/', ArticleDetailController.as_view(), name='detail'),
    path('<int:article_id>/image/', ArticleImageDetailController.as_view(), name='image'),
]
