"""Every vocabulary of cecintake as one enum each (ARCHITECTURE habit 7).

Values are the strings of the public contract (shared/contracts/README.md);
never rename a value, only add.
"""

from __future__ import annotations

from enum import IntEnum, StrEnum


class Category(IntEnum):
    """The seven categories of the policy's table, numbered as the policy numbers them."""

    COURSEWORK = 1
    TRAINING = 2
    CONFERENCE = 3
    INSTRUCTION = 4
    PUBLICATION = 5
    LEADERSHIP = 6
    VOLUNTEER = 7

    @property
    def label(self) -> str:
        return _CATEGORY_LABELS[self]

    @property
    def pre_approvable(self) -> bool:
        return self <= Category.INSTRUCTION


_CATEGORY_LABELS = {
    Category.COURSEWORK: "college-level continuing education coursework",
    Category.TRAINING: "attendance of specialized training",
    Category.CONFERENCE: "attendance at conference sessions and symposia",
    Category.INSTRUCTION: "instruction of specialized training",
    Category.PUBLICATION: "publications, technical documents or educational materials",
    Category.LEADERSHIP: "leadership roles in SER or SER chapters",
    Category.VOLUNTEER: "volunteer service for a not-for-profit organization",
}


class Status(StrEnum):
    """A document's status. The first seven are the export contract's; PENDING is internal
    (registered and stored, not yet processed: what a resumed run picks up)."""

    AUTO_ACCEPTED = "auto_accepted"
    NEEDS_REVIEW = "needs_review"
    REJECTED = "rejected"
    DUPLICATE = "duplicate"
    FAILED = "failed"
    APPROVED = "approved"
    DENIED = "denied"
    PENDING = "pending"

    @property
    def is_final(self) -> bool:
        return self is not Status.PENDING


class Route(StrEnum):
    """What the rules engine proposes to do with a claim."""

    ACCEPT = "accept"
    REVIEW = "review"
    REJECT = "reject"
    DUPLICATE = "duplicate"


class DocType(StrEnum):
    COMPLETION_CERTIFICATE = "completion_certificate"
    CONFERENCE_ATTENDANCE = "conference_attendance"
    COLLEGE_TRANSCRIPT = "college_transcript"
    INSTRUCTION_LETTER = "instruction_letter"
    COURSE_SYLLABUS = "course_syllabus"
    PUBLICATION_ACCEPTANCE = "publication_acceptance"
    SERVICE_LETTER = "service_letter"
    VOLUNTEER_LETTER = "volunteer_letter"
    UNKNOWN = "unknown"


class TextSource(StrEnum):
    TEXT_LAYER = "text_layer"
    OCR = "ocr"
    MIXED = "mixed"
    NONE = "none"


class MediaType(StrEnum):
    PDF = "application/pdf"
    PNG = "image/png"
    JPEG = "image/jpeg"
    TIFF = "image/tiff"
    DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    UNKNOWN = "application/octet-stream"


class FieldName(StrEnum):
    """Names used in an export record's ``fields`` (contract section 4)."""

    PARTICIPANT_NAME = "participant_name"
    ACTIVITY_TITLE = "activity_title"
    PROVIDER = "provider"
    START_DATE = "start_date"
    END_DATE = "end_date"
    CONTACT_HOURS = "contact_hours"
    VOLUNTEER_HOURS = "volunteer_hours"
    APPROVAL_CODE = "approval_code"
    DELIVERY_MODE = "delivery_mode"
    GRADE = "grade"
    PUBLICATION_KIND = "publication_kind"
    PUBLICATION_STATUS = "publication_status"
    SERVICE_ROLE = "service_role"
    ORG_LEVEL = "org_level"
    SERVICE_YEARS = "service_years"
    EVENTS_ORGANIZED = "events_organized"
    # extensions (contract: extend, never rename)
    TASK_DESCRIPTION = "task_description"
    SIGNER_ROLE = "signer_role"
    NONPROFIT = "nonprofit"
    ATTENDANCE_VERIFICATION = "attendance_verification"
    COURSE_CODE = "course_code"
    TERM = "term"


class DeliveryMode(StrEnum):
    IN_PERSON = "in_person"
    ONLINE = "online"


class PublicationKind(StrEnum):
    BOOK = "book"
    BOOK_CHAPTER = "book_chapter"
    PEER_REVIEWED = "peer_reviewed"
    OTHER_EDUCATIONAL = "other_educational"


class PublicationStatus(StrEnum):
    ACCEPTED = "accepted"
    PUBLISHED = "published"
    SUBMITTED = "submitted"
    UNDER_REVIEW = "under_review"
    REJECTED = "rejected"


class ServiceRole(StrEnum):
    BOARD_MEMBER = "board_member"
    COMMITTEE_MEMBER = "committee_member"
    EVENT_ORGANIZER = "event_organizer"


class OrgLevel(StrEnum):
    SER = "ser"
    CHAPTER = "chapter"


class CertificantLevel(StrEnum):
    CERP = "CERP"
    CERPIT = "CERPIT"


class ReasonCode(StrEnum):
    """Review and rejection reasons (contract section 4; extend as needed)."""

    LOW_CONFIDENCE = "low_confidence"
    MISSING_FIELD = "missing_field"
    UNKNOWN_CERTIFICANT = "unknown_certificant"
    NAME_MISMATCH = "name_mismatch"
    DUPLICATE_CLAIM = "duplicate_claim"
    OUTSIDE_CYCLE = "outside_cycle"
    FUTURE_DATE = "future_date"
    UNKNOWN_APPROVAL_CODE = "unknown_approval_code"
    APPROVAL_CODE_EXPIRED = "approval_code_expired"
    VOLUNTEER_CAP = "volunteer_cap"
    TEACHING_REPEAT = "teaching_repeat"
    BOARD_AND_COMMITTEE_SAME_LEVEL = "board_and_committee_same_level"
    PUBLICATION_NOT_ACCEPTED = "publication_not_accepted"
    BELOW_MINIMUM_CONTACT_TIME = "below_minimum_contact_time"
    OCR_LOW_QUALITY = "ocr_low_quality"
    UNSUPPORTED_FILE = "unsupported_file"
    UNREADABLE_FILE = "unreadable_file"
    INSTRUCTOR_UNQUALIFIED = "instructor_unqualified"
    GRADE_NOT_PASSING = "grade_not_passing"
    NONPROFIT_UNVERIFIED = "nonprofit_unverified"
    HOURS_CONFLICT = "hours_conflict"
    # extensions
    NOT_EVIDENCE = "not_evidence"
    UNSUPPORTED_DOC_TYPE = "unsupported_doc_type"
    APPROVAL_CODE_TERMINATED = "approval_code_terminated"
    DISTANCE_LEARNING_UNVERIFIED = "distance_learning_unverified"
    PER_ACTIVITY_CAP = "per_activity_cap"
    NOT_PRE_APPROVABLE = "not_pre_approvable"
    PREAPPROVAL_APPLICATION = "preapproval_application"  # a sponsor's application, for the committee


class ErrorCode(StrEnum):
    """Stable codes for a document that could not be read (export ``error.code``)."""

    UNSUPPORTED_FILE = "unsupported_file"
    UNREADABLE_FILE = "unreadable_file"
    ENCRYPTED_PDF = "encrypted_pdf"
    EMPTY_FILE = "empty_file"
    TOO_LARGE = "too_large"
    TOO_MANY_PAGES = "too_many_pages"
    IMAGE_TOO_LARGE = "image_too_large"
    TIMEOUT = "timeout"
    MEMORY_LIMIT = "memory_limit"
    WORKER_DIED = "worker_died"
    INTERRUPTED = "interrupted"
    INTERNAL = "internal_error"


class AuditAction(StrEnum):
    REGISTERED = "registered"
    DUPLICATE_UPLOAD = "duplicate_upload"
    PROCESSED = "processed"
    FAILED = "failed"
    CLAIMED = "claimed"
    RELEASED = "released"
    DECIDED = "decided"
    JOURNAL_ADJUSTED = "journal_adjusted"
    IMPORTED = "imported"
    TERMINATED = "terminated"  # a pre-approval terminated by the coordinator
