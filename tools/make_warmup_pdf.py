"""Write ``src/cecintake/warmup.pdf``: the made-up document the workers' forkserver reads once
before forking (``cecintake.pipeline.warm_up``), so that every worker starts with pdfminer's
parsers, font and CMap code, spaCy and the finders' patterns already warm instead of paying
for them on its first documents.

    python tools/make_warmup_pdf.py

Made-up people and organisations only. One page per family of evidence (a certificate, an
agenda, a volunteer letter, a service letter, an acceptance letter, a syllabus), set in a
standard font (not embedded: pdfminer's font-metrics path) and in an embedded TrueType subset
(the font program and its character map read from the file, as most word processors' PDFs
need), so that the code paths most uploads take are all run once. Needs reportlab (a test
dependency).
"""

from __future__ import annotations

import sys
from pathlib import Path

from reportlab.lib.pagesizes import LETTER
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

OUT = Path(__file__).resolve().parents[1] / "src" / "cecintake" / "warmup.pdf"
TTF = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

PAGES = [
    """Society for Ecological Restoration
Certificate of Completion
This certifies that
Jane Q. Doe, PhD
has successfully completed the workshop
Wetland Plant Identification: Field Methods
held March 3-5, 2025 (03/03/2025 - 05/03/2025) in Portland, Oregon
Contact hours: 6.5 (0.65 CEUs)    Approval code: SER-2025-0001
Delivery: in person    Instructor: John Smith, CERP, Director of Training
Signed: Maria Lopez, Program Coordinator""",
    """Northwest Restoration Conference 2024 - Attendance Record
Attendee: Jane Q. Doe    Registration no. 48213
October 14-16, 2024, Spokane, WA (hybrid: online sessions available)
Monday 8:30 - 12:00 Plenary; 12:00 - 1:00 pm Lunch; 1:00 - 4:30 pm Field trip
Tuesday 9:00 am - 5:00 pm Technical sessions (7 hours)
Total attendance: 14.5 hours. Presented by the Cascadia Native Plant Council.""",
    """Riverbend Watershed Alliance, a 501(c)(3) nonprofit organization
June 2, 2025
To whom it may concern:
This letter confirms that Jane Q. Doe volunteered 42 hours between January 10, 2025 and
May 30, 2025, removing invasive species and monitoring riparian plantings.
She also organized two community planting events.
Sincerely, Alex Chen, Volunteer Coordinator""",
    """Dear Dr. Doe,
Thank you for serving on the Board of Directors of the Great Plains Chapter
from 2022 to 2024, including one year as Chair of the Certification Committee.
Your service to the regional chapter is greatly appreciated.
Sincerely, Pat Morgan, Board Secretary""",
    """Journal of Restoration Practice
Editorial Office, 12 Harbour Street, Halifax
March 18, 2025
Dear Dr. Doe,
We are pleased to inform you that your manuscript "Seed Mix Design for Degraded Prairies",
a peer-reviewed research article, has been accepted for publication.
Sincerely, R. Patel, Managing Editor""",
    """ENVS 412: Principles of Ecological Restoration - Course Syllabus
Fall 2024, 3 credit hours, Lakeshore State University
Instructor: Dr. Sam Rivera, Professor of Ecology; Office hours Tuesday 2:00-4:00 pm
Week 1: Introduction to restoration ecology; Week 2: Site assessment and reference ecosystems
Learning outcomes: design, implement and monitor restoration projects.
Grade: A (final transcript issued December 20, 2024)""",
]


def main() -> int:
    pdfmetrics.registerFont(TTFont("WarmSans", TTF))
    c = canvas.Canvas(str(OUT), pagesize=LETTER, invariant=1)
    c.setTitle("cecintake warm-up")
    for i, text in enumerate(PAGES):
        y = 720.0
        for j, line in enumerate(text.split("\n")):
            c.setFont("WarmSans" if (i + j) % 2 else ("Helvetica-Bold" if j == 0 else "Times-Roman"), 11)
            c.drawString(72, y, line)
            y -= 18
        c.showPage()
    c.save()
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
