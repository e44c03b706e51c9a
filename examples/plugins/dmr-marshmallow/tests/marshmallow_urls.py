"""URL patterns of the test controllers."""

from dmr.routing import Router, path

import marshmallow_controllers as views

router = Router(
    'api/',
    [
        path('users/', views.UserController.as_view()),
        path('people/', views.PersonController.as_view()),
        path('bookings/', views.BookingController.as_view()),
        path('search/', views.SearchController.as_view()),
        path('items/<str:item_id>/<slug:slug>/', views.ItemController.as_view()),
        path('anything/', views.AnythingController.as_view()),
        path('plain/', views.PlainController.as_view()),
        path('wrong-shape/', views.WrongShapeController.as_view()),
        path('unvalidated/', views.UnvalidatedWrongShapeController.as_view()),
        path('hand-built/', views.HandBuiltController.as_view()),
        path('modified/', views.ModifiedController.as_view()),
    ],
)

urlpatterns = [router.to_urlpatterns()]
