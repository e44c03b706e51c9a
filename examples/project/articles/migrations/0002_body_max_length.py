from django.db import migrations, models


class Migration(migrations.Migration):
    """An article's body holds at most 10,000 characters."""

    dependencies = (('articles', '0001_initial'),)

    operations = (
        migrations.AlterField(
            model_name='article',
            name='body',
            field=models.CharField(blank=True, default='', max_length=10_000),
        ),
    )
