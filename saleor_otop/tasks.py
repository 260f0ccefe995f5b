from saleor.celeryconf import app


@app.task
def task_outbox_drain_task() -> int:
    from saleor_otop.task_outbox import task_outbox_drain

    return task_outbox_drain()
