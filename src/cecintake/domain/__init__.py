"""Domain objects and vocabularies. Imports nothing of ours."""

from .models import (
    BBox,
    Certificant,
    Claim,
    CreditProposal,
    DocumentError,
    Evidence,
    ExtractedField,
    InstructorInfo,
    JournalEntry,
    Offering,
    Page,
    ReadDocument,
    Reason,
    Word,
)
from .records import DocumentRecord
from .vocab import (
    AuditAction,
    Category,
    CertificantLevel,
    DeliveryMode,
    DocType,
    ErrorCode,
    FieldName,
    MediaType,
    OrgLevel,
    PublicationKind,
    PublicationStatus,
    ReasonCode,
    Route,
    ServiceRole,
    Status,
    TextSource,
)

__all__ = [name for name in dir() if not name.startswith("_")]
