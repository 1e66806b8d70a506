"""The insider view: an owner's positions, the timeline of their filings with the breaks in the chain, a chart of
the chosen position, and a filing opened from the timeline."""

from __future__ import annotations

from decimal import Decimal

import pytest

pytest.importorskip("PySide6")


from form4_desktop.gui.insider_view import InsiderView  # noqa: E402
from test_holdings import _history  # noqa: E402


def test_the_insider_view_shows_positions_history_and_a_chart(window, qtbot, script):
    ids = [window.store.import_filed(item.filing, item.filed_on) for item in _history()]
    owner = window.store.open(ids[0]).filing.reporting_owners[0].cik
    seen = {}

    def use(view: InsiderView):
        positions, timeline = view.positions, view.timeline
        seen["position"] = [positions.item(0, column).text() for column in range(6)]
        seen["timeline"] = [timeline.item(row, 1).text() for row in range(timeline.rowCount())]
        series = view.chart.series()[0]
        seen["points"] = [point.y() for point in series.points()]
        seen["axes"] = sorted(axis.titleText() for axis in view.chart.axes())
        view.as_of.setText("06/30/2023")
        view.as_of.editingFinished.emit()
        seen["as_of"] = view.positions.item(0, 4).text()
        timeline.doubleClicked.emit(timeline.model().index(1, 0))  # the second filing opens in the editor
        return 0

    script.expect("run", "Insider view", use)
    window.findChild(type(window.save_action), "insider_view").trigger()
    assert seen["position"] == ["I", "Common Stock", "D", "", "225,000", "09/01/2023"]
    assert seen["timeline"] == ["01/09/2023", "03/01/2023", "06/01/2023", "09/01/2023"]
    # a step: each amount holds until the next filing's date, where it changes
    assert seen["points"] == [200000.0, 200000.0, 250000.0, 250000.0, 230000.0, 230000.0, 225000.0]
    assert seen["axes"] == ["Date", "Shares owned"]
    assert seen["as_of"] == "230,000"
    assert window.document.draft_id == ids[1] and owner


def test_importing_a_folder_of_past_filings_says_what_it_did(window, script, tmp_path):
    import shutil
    from pathlib import Path

    corpus = Path(__file__).parent / "data" / "corpus"
    folder = tmp_path / "musk" / "older"
    folder.mkdir(parents=True)
    names = sorted(p.name for p in corpus.glob("*000149473*.xml"))[:4]
    for name in names:
        shutil.copy(corpus / name, folder / name)
    (folder / "notes.xml").write_text("not a filing")
    script.expect("folder", "Import a folder", str(tmp_path / "musk"))
    script.expect(
        "tell",
        "Folder imported",
        None,
        text=f"{len(names)} files imported; 0 already in the store (skipped); 1 could not be read:\nnotes.xml: ",
    )
    window.findChild(type(window.save_action), "import_folder").trigger()
    assert window.drafts_model.rowCount() == len(names)
    script.expect("folder", "Import a folder", str(tmp_path / "musk"))
    script.expect("tell", "Folder imported", None, text=f"0 files imported; {len(names)} already in the store")
    window.findChild(type(window.save_action), "import_folder").trigger()


def test_a_break_names_the_amount_the_chain_gives_and_the_chart_reads_as_the_form_writes(window, qtbot, script):

    from form4_desktop.model import Footnoted

    history = _history()
    history[2].filing.table_i[0].shares_owned_following = Footnoted(Decimal(240000))  # the chain gives 230,000
    for item in history:
        window.store.import_filed(item.filing, item.filed_on)
    seen = {}

    def use(view: InsiderView):
        timeline = view.timeline
        seen["chain"] = {
            timeline.item(row, 1).text(): timeline.item(row, 5).text() for row in range(timeline.rowCount())
        }
        seen["note"] = view.note.text()
        amounts = [axis for axis in view.chart.axes() if axis.titleText() == "Shares owned"][0]
        seen["labels"] = amounts.categoriesLabels()
        return 0

    script.expect("run", "Insider view", use)
    window.findChild(type(window.save_action), "insider_view").trigger()
    assert seen["chain"]["06/01/2023"] == "Table I row 1 says 240,000; the filing before gives 230,000"
    assert seen["chain"]["03/01/2023"] == ""
    # the next filing follows from 240,000 less 5,000, not from what it says (225,000): a break too
    assert seen["chain"]["09/01/2023"] == "Table I row 1 says 225,000; the filing before gives 235,000"
    assert seen["note"].startswith("2 rows where the amount owned does not follow")
    assert "250,000" in seen["labels"] and all("," in label for label in seen["labels"] if len(label) > 3)


def test_one_filing_still_draws_its_point_and_an_issuer_without_forms_is_shown_empty(window, qtbot, script):
    first = _history()[0]
    window.store.import_filed(first.filing, first.filed_on)
    owner = first.filing.reporting_owners[0].cik
    seen = {}

    def one_point(view: InsiderView):
        [dates] = [axis for axis in view.chart.axes() if axis.titleText() == "Date"]
        seen["span"] = dates.min().daysTo(dates.max())
        seen["points"] = [point.y() for point in view.chart.series()[0].points()]
        return 0

    script.expect("run", "Insider view", one_point)
    dialogs_run = InsiderView(window.store, window.open_draft, window, owner, first.filing.issuer.cik)
    from form4_desktop.gui import dialogs

    dialogs.run(dialogs_run)
    assert seen["points"] == [200000.0] and seen["span"] >= 60

    def other_issuer(view: InsiderView):
        seen["issuer"] = view.issuer.currentText()
        seen["rows"] = view.positions.rowCount()
        seen["note"] = view.note.text()
        return 0

    script.expect("run", "Insider view", other_issuer)
    dialogs.run(InsiderView(window.store, window.open_draft, window, owner, "0000000042"))
    assert seen["issuer"] == "CIK 0000000042 (no filed or imported forms yet)"
    assert seen["rows"] == 0 and seen["note"].startswith("This person has no filed or imported forms with this issuer")
