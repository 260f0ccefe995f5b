"""Where a producer's notifications go besides the portal: channels behind one interface.

E-mail is the channel built now. LINE (the messaging app most Thai producers use) is meant to
be another `NotificationChannel`: its `send` pushes the same subject and text to the members
who linked a LINE account, and `register_channel(LineChannel())` in an AppConfig.ready adds it.
Nothing else changes: services create the notification, a task hands it to every channel.
"""
from dataclasses import dataclass
from typing import List, Protocol, Sequence

from django.conf import settings
from django.core.mail import send_mail

from .models import MemberRole, Producer, ProducerMember, ProducerNotification


@dataclass(frozen=True)
class Message:
    subject: str
    text: str


class NotificationChannel(Protocol):
    name: str

    def send(self, *, notification: ProducerNotification, producer: Producer, message: Message) -> None:
        """Deliver the message; raise to have the task retried."""


def email_recipients(producer: Producer) -> List[str]:
    """The producer's contact address and its owners' addresses."""
    owners = ProducerMember.objects.filter(producer=producer, role=MemberRole.OWNER).values_list(
        "user__email", flat=True
    )
    return sorted({producer.contact_email, *owners} - {""})


class EmailChannel:
    name = "email"

    def send(self, *, notification: ProducerNotification, producer: Producer, message: Message) -> None:
        recipients = email_recipients(producer)
        if recipients:
            send_mail(
                subject=message.subject,
                message=message.text,
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=recipients,
            )


_channels: List[NotificationChannel] = [EmailChannel()]


def register_channel(channel: NotificationChannel) -> None:
    if all(existing.name != channel.name for existing in _channels):
        _channels.append(channel)


def channels() -> Sequence[NotificationChannel]:
    return tuple(_channels)
