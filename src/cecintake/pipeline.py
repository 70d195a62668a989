"""The chain for one document, with no orchestration (ARCHITECTURE: the flow of one document).

    register -> read -> classify -> extract -> propose -> route -> store

``analyse`` (read, classify, extract) is CPU-bound and runs in a worker process;
``decide`` (propose, route) is pure; storing is done by ``intake`` in the caller's
transaction. Prefect only decides where and when these run.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .domain import (
    Certificant,
    Claim,
    CreditProposal,
    DocumentError,
    ErrorCode,
    Evidence,
    FieldName,
    JournalEntry,
    Offering,
    ReadDocument,
    Route,
    Status,
)
from .errors import DocumentProcessingError
from .extractors.api import ExtractionContext, ReadLimits
from .extractors.fields import extract_evidence
from .extractors.reading import read_document
from .extractors.text.names import name_similarity
from .rules import Policy, RoutingThresholds, propose

log = logging.getLogger(__name__)

ROUTE_STATUS = {
    Route.ACCEPT: Status.AUTO_ACCEPTED,
    Route.REVIEW: Status.NEEDS_REVIEW,
    Route.REJECT: Status.REJECTED,
    Route.DUPLICATE: Status.DUPLICATE,
}


@dataclass(frozen=True, slots=True)
class AnalyseJob:
    document_id: str
    blob_path: str
    expected_name: str | None
    limits: ReadLimits


@dataclass(frozen=True, slots=True)
class Analysis:
    read: ReadDocument
    evidence: Evidence

    @property
    def media_type(self) -> str:
        return self.read.media_type.value


_WARM_UP_TEXT = """Society for Ecological Restoration
Certificate of Completion
This certifies that
Jane Q. Doe, PhD
has successfully completed the workshop
Wetland Plant Identification: Field Methods
held March 3-5, 2025 (03/03/2025 - 05/03/2025) in Portland, Oregon
Contact hours: 6.5 (0.65 CEUs) Approval code: SER-2025-0001
8:30 - 12:00 Sessions; 12:00 - 1:00 pm Lunch; 1:00 - 4:30 pm Field practice
Dear Dr. Doe, thank you for serving on the Committee from 2022 to 2024.
Instructor: John Smith, CERP, Director of Training"""


def warm_up() -> None:
    """Build the spaCy pipeline and compile the finders' patterns by extracting once from a small
    made-up page. Called where workers are forked from (``cecintake.worker_warmup``), so that each
    worker starts warm instead of paying for it on its first documents (about 0.4 s a worker)."""
    from .domain import Page, Word
    from .domain.vocab import MediaType, TextSource

    words = []
    for i, line in enumerate(_WARM_UP_TEXT.split("\n")):
        x = 72.0
        for tok in line.split():
            words.append(Word(tok, (x, 72.0 + i * 16.0, x + len(tok) * 5.5, 83.0 + i * 16.0), 1.0, i))
            x += len(tok) * 5.5 + 3.3
    page = Page(1, 612.0, 792.0, TextSource.TEXT_LAYER, tuple(words), None)
    try:
        extract_evidence(ReadDocument(MediaType.PDF, (page,)), context=ExtractionContext(expected_name="Jane Doe"))
    except Exception:  # noqa: BLE001 - only a warm-up: the first document will pay instead
        log.warning("the extractors' warm-up failed", exc_info=True)


def analyse(job: AnalyseJob) -> Analysis | DocumentError:
    """Read, classify and extract one stored original. Never raises for a bad document."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    try:
        data = Path(job.blob_path).read_bytes()
        read = read_document(data, limits=job.limits)
        evidence = extract_evidence(read, context=ExtractionContext(expected_name=job.expected_name))
    except DocumentProcessingError as exc:
        return DocumentError(exc.code, exc.message, exc.transient)
    except OSError as exc:
        return DocumentError(ErrorCode.INTERNAL, f"could not read the stored original: {exc.strerror}", True)
    except RecursionError:
        return DocumentError(ErrorCode.UNREADABLE_FILE, "the file's structure is too deeply nested to read")
    except Exception as exc:  # noqa: BLE001 - the batch boundary: record any defect, never stop the batch
        log.exception("unexpected error analysing %s", job.document_id)
        return DocumentError(ErrorCode.INTERNAL, f"unexpected {type(exc).__name__}: {exc}"[:500])
    return Analysis(read=read, evidence=evidence)


def name_match(evidence: Evidence, certificant: Certificant | None) -> float | None:
    name = evidence.value(FieldName.PARTICIPANT_NAME)
    if certificant is None or not name:
        return None
    return name_similarity(str(name), certificant.full_name)


def decide(*, document_id: str, evidence: Evidence, certificant: Certificant | None, submitted_at: datetime,
           journal: list[JournalEntry], offerings: dict[str, Offering], policy: Policy,
           thresholds: RoutingThresholds) -> tuple[CreditProposal, Status]:
    """Propose credit under the policy and route it."""
    claim = Claim(document_id=document_id, evidence=evidence, certificant=certificant, submitted_at=submitted_at,
                  name_match=name_match(evidence, certificant))
    proposal = propose(claim, journal=journal, offerings=offerings, policy=policy, thresholds=thresholds)
    return proposal, ROUTE_STATUS[proposal.route]
