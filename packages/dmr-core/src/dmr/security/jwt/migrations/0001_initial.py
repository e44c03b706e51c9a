"""The ``RevokedToken`` table."""

from django.db import migrations, models


class Migration(migrations.Migration):
    """Create the table of the ``DatabaseStore``."""

    initial = True

    dependencies = ()

    operations = (
        migrations.CreateModel(
            name='RevokedToken',
            fields=[
                ('key', models.CharField(max_length=200, primary_key=True, serialize=False)),
                ('created_at', models.DateTimeField(null=True)),
                ('expires_at', models.DateTimeField(db_index=True)),
            ],
            options={'verbose_name': 'revoked JWT'},
        ),
    )
