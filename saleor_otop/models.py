from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone


class TaskOutboxEntry(models.Model):
    """A Celery task to be sent: written in the transaction that asked for it, deleted once the
    broker took it (saleor_otop/task_outbox.py)."""

    task_name = models.CharField(max_length=255)
    args = models.JSONField(default=list, encoder=DjangoJSONEncoder)
    kwargs = models.JSONField(default=dict, encoder=DjangoJSONEncoder)
    options = models.JSONField(default=dict, encoder=DjangoJSONEncoder)
    created_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ("pk",)
        verbose_name = "task waiting for the broker"
        verbose_name_plural = "tasks waiting for the broker"

    def __str__(self) -> str:
        return f"{self.task_name} #{self.pk}"
