"""Official OTOP Product Champion certifications and shopper reviews of OTOP products."""
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from saleor.product.models import Product

from otop_kernel.otop_categories import OtopCategory

from .permissions import OtopStarsPermissions

MIN_STARS = 1
MAX_STARS = 5
FIRST_ROUND_YEAR = 2003
BUDDHIST_ERA_OFFSET = 543
REVIEW_TITLE_MAX_LENGTH = 120
REVIEW_TEXT_MAX_LENGTH = 2000


class CertificationStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    EXPIRED = "expired", "Expired"
    REVOKED = "revoked", "Revoked"


class ImportJobStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Succeeded"
    FAILED = "failed", "Failed"


class CertificationImportJob(models.Model):
    """One import of an official result file; the report lists every row's outcome."""

    status = models.CharField(
        max_length=16, choices=ImportJobStatus.choices, default=ImportJobStatus.PENDING
    )
    file_name = models.CharField(max_length=255, blank=True)
    content = models.TextField(help_text="The CSV text, decoded to Unicode.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    row_count = models.PositiveIntegerField(default=0)
    matched_count = models.PositiveIntegerField(default=0)
    unmatched_count = models.PositiveIntegerField(default=0)
    rejected_count = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(
        default=0, help_text="Certifications this job recorded (matched rows not already recorded)."
    )
    report = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Import {self.pk} ({self.status})"


class Certification(models.Model):
    """One official star rating of a product in one round; a product keeps its history."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="otop_certifications")
    stars = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(MIN_STARS), MaxValueValidator(MAX_STARS)]
    )
    round_year = models.PositiveSmallIntegerField(help_text="Year of the round, Common Era.")
    certificate_number = models.CharField(max_length=64, unique=True)
    category = models.CharField(max_length=16, choices=OtopCategory.choices)
    score = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    valid_until = models.DateField()
    status = models.CharField(
        max_length=16, choices=CertificationStatus.choices, default=CertificationStatus.ACTIVE
    )
    status_reason = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    import_job = models.ForeignKey(
        CertificationImportJob,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="certifications",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-round_year", "-recorded_at", "-pk"]
        permissions = (
            (
                OtopStarsPermissions.MANAGE_OTOP_CERTIFICATION.codename,
                "Manage OTOP star certifications.",
            ),
        )
        constraints = [
            models.CheckConstraint(
                check=models.Q(stars__gte=MIN_STARS, stars__lte=MAX_STARS),
                name="otop_stars_certification_stars_1_to_5",
            ),
            models.CheckConstraint(
                check=models.Q(round_year__gte=FIRST_ROUND_YEAR),
                name="otop_stars_certification_round_from_2003",
            ),
            models.CheckConstraint(
                check=models.Q(score__isnull=True) | models.Q(score__gte=0, score__lte=100),
                name="otop_stars_certification_score_0_to_100",
            ),
            # A rating belongs to its round: one live certification per product and round.
            models.UniqueConstraint(
                fields=["product", "round_year"],
                condition=~models.Q(status=CertificationStatus.REVOKED),
                name="otop_stars_one_live_certification_per_round",
            ),
        ]
        indexes = [models.Index(fields=["status", "valid_until"], name="otop_stars_cert_due_idx")]

    def __str__(self):
        return f"{self.certificate_number}: {self.stars}* ({self.round_year})"

    @property
    def round_year_buddhist_era(self) -> int:
        return self.round_year + BUDDHIST_ERA_OFFSET


class CertificationAction(models.TextChoices):
    GRANTED = "granted", "Granted"
    CORRECTED = "corrected", "Corrected"
    REVOKED = "revoked", "Revoked"
    EXPIRED = "expired", "Expired"


class CertificationAuditEntry(models.Model):
    """Every change of a certification: who, when, and the values before and after."""

    certification = models.ForeignKey(
        Certification, on_delete=models.CASCADE, related_name="audit_entries"
    )
    action = models.CharField(max_length=16, choices=CertificationAction.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.action} {self.certification_id} at {self.created_at:%Y-%m-%d %H:%M}"


class ProductStars(models.Model):
    """Per product, what listings filter and sort by; kept up to date by services.py."""

    product = models.OneToOneField(
        Product, on_delete=models.CASCADE, primary_key=True, related_name="otop_stars"
    )
    current_certification = models.ForeignKey(
        Certification, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    current_stars = models.PositiveSmallIntegerField(null=True, blank=True, db_index=True)
    # Set once a product has been certified: from then on the listing minimum applies to it.
    has_certification_history = models.BooleanField(default=False)
    review_average = models.DecimalField(max_digits=3, decimal_places=2, null=True, blank=True)
    review_count = models.PositiveIntegerField(default=0)
    review_histogram = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "product stars"

    def __str__(self):
        return f"{self.product_id}: {self.current_stars}*"


class ReviewStatus(models.TextChoices):
    PENDING = "pending", "Pending moderation"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"


class Review(models.Model):
    """A shopper's review of a product they bought; shown once staff approve it."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="otop_reviews")
    # Kept when the account is deleted so the product's summary stays true.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="otop_reviews",
    )
    stars = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(MIN_STARS), MaxValueValidator(MAX_STARS)]
    )
    title = models.CharField(max_length=REVIEW_TITLE_MAX_LENGTH)
    text = models.CharField(max_length=REVIEW_TEXT_MAX_LENGTH, blank=True)
    status = models.CharField(
        max_length=16, choices=ReviewStatus.choices, default=ReviewStatus.PENDING
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderation_note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        permissions = (
            (OtopStarsPermissions.MODERATE_OTOP_REVIEWS.codename, "Moderate shopper reviews."),
        )
        constraints = [
            models.CheckConstraint(
                check=models.Q(stars__gte=MIN_STARS, stars__lte=MAX_STARS),
                name="otop_stars_review_stars_1_to_5",
            ),
            models.UniqueConstraint(
                fields=["product", "user"], name="otop_stars_one_review_per_shopper"
            ),
        ]
        indexes = [models.Index(fields=["product", "status"], name="otop_stars_review_status_idx")]

    def __str__(self):
        return f"{self.stars}* {self.title}"
