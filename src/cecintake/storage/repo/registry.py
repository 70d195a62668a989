"""Certificants and the offerings register."""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import Session, select

from ...domain import Category, Certificant, CertificantLevel, Offering
from ..tables import CertificantRow, OfferingRow, utcnow


def upsert_certificants(*, session: Session, certificants: Iterable[Certificant]) -> tuple[int, int]:
    """Add or update by ``certificant_id``. Returns (added, updated)."""
    added = updated = 0
    for c in certificants:
        row = session.get(CertificantRow, c.certificant_id)
        if row is None:
            session.add(CertificantRow(certificant_id=c.certificant_id, full_name=c.full_name,
                                       level=c.level.value, cycle_start=c.cycle_start, email=c.email))
            added += 1
        else:
            row.full_name, row.level, row.cycle_start, row.email = c.full_name, c.level.value, c.cycle_start, c.email
            row.updated_at = utcnow()
            session.add(row)
            updated += 1
    session.flush()
    return added, updated


def _certificant(row: CertificantRow) -> Certificant:
    return Certificant(certificant_id=row.certificant_id, full_name=row.full_name,
                       level=CertificantLevel(row.level), cycle_start=row.cycle_start, email=row.email)


def get_certificant(*, session: Session, certificant_id: str) -> Certificant | None:
    row = session.get(CertificantRow, certificant_id)
    return None if row is None else _certificant(row)


def list_certificants(*, session: Session) -> list[Certificant]:
    return [_certificant(r) for r in session.exec(select(CertificantRow).order_by(CertificantRow.certificant_id))]


def certificant_names(*, session: Session, certificant_ids: Iterable[str]) -> dict[str, str]:
    """Full names of the given certificants (those the register knows), by id."""
    wanted = set(certificant_ids)
    if not wanted:
        return {}
    stmt = select(CertificantRow.certificant_id, CertificantRow.full_name).where(
        CertificantRow.certificant_id.in_(wanted))  # type: ignore[attr-defined]
    return dict(session.exec(stmt).all())


def certificant_ids(*, session: Session) -> set[str]:
    return set(session.exec(select(CertificantRow.certificant_id)))


def upsert_offerings(*, session: Session, offerings: Iterable[Offering]) -> tuple[int, int]:
    added = updated = 0
    for o in offerings:
        row = session.get(OfferingRow, o.approval_code)
        values = dict(title=o.title, sponsor=o.sponsor, category=int(o.category), cecs=o.cecs,
                      valid_from=o.valid_from, valid_to=o.valid_to)
        if row is None:
            session.add(OfferingRow(approval_code=o.approval_code, **values))
            added += 1
        else:
            for k, v in values.items():
                setattr(row, k, v)
            row.updated_at = utcnow()
            session.add(row)
            updated += 1
    session.flush()
    return added, updated


def _offering(row: OfferingRow) -> Offering:
    return Offering(approval_code=row.approval_code, title=row.title, sponsor=row.sponsor,
                    category=Category(row.category), cecs=row.cecs, valid_from=row.valid_from,
                    valid_to=row.valid_to, terminated_on=row.terminated_on,
                    termination_reason=row.termination_reason)


def offerings_by_code(*, session: Session) -> dict[str, Offering]:
    return {r.approval_code: _offering(r) for r in session.exec(select(OfferingRow))}
