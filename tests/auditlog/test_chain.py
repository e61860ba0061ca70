import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from attest.auditlog.chain import verify_chain
from attest.auditlog.models import AuditChainHead, AuditEvent
from inventory import services

pytestmark = pytest.mark.django_db


def tamper(sql, params=()):
    """Change rows behind the application's back, as an attacker with database access would."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE auditlog_auditevent DISABLE TRIGGER auditlog_auditevent_append_only")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE auditlog_auditevent ENABLE TRIGGER auditlog_auditevent_append_only")


def broken_message():
    with pytest.raises(CommandError) as excinfo:
        call_command("verify_audit_log")
    return str(excinfo.value)


def test_every_write_is_chained_with_actor_and_changes(world, api):
    response = api(world.owner_a).patch(f"/api/v1/assets/{world.asset_a.pk}/", {"criticality": "critical"},
                                        format="json", HTTP_X_REQUEST_ID="req-123")
    assert response.status_code == 200
    event = AuditEvent.objects.order_by("-seq").first()
    assert event.action == "asset.updated" and event.actor == world.owner_a
    assert event.before == {"criticality": "medium"} and event.after == {"criticality": "critical"}
    assert event.request_id == "req-123" and event.asset_id == world.asset_a.pk
    previous = AuditEvent.objects.get(seq=event.seq - 1)
    assert event.prev_hash == previous.hash
    assert verify_chain().ok
    call_command("verify_audit_log")


def test_a_changed_row_is_named(world):
    target = AuditEvent.objects.get(seq=5)
    tamper("UPDATE auditlog_auditevent SET object_repr = %s WHERE seq = %s", ["edited", 5])
    message = broken_message()
    assert f"event #5 (id {target.pk}" in message and "changed" in message


def test_a_deleted_row_is_named(world):
    tamper("DELETE FROM auditlog_auditevent WHERE seq = %s", [4])
    assert "event #4 is missing" in broken_message()


def test_removing_the_newest_rows_is_detected(world):
    last = AuditEvent.objects.order_by("-seq").first().seq
    tamper("DELETE FROM auditlog_auditevent WHERE seq = %s", [last])
    assert "newest events were removed" in broken_message()


def test_reordered_rows_are_detected(world):
    tamper("UPDATE auditlog_auditevent SET seq = 100000 WHERE seq = 3")
    tamper("UPDATE auditlog_auditevent SET seq = 3 WHERE seq = 4")
    tamper("UPDATE auditlog_auditevent SET seq = 4 WHERE seq = 100000")
    assert "event #3" in broken_message()


def test_a_rewritten_but_rehashed_row_still_breaks_the_link(world):
    from attest.auditlog.chain import event_hash

    event = AuditEvent.objects.get(seq=6)
    event.object_repr = "forged"
    forged = event_hash(event)
    tamper("UPDATE auditlog_auditevent SET object_repr = 'forged', hash = %s WHERE seq = 6", [forged])
    assert "event #7 does not follow #6" in broken_message()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the append-only trigger exists on PostgreSQL")
def test_postgresql_refuses_update_and_delete(world):
    from django.db.utils import DatabaseError

    for sql in ("UPDATE auditlog_auditevent SET action = 'x'", "DELETE FROM auditlog_auditevent"):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(sql)
    assert verify_chain().ok


@pytest.mark.django_db(transaction=True)
def test_record_event_outside_a_transaction_is_refused():
    from attest.auditlog.services import record_event

    # An event must commit or roll back with the write it records.
    with pytest.raises(RuntimeError, match="inside the transaction"):
        record_event(actor=None, action="orphan.event")
    assert not AuditEvent.objects.filter(action="orphan.event").exists()


def test_failed_write_leaves_no_event(world):
    before = AuditEvent.objects.count()
    head = AuditChainHead.objects.get().seq
    with pytest.raises(Exception):
        services.create_asset(actor=None, data={"kind": "system", "name": world.asset_a.name, "team": world.team_a})
    assert AuditEvent.objects.count() == before and AuditChainHead.objects.get().seq == head
