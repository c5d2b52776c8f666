"""The yearly report tells the council about signals, advice and results, on the page, in
the PDF and in the figures export; signals and advice download with their answers; shares
are percentages; the channel table cannot be subtracted from the report's figures."""

from __future__ import annotations

import io
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook
from pypdf import PdfReader

from conftest import Loop, World, make_participant
from inbreng.insights.channels import by_channel
from inbreng.insights.exports import Percent, csv_cell, read_csv, xlsx_file
from inbreng.insights.report import year_report
from inbreng.participation.models import Invitation
from inbreng.signals.models import Body, Result, Signal, SignalAnswer


def make_signals(world: World, loop: Loop) -> Signal:
    today = timezone.localdate()
    body = Body.objects.create(organisation=world.org, name="College van burgemeester")
    advice = Signal.objects.create(
        organisation=world.org,
        kind=Signal.Kind.ADVICE,
        title="Gratis busvervoer naar de bijeenkomsten",
        text="Veel mensen kunnen de bus niet betalen.",
        body=body,
        group=loop.group,
        due_on=today + timedelta(days=30),
        status=Signal.Status.ANSWERED,
        answered_on=today,
    )
    Signal.objects.create(
        organisation=world.org,
        title="=Lange wachttijd aan het loket",
        text="Mensen wachten lang.",
        body=body,
        due_on=today + timedelta(days=30),
    )
    old = SignalAnswer.objects.create(
        organisation=world.org,
        signal=advice,
        decision=SignalAnswer.Decision.STUDYING,
        text="We bekijken het.",
        decided_by="College",
        decided_on=today,
        version=1,
    )
    answer = SignalAnswer.objects.create(
        organisation=world.org,
        signal=advice,
        decision=SignalAnswer.Decision.FOLLOWED,
        text="Vanaf maart is de bus gratis.",
        decided_by="College",
        decided_on=today,
        version=2,
    )
    assert old.pk < answer.pk
    Result.objects.create(
        organisation=world.org,
        title="Busabonnement voor deelnemers",
        meaning="Je krijgt een gratis busabonnement.",
        answer=answer,
        status=Result.Status.IN_PROGRESS,
        progress=40,
        due_on=today + timedelta(days=60),
    )
    Result.objects.create(
        organisation=world.org,
        title="Duidelijkere brief",
        meaning="De brief is korter.",
        response=loop.response,
        status=Result.Status.DONE,
        progress=100,
    )
    return advice


def this_year() -> int:
    return timezone.localdate().year


def test_the_report_lists_signals_with_their_current_answer_and_results_with_state(
    world: World, loop: Loop
) -> None:
    make_signals(world, loop)
    part = year_report(world.org, this_year()).signals
    assert (part.signals, part.advice, part.answered, part.acted_on) == (1, 1, 1, 1)
    lines = {line.title: line for line in part.lines}
    assert lines["Gratis busvervoer naar de bijeenkomsten"].decision in {"Followed", "Gevolgd"}
    assert lines["=Lange wachttijd aan het loket"].decision == ""
    assert part.results == 2
    states = {r.title: (r.status, r.progress, r.from_signal) for r in part.result_lines}
    assert states["Busabonnement voor deelnemers"][1:] == (40, True)
    assert states["Duidelijkere brief"][1:] == (100, False)
    html = (
        world.client_for("policy_maker")
        .get(reverse("insights:report", args=[this_year()]))
        .content.decode()
    )
    assert "Gratis busvervoer naar de bijeenkomsten" in html
    assert "Busabonnement voor deelnemers" in html and "40%" in html
    assert reverse("signals:list") in html  # the figure links to the list behind it


def test_the_pdf_holds_signals_advice_and_results(world: World, loop: Loop) -> None:
    make_signals(world, loop)
    response = world.client_for("coordinator").get(
        reverse("insights:report_pdf", args=[this_year()])
    )
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Gratis busvervoer" in text
    assert "Busabonnement voor deelnemers" in text
    assert "Gevolgd" in text or "Followed" in text
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    assert str(reader.trailer["/Root"].get("/Lang")).startswith("nl")


def test_the_yearly_figures_export_holds_signals_and_results(world: World, loop: Loop) -> None:
    make_signals(world, loop)
    url = reverse("insights:export_report", kwargs={"year": this_year(), "fmt": "csv"})
    rows = read_csv(b"".join(world.client_for("coordinator").get(url).streaming_content))
    text = "\n".join(";".join(row) for row in rows)
    assert "Gratis busvervoer naar de bijeenkomsten" in text
    assert "Busabonnement voor deelnemers" in text
    # No cell starts like a formula: the title comes after its kind.
    assert any("=Lange" in cell for row in rows for cell in row)
    assert not any(cell.startswith("=") for row in rows for cell in row)


def test_signals_and_advice_download_with_their_answers(world: World, loop: Loop) -> None:
    make_signals(world, loop)
    client = world.client_for("policy_maker")
    content = b"".join(client.get(reverse("insights:export_signals", kwargs={"fmt": "xlsx"})))
    sheet = load_workbook(io.BytesIO(content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    advice = next(r for r in rows[1:] if r[0] == "Gratis busvervoer naar de bijeenkomsten")
    assert "Vanaf maart is de bus gratis." in advice  # the newest answer, not the first
    assert "We bekijken het." not in advice
    formula = next(r for r in rows[1:] if str(r[0]).endswith("Lange wachttijd aan het loket"))
    assert formula[0] == "=Lange wachttijd aan het loket"
    assert sheet.cell(row=2, column=1).data_type == "s"
    csv = read_csv(
        b"".join(
            client.get(reverse("insights:export_signals", kwargs={"fmt": "csv"})).streaming_content
        )
    )
    assert any(r[0] == "'=Lange wachttijd aan het loket" for r in csv)
    # Another organisation's reader sees none of it.
    other = world.client_for("other_org")
    theirs = other.get(reverse("insights:export_signals", kwargs={"fmt": "csv"}))
    assert "busvervoer" not in b"".join(theirs.streaming_content).decode("utf-8-sig")


def test_a_share_is_a_percentage_cell_and_a_decimal_comma_in_csv() -> None:
    assert csv_cell(Percent(45)) == "45%"
    assert csv_cell(Percent(12.5)) == "12,5%"
    assert csv_cell(2.5) == "2,5"
    handle = xlsx_file("Bereik", ["Aandeel"], [[Percent(45)], [Percent(12.5)], [None]])
    sheet = load_workbook(handle).active
    cell = sheet.cell(row=2, column=1)
    assert cell.value == 0.45 and cell.number_format == "0%"
    assert sheet.cell(row=3, column=1).number_format == "0.0%"


def invite(world: World, loop: Loop, channel: str, n: int, *, attended: bool) -> None:
    for _ in range(n):
        person = make_participant(world.org, name="Uitgenodigd", preferred_channel=channel)
        Invitation.objects.create(
            organisation=world.org, meeting=loop.meeting, participant=person, attended=attended
        )


def test_the_report_and_the_channel_table_cannot_be_subtracted(world: World, loop: Loop) -> None:
    year = timezone.localtime(loop.meeting.starts_at).year
    invite(world, loop, "letter", 8, attended=False)  # shown: 8 invited, none came
    invite(world, loop, "sms", 9, attended=True)  # shown with Anouk: 10 came
    invite(world, loop, "email", 3, attended=False)  # 3 did not come: hidden
    invite(world, loop, "social_worker", 6, attended=True)
    invite(world, loop, "social_worker", 1, attended=False)  # 1 did not come: hidden
    report = year_report(world.org, year)
    table = by_channel(world.org, year)
    # The report's "invited but never came" is the channel table's total of the same.
    assert report.invited_not_reached == table.stayed == 12
    shown = sum(row.stayed for row in table.rows if not row.hidden and row.stayed is not None)
    hidden = [row for row in table.rows if row.hidden]
    # Report total minus the shown rows leaves at least two rows, at least 5 people.
    assert len(hidden) >= 2
    assert report.invited_not_reached - shown >= 5
    html = (
        world.client_for("coordinator")
        .get(reverse("insights:report", args=[year]))
        .content.decode()
    )
    with translation.override("nl"):
        header = translation.gettext("Invited by")
    assert header in html
    channels = html.split(header)[-1].split("</table>")[0]
    assert "<td>3</td>" not in channels and "<td>1</td>" not in channels
