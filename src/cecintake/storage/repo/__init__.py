"""Keyword-only repository functions: rows in, domain objects out."""

from .documents import (
    DocumentState,
    NewUpload,
    PendingDocument,
    adjust_proposal_cecs,
    Registration,
    document_id_for,
    document_state,
    iter_records,
    load_record,
    mark_failed,
    note_attempt,
    pending_documents,
    register_document,
    register_documents,
    save_fields,
    save_processed,
    save_proposal,
    set_status,
    status_counts,
)
from .journal import (
    AuditEvent,
    audit_events,
    journal_entries_all,
    journal_for,
    jsonable,
    put_journal_entry,
    record_audit,
    record_audits,
    remove_journal_entry,
)
from .registry import (
    certificant_ids,
    certificant_names,
    get_certificant,
    list_certificants,
    offerings_by_code,
    upsert_certificants,
    upsert_offerings,
)

__all__ = [n for n in dir() if not n.startswith("_")]
