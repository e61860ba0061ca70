from django.apps import apps
from django.conf import settings
from django.db import models

from attest.rbac.querysets import ALL, NONE, RestrictedQuerySet
from attest.rbac.roles import sees_everything

GENESIS_HASH = "0" * 64


class AuditEvent(models.Model):
    """One write or domain event. Rows are chained: ``hash`` covers the event and ``prev_hash``.

    Actor and asset are plain ids (no cascading foreign keys) so that deleting a user or an
    asset never has to UPDATE or DELETE an audit row.
    """

    seq = models.PositiveBigIntegerField(unique=True)
    created_at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    actor_label = models.CharField(max_length=150)
    action = models.CharField(max_length=64, db_index=True)
    object_type = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(max_length=255, blank=True)
    asset_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    request_id = models.CharField(max_length=64, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-seq"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_repr}"

    @classmethod
    def access_scope(cls, user, action: str):
        if action != "view":
            return NONE  # the log is append-only for everyone
        if sees_everything(user):
            return ALL
        # Everyone else sees the history of the assets they can see.
        asset_model = apps.get_model(settings.ATTEST_ASSET_MODEL)
        return models.Q(asset_id__in=asset_model.objects.restrict(user, "view").values("pk"))


class AuditChainHead(models.Model):
    """The last sequence number and hash, so removing the newest events is detected too."""

    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default=GENESIS_HASH)
