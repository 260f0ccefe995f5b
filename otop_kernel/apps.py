from django.apps import AppConfig


class OtopKernelConfig(AppConfig):
    # An app so that the worker finds otop_kernel.tasks.
    name = "otop_kernel"
    verbose_name = "OTOP kernel"
