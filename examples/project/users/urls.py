from dmr.routing import path

from users.controllers import UserDetailController, UserListController

app_name = 'users'
urlpatterns = [
    path('', UserListController.as_view(), name='list'),
    path('<int:user_id>/', UserDetailController.as_view(), name='detail'),
]
