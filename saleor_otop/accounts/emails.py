"""Mail of the account patches (a task, so that a taken address is answered as fast as a new one)."""
from saleor.celeryconf import app
from saleor.core.emails import get_email_context
from templated_email import send_templated_mail

ACCOUNT_EXISTS_TEMPLATE = "account/account_exists"


@app.task
def account_exists_email_task(email: str) -> None:
    """Tell the owner of an address that someone tried to register it again."""
    send_kwargs, context = get_email_context()
    send_templated_mail(template_name=ACCOUNT_EXISTS_TEMPLATE, recipient_list=[email], context=context, **send_kwargs)
