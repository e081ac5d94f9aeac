"""The dashboard on paper: the same figures and charts as the window, read back out of the PDF."""

from __future__ import annotations

from pathlib import Path

from app.export.stats_pdf import figure_rows
from tests import test_gui_dashboard as base
from tests.pdf_text import document_text, fold, read_lines
from tests.test_gui_dashboard import ADMIN, IT, World, j
from ui.dashboard.window import FIGURE_CAPTIONS, Dashboard

world, dashboard = base.world, base.dashboard  # the dashboard's own store and window


def test_the_dashboard_exported_as_pdf_holds_its_figures(qtbot, dashboard: Dashboard, world: World,  # type: ignore[no-untyped-def]
                                                         tmp_path: Path) -> None:
    d = dashboard
    d.set_period(1403, None)
    target = tmp_path / "stats"
    d.exports.ask_save_path = lambda default: target  # type: ignore[method-assign]
    d.exports.export_pdf()  # off the GUI thread, as in the app
    written = tmp_path / "stats.pdf"
    qtbot.waitUntil(lambda: d.exports.last_written == written, timeout=20000)
    text = fold(document_text(read_lines(written.read_bytes())))
    assert fold("شورای راهبری") in text and fold("آمار و عملکرد") in text and fold("سال ۱۴۰۳") in text
    assert fold("هشدار — جلسهٔ الزامی برگزار نشد: تابستان ۱۴۰۳") in text
    window = {caption: d.figure_labels[key].text() for key, caption in FIGURE_CAPTIONS}
    assert d.figures is not None
    printed = dict(figure_rows(d.figures))
    assert printed == window  # the same captions and the same values as on screen
    assert all(fold(caption) in text for caption in printed)
    for title in ("وضعیت مصوبات", "درصد تحقق به تفکیک فصل", "مصوبات معوق به تفکیک واحد مسئول",
                  "عملکرد واحدهای مسئول اجرا"):
        assert fold(title) in text
    assert fold(IT) in text and fold(ADMIN) in text


def test_a_custom_period_on_paper_and_nothing_to_print(qtbot, dashboard: Dashboard, world: World,  # type: ignore[no-untyped-def]
                                                        tmp_path: Path) -> None:
    d = dashboard
    d.set_custom_period(j(1402, 10, 1), j(1403, 6, 31))
    d.exports.ask_save_path = lambda default: tmp_path / "p.pdf"  # type: ignore[method-assign]
    d.exports.export_pdf()
    qtbot.waitUntil(lambda: d.exports.last_written == tmp_path / "p.pdf", timeout=20000)
    text = fold(document_text(read_lines((tmp_path / "p.pdf").read_bytes())))
    assert fold("۱۴۰۲/۱۰/۰۱ تا ۱۴۰۳/۰۶/۳۱") in text and fold("درصد تحقق به تفکیک سال") in text

    d.set_custom_period(j(1403, 6, 31), j(1403, 1, 1))  # reversed: nothing on screen, nothing written
    shown: list[str] = []
    d.ops.show = lambda parent, message, icon: shown.append(message)  # type: ignore[method-assign,assignment]
    d.exports.ask_save_path = lambda default: tmp_path / "never.pdf"  # type: ignore[method-assign]
    d.exports.export_pdf()
    assert shown and "چیزی برای چاپ نیست" in shown[0] and not (tmp_path / "never.pdf").exists()
