from saleor.celeryconf import app

from .services import search_documents_rebuild


@app.task
def search_documents_rebuild_task(product_ids: list[int]) -> None:
    search_documents_rebuild(product_ids=product_ids)
