"""URL patterns of the test controllers."""

import attrs_controllers as views
from dmr.routing import Router, path

router = Router(
    'api/',
    [
        path('users/', views.UserController.as_view()),
        path('profile/', views.ProfileController.as_view()),
        path('preferences/', views.PreferencesController.as_view()),
        path('any/', views.AnyController.as_view()),
        path('point/', views.PointController.as_view()),
        path('event/', views.EventController.as_view()),
        path('list/', views.ListController.as_view()),
        path('search/', views.SearchController.as_view()),
        path('headers/', views.HeadersController.as_view()),
        path('session/', views.SessionController.as_view()),
        path('unencodable/', views.UnencodableController.as_view()),
        path('dict-for-class/', views.DictForClassController.as_view()),
        path('naive-event/', views.NaiveEventController.as_view()),
        path('unvalidated/unencodable/', views.UnvalidatedUnencodableController.as_view()),
    ],
)

urlpatterns = [router.to_urlpatterns()]
