import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    """A profile may belong to an account of ``django.contrib.auth``."""

    dependencies = (
        ('users', '0002_bio_max_length'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    )

    operations = (
        migrations.AddField(
            model_name='user',
            name='account',
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name='profile',
                to=settings.AUTH_USER_MODEL,
            ),
        ),
    )
