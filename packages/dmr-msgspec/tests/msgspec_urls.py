"""URL patterns of the test controllers."""

import msgspec_controllers as views
from dmr.routing import Router, path

router = Router(
    'api/',
    [
        path('users/', views.UserController.as_view()),
        path('strict/', views.StrictController.as_view()),
        path('constrained/', views.ConstrainedController.as_view()),
        path('search/', views.SearchController.as_view()),
        path('headers/', views.HeadersController.as_view()),
        path('nullable/', views.NullableController.as_view()),
        path('items/<str:item_id>/<slug:slug>/', views.ItemController.as_view()),
        path('session/', views.SessionController.as_view()),
        path('dataclass/', views.DataclassController.as_view()),
        path('typeddict/', views.TypedDictController.as_view()),
        path('attrs/', views.AttrsController.as_view()),
        path('wrong-shape/', views.WrongShapeController.as_view()),
        path('unencodable/', views.UnencodableController.as_view()),
        path('huge-int/', views.HugeIntController.as_view()),
        path(
            'unvalidated/wrong-shape/',
            views.UnvalidatedWrongShapeController.as_view(),
        ),
        path(
            'unvalidated/unencodable/',
            views.UnvalidatedUnencodableController.as_view(),
        ),
    ],
)

urlpatterns = [router.to_urlpatterns()]
