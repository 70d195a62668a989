import pytest

from cecintake.errors import ParseError
from cecintake.extractors.text.schedule import is_counted, prose_time_ranges, schedule_hours

AGENDA = """Day 1 - March 3
8:30 - 9:00 Registration and coffee
9:00 – 10:30 Soil ecology lecture
10:30 – 10:45 Break
10:45 - 12:15 Seed collection methods
12:15 - 1:30 Lunch
1:30pm-3pm Field tour of prairie site
3:00 - 3:15 Travel to hotel
6pm-8pm Reception
Day 2
09h00 - 10h30 Session 3
10h30 Coffee
10h45 Panel
12h00 Adjourn""".splitlines()


def test_multi_day_agenda() -> None:
    r = schedule_hours(AGENDA)
    # day 1: 1.5 + 1.5 + 1.5 ; day 2: 1.5 + 1.25
    assert r.total_hours == pytest.approx(7.25)
    assert r.days == 2
    assert [i.label for i in r.items if not i.counted] == [
        "Registration and coffee", "Break", "Lunch", "Travel to hotel", "Reception", "Coffee", "Adjourn",
    ]


@pytest.mark.parametrize(
    ("lines", "hours"),
    [
        pytest.param(["9:00 – 10:30 Talk"], 1.5, id="en-dash"),
        pytest.param(["12:15 - 1:30 Workshop"], 1.25, id="noon-to-pm"),
        pytest.param(["11:00 - 1pm Lecture"], 2.0, id="am-to-pm"),
        pytest.param(["9 am - noon Lecture"], 3.0, id="noon"),
        pytest.param(["10:00-12:00 Travel to site with instruction"], 2.0, id="travel-with-instruction"),
        pytest.param(["9:00-10:00 Welcome and opening remarks", "10:00-11:00 Plenary"], 1.0, id="welcome"),
        pytest.param(["9:00-11:00 Track A", "9:00-11:00 Track B"], 2.0, id="concurrent-once"),
        pytest.param(["9:00-12:00 Workshop", "10:30-10:45 Coffee break"], 2.75, id="break-inside"),
    ],
)
def test_examples(lines: list[str], hours: float) -> None:
    assert schedule_hours(lines).total_hours == pytest.approx(hours)


def test_no_times() -> None:
    with pytest.raises(ParseError):
        schedule_hours(["Welcome", "Agenda"])


def test_military_clock_ranges_without_a_colon():
    """'0900–1030 Lecture': a 24-hour clock without a colon at the start of a schedule line (issue 4)."""
    res = schedule_hours(["Day 1", "0900–1030  Lecture: Soil", "1030–1045  Coffee break", "1045–1215  Lab: Seeds",
                          "1215–1300  Lunch", "1300–1430 Module: Fire"])
    assert res.total_hours == 4.5


def test_a_year_range_is_not_a_military_slot():
    with pytest.raises(ParseError):
        schedule_hours(["Strategic plan 2024–2025 review", "2024-2025 budget"])


@pytest.mark.parametrize("label", [
    "Morning tea", "Recess", "Awards ceremony", "Annual business meeting", "Exhibit hall open", "Orientation",
    "Sponsor presentation", "Hike to the restoration site", "Carpool to the wetland", "Walk back to the trailhead",
    "Group photo", "Check-in, pick up packets",
])
def test_more_items_that_are_not_instruction(label: str) -> None:
    lines = ["9:00 - 10:30 Soil ecology lecture", f"10:30 - 11:30 {label}", "11:30 - 12:30 Seed collection methods"]
    assert schedule_hours(lines).total_hours == 2.5


def test_instruction_wordings_still_count() -> None:
    lines = ["9:00 - 10:00 Guided walk along the restored reach", "10:00 - 11:00 Q&A and discussion",
             "11:00 - 12:00 Field walk to observe plantings"]
    assert schedule_hours(lines).total_hours == 3.0


def test_an_office_hours_line_is_no_schedule_item() -> None:
    # its 9:00-17:00 would make the agenda's 8:00 look like a new day's (and its 12-hour times evening ones)
    lines = ["Office hours: 9:00 \u2013 17:00", "8:00\u20138:30 Sign-in", "8:30\u201310:00 Lecture", "10:00\u201310:15 Break",
             "10:15\u201312:00 Lab", "12:00\u20131:00 Lunch", "1:00\u20132:15 Field walk"]
    res = schedule_hours(lines)
    assert res.total_hours == 4.5 and all("Office" not in it.label for it in res.items)


@pytest.mark.parametrize("dates", [
    pytest.param(["Jan. 9, 2025", "Jan. 9, 2025", "Jan. 10, 2025"], id="month-day-year"),
    pytest.param(["(cid:127) 10/14/2024,", "(cid:127) 10/14/2024,", "(cid:127) 10/15/2024,"], id="numeric-after-a-glyph"),
    pytest.param(["\u2013 the 2nd of August, 2024,", "\u2013 the 2nd of August, 2024,", "\u2013 the 3rd of August, 2024,"],
                 id="ordinal-of-month"),
])
def test_a_date_leading_each_line_starts_its_day(dates: list[str]) -> None:
    # a record of sessions, one a line with its date: the next day's 10:30 does not overlap the first day's
    lines = [f"{dates[0]} 8:30-10:00 Policy and permitting", f"{dates[1]} 10:30-11:30 Seed zones",
             f"{dates[2]} 10:30-11:15 Pollinator corridors"]
    res = schedule_hours(lines)
    assert res.total_hours == 3.25 and res.days == 2


def test_am_pm_run_into_the_next_cell() -> None:
    # "10:15am–10:30amBreak": a text layer without the space between the time and the item's cells
    lines = ["9:15am–10:15am Monitoring", "10:15am–10:30amBreak", "10:30am–11:15amStream Channel Design",
             "12:00pm–12:45pmLunch", "1:30pm–3:30pm Field exercise"]
    res = schedule_hours(lines)
    assert res.total_hours == 3.75
    assert [it.label for it in res.items][1] == "Break"


@pytest.mark.parametrize(("text", "hours"), [
    pytest.param("The course ran from 8:30 a.m. to 4:30 p.m.", 8.0, id="am-pm"),
    pytest.param("held on April 2 from 9:00 AM to 12:00 PM", 3.0, id="to-noon-pm"),
    pytest.param("held from 9 a.m. to noon", 3.0, id="noon-word"),
    pytest.param("between 13:00 and 16:30", 3.5, id="between-24h"),
    pytest.param("from 1 to 4 pm", 3.0, id="start-takes-end-half"),
])
def test_prose_time_ranges(text: str, hours: float) -> None:
    assert [h for h, _ in prose_time_ranges(text)] == [hours]


@pytest.mark.parametrize("text", ["from 9 to 5", "from 2020 to 2023", "in force from 12 May"])
def test_prose_without_a_time_range(text: str) -> None:
    assert prose_time_ranges(text) == []


def test_close_of_the_day_is_no_session() -> None:
    # "4.30 pm Close day 1": the day's end marker, not an item that runs until the next start
    res = schedule_hours(["9:00 Stream morphology", "10:30 Bank erosion", "12:00 Lunch", "1:00 Field walk",
                          "4:30 pm Close day 3", "6:00 pm Social event: BBQ"])
    assert res.total_hours == 6.5


@pytest.mark.parametrize(("label", "counted"), [
    pytest.param("Sediment transport", True, id="transport-as-subject"),
    pytest.param("Transport to the field site", False, id="transport-to"),
    pytest.param("Drive to the wetland", False, id="drive-to"),
    pytest.param("Introduction to wetland delineation", True, id="introduction-to-a-subject"),
    pytest.param("Welcome and introductions", False, id="introductions"),
    pytest.param("Vegetation survey methods", True, id="survey-as-subject"),
    pytest.param("Post-course survey", False, id="course-survey"),
    pytest.param("Photo point monitoring", True, id="photo-points"),
    pytest.param("Group photo", False, id="group-photo"),
    pytest.param("Social dimensions of restoration", True, id="social-as-subject"),
    pytest.param("Evening social", False, id="evening-social"),
])
def test_subjects_named_like_breaks(label: str, counted: bool) -> None:
    # a session's subject may share a word with what the schedule leaves out: only the pause's own wording is left out
    assert is_counted(label) is counted


def test_parallel_tracks_listed_one_after_another_are_one_day() -> None:
    # a table of rooms side by side read row by row: the clock goes back to a start the day already has
    lines = ["8:00-11:30 C111A Introduction to R", "8:00-11:30 C112 Working with spatial data",
             "11:30-13:30 On your own", "13:30-17:00 C111A Introduction to R, part 2",
             "13:30-17:00 C114 Network analysis"]
    res = schedule_hours(lines)
    assert (res.total_hours, res.days) == (7.0, 1)


def test_the_clock_going_back_to_a_new_start_is_still_a_new_day() -> None:
    res = schedule_hours(["9:00-12:00 Lectures", "13:00-16:00 Field", "8:30-12:00 Lectures", "13:00-15:00 Field"])
    assert (res.total_hours, res.days) == (11.5, 2)


def test_a_day_heading_with_a_number_range_look_still_heads_a_day() -> None:
    # "Day 2 – 2 November 2024" reads like the range "2 – 2" (no time): it still starts the second day
    lines = ["Day 1 – 1 November 2024", "08.30–10.00 Soils", "10.00–12.00 Plants", "Day 2 – 2 November 2024",
             "08.30–10.00 Water", "10.00–11.00 Fauna"]
    res = schedule_hours(lines)
    assert (res.total_hours, res.days) == (6.0, 2)
