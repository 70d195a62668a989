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


WARM_UP_PDF = "warmup.pdf"  # made-up evidence, one page per family (tools/make_warmup_pdf.py)


def warm_up() -> None:
    """Read and extract the made-up ``warmup.pdf`` (a page per family of evidence, in a standard
    and an embedded TrueType font): the whole document, then each page as a document of its own.
    Called where workers are forked from (``cecintake.worker_warmup``), so that each worker starts
    with spaCy's pipeline built, the finders' patterns compiled and pdfminer's parsers run, instead
    of paying for them on its first documents (about 0.4 s a worker for spaCy and the patterns; the
    patterns only the other kinds' pages reach were another ~12 ms of a worker's first PDF)."""
    from importlib.resources import files

    try:
        data = files("cecintake").joinpath(WARM_UP_PDF).read_bytes()
        read = read_document(data, limits=ReadLimits())
        extract_evidence(read, context=ExtractionContext(expected_name="Jane Doe"))
        for page in read.pages:
            extract_evidence(ReadDocument(read.media_type, (page,)), context=ExtractionContext(expected_name="Jane Doe"))
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
