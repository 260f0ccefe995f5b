
from saleor.celeryconf import app

from . import imports, services


@app.task
def certification_expire_due_task() -> dict:
    result = services.certification_expire_due()
    notified = services.certifications_expiring_notify()
    return {
        "expiring_notified": notified,
        "expired": len(result.expired_certification_ids),
        "delisted": len(result.delisted_product_ids),
    }


@app.task
def stars_delisting_notify_task(product_ids: list[int]) -> int:
    return services.stars_delisting_notify(product_ids=product_ids)


@app.task
def certification_import_task(job_id: int) -> None:
    imports.certification_import_job_run(job_id=job_id)
