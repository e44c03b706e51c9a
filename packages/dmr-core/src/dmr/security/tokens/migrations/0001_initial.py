"""Create the table of API tokens."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    """The ``Token`` model."""

    initial = True

    dependencies = (migrations.swappable_dependency(settings.AUTH_USER_MODEL),)

    operations = (
        migrations.CreateModel(
            name='Token',
            fields=[
                (
                    'id',
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name='ID',
                    ),
                ),
                (
                    'name',
                    models.CharField(
                        blank=True,
                        help_text='What the token is for.',
                        max_length=100,
                    ),
                ),
                (
                    'created',
                    models.DateTimeField(default=django.utils.timezone.now, editable=False),
                ),
                ('last_used', models.DateTimeField(blank=True, editable=False, null=True)),
                (
                    'expires',
                    models.DateTimeField(
                        blank=True,
                        help_text='Empty: the token does not expire.',
                        null=True,
                    ),
                ),
                ('lookup', models.CharField(db_index=True, editable=False, max_length=8)),
                ('digest', models.CharField(editable=False, max_length=64, unique=True)),
                (
                    'user',
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name='dmr_tokens',
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                'verbose_name': 'API token',
                'ordering': ('-created',),
            },
        ),
    )
