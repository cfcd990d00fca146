from django.apps import AppConfig


class StoreConfig(AppConfig):
    name = "gongbao.store"
    label = "store"
    verbose_name = "公报档案"
    default_auto_field = "django.db.models.BigAutoField"
