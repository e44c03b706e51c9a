"""Django REST framework: nested serializers, an ``APIView`` and its JSON parser."""

import uuid
from typing import Any

from django.urls import path
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from benchmarks.payload import LEVELS

ENVIRONMENT = 'bench-peers'
SETTINGS: dict[str, Any] = {
    'INSTALLED_APPS': ['rest_framework'],
    'REST_FRAMEWORK': {
        'DEFAULT_AUTHENTICATION_CLASSES': [],
        'DEFAULT_PERMISSION_CLASSES': [],
        'UNAUTHENTICATED_USER': None,
        'DEFAULT_PARSER_CLASSES': ['rest_framework.parsers.JSONParser'],
        'DEFAULT_RENDERER_CLASSES': ['rest_framework.renderers.JSONRenderer'],
    },
}
VARIANTS: dict[str, dict[str, Any]] = {'rest-framework': {}}


class StrOrIntField(serializers.Field):
    """A ``str | int`` value: DRF has no union field."""

    default_error_messages = {'invalid': 'Must be a string or an integer.'}  # noqa: RUF012 - DRF's convention

    def to_internal_value(self, data: Any) -> str | int:
        """Accept strings and integers, refuse booleans and the rest."""
        if isinstance(data, bool) or not isinstance(data, str | int):
            self.fail('invalid')
        return data

    def to_representation(self, value: Any) -> str | int:
        """The value as it is."""
        return value


class SkillSerializer(serializers.Serializer):
    """One skill."""

    name = serializers.CharField()
    level = serializers.ChoiceField(choices=LEVELS)
    years = serializers.IntegerField()


class ItemSerializer(serializers.Serializer):
    """An item and, recursively, its parts."""

    name = serializers.CharField()
    quantity = serializers.IntegerField()

    def get_fields(self) -> dict[str, serializers.Field]:
        """Add the recursive field, which cannot be declared in the class body."""
        fields = super().get_fields()
        fields['parts'] = ItemSerializer(many=True)
        return fields


class UserSerializer(serializers.Serializer):
    """The user, with recursive friends."""

    email = serializers.CharField()
    age = serializers.IntegerField()
    height = serializers.FloatField()
    score = serializers.FloatField()
    balance = serializers.DecimalField(max_digits=14, decimal_places=2)
    birthday = serializers.DateTimeField()
    membership = serializers.DurationField()
    skills = SkillSerializer(many=True)
    aliases = serializers.DictField(child=StrOrIntField())
    promocodes = serializers.ListField(child=serializers.UUIDField())
    items = ItemSerializer(many=True)

    def get_fields(self) -> dict[str, serializers.Field]:
        """Add the recursive fields."""
        fields = super().get_fields()
        fields['friends'] = UserSerializer(many=True)
        fields['best_friend'] = UserSerializer(allow_null=True)
        return fields


class CreatedUserSerializer(UserSerializer):
    """The response: the user and its new id."""

    uid = serializers.UUIDField()


class QuerySerializer(serializers.Serializer):
    """The query string."""

    per_page = serializers.IntegerField()
    count = serializers.IntegerField()
    page = serializers.IntegerField()
    filter = serializers.CharField()


class HeadersSerializer(serializers.Serializer):
    """The required headers."""

    x_api_token = serializers.CharField()
    x_request_origin = serializers.CharField()


def _headers(request: Request) -> dict[str, str]:
    return {
        name: request.headers[header]
        for name, header in (
            ('x_api_token', 'X-API-Token'),
            ('x_request_origin', 'X-Request-Origin'),
        )
        if header in request.headers
    }


class UserView(APIView):
    """``POST /user/``."""

    def post(self, request: Request) -> Response:
        """Validate the query, the headers and the body; create the user."""
        QuerySerializer(data=request.query_params).is_valid(raise_exception=True)
        HeadersSerializer(data=_headers(request)).is_valid(raise_exception=True)
        user = UserSerializer(data=request.data)
        user.is_valid(raise_exception=True)
        created = {**user.validated_data, 'uid': uuid.uuid4()}
        return Response(CreatedUserSerializer(created).data, status=201)


urlpatterns = [path('user/', UserView.as_view())]
