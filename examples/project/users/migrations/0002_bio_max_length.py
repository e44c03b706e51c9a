from django.db import migrations, models


class Migration(migrations.Migration):
    """A bio holds at most 500 characters."""

    dependencies = (('users', '0001_initial'),)

    operations = (
        migrations.AlterField(
            model_name='user',
            name='bio',
            field=models.CharField(blank=True, default='', max_length=500),
        ),
    )
