from dmr.routing import path

from articles.controllers import ArticleDetailController, ArticleListController
from articles.export import ArticleExportController

app_name = 'articles'
urlpatterns = [
    path('', ArticleListController.as_view(), name='list'),
    path('<int:article_id>/', ArticleDetailController.as_view(), name='detail'),
    path('<int:article_id>/export/', ArticleExportController.as_view(), name='export'),
]
