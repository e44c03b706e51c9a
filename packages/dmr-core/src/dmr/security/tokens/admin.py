"""The admin of tokens: list and search them; a token added here shows its secret once."""

from typing import TYPE_CHECKING, Any

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.http import HttpRequest

from dmr.security.tokens.models import Token

if TYPE_CHECKING:
    _ModelAdmin = admin.ModelAdmin[Token]
else:  # generic only in django-stubs
    _ModelAdmin = admin.ModelAdmin


@admin.register(Token)
class TokenAdmin(_ModelAdmin):
    """Tokens by name, user and dates; the secret is never stored, so never shown again."""

    list_display = ('name', 'user', 'lookup', 'created', 'last_used', 'expires')
    list_filter = ('created', 'last_used', 'expires')
    list_select_related = ('user',)
    search_fields = ('name', 'lookup', f'user__{get_user_model().USERNAME_FIELD}')
    fields = ('name', 'user', 'expires', 'lookup', 'created', 'last_used')
    readonly_fields = ('lookup', 'created', 'last_used')
    raw_id_fields = ('user',)

    def get_readonly_fields(self, request: HttpRequest, obj: Token | None = None) -> Any:
        """A token keeps its user: ``user`` is read-only once it exists."""
        readonly = tuple(super().get_readonly_fields(request, obj))
        return readonly if obj is None else (*readonly, 'user')

    def save_model(
        self,
        request: HttpRequest,
        obj: Token,
        form: Any,
        change: bool,  # noqa: FBT001 - Django's signature
    ) -> None:
        """Give a new token its secret, and show that secret this once."""
        secret = None
        if not change:
            secret = obj.new_secret()
        super().save_model(request, obj, form, change)
        if secret is not None:
            self.message_user(
                request,
                f'The new token is {secret} . Copy it now: it is not stored and '
                'will not be shown again.',
                messages.WARNING,
            )
