from dmr.routing import path

from articles.controllers import ArticleDetailController, ArticleListController
from articles.export import ArticleFileController
from articles.images import ArticleImageDetailController
from articles.streams import ArticleExportController, ArticleFeedController

app_name = 'articles'
urlpatterns = [
    path('', ArticleListController.as_view(), name='list'),
    path('<int:article_id>/', ArticleDetailController.as_view(), name='detail'),
    path('<int:article_id>/export/', ArticleFileController.as_view(), name='download'),
    path('feed/', ArticleFeedController.as_view(), name='feed'),
    path('export/', ArticleExportController.as_view(), name='export'),
    path('<int:article_id>/image/', ArticleImageDetailController.as_view(), name='image'),
]
