from django.apps import AppConfig


class CurationConfig(AppConfig):
    name = "plugins.curation"
    label = "otop_curation"
    verbose_name = "OTOP curation"
