"""The desktop app, offscreen with pytest-qt: real jobs on the real worker thread, previews,
the parameter form, the fine-tuning panel, responsiveness and the --screenshot launcher."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

pytest.importorskip("PySide6")

from PySide6.QtCore import QMimeData, QPointF, Qt, QTimer, QUrl  # noqa: E402
from PySide6.QtGui import QDropEvent  # noqa: E402
from PySide6.QtWidgets import QMessageBox  # noqa: E402

from studio.jobs import JobStore  # noqa: E402
from studio.testing import make_product_image, make_style_image  # noqa: E402


@pytest.fixture
def photos(tmp_path: Path) -> Path:
    folder = tmp_path / "photos"
    folder.mkdir()
    for i, kind in enumerate(["mug", "sneaker", "bag"]):
        make_product_image(kind, size=(96, 80), seed=i).save(folder / f"{kind}.png")
    return folder


@pytest.fixture
def window(qtbot):
    from studio.gui.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    yield win
    win.close()


def training_folders(tmp_path: Path, kinds: list[str], look: str) -> tuple[Path, Path]:
    """Tiny generated product photos and one style exemplar, for the fine-tuning panel."""
    content, style = tmp_path / "content", tmp_path / "style"
    content.mkdir(), style.mkdir()
    for i, kind in enumerate(kinds):
        make_product_image(kind, size=(64, 56), seed=i).save(content / f"{kind}.png")
    make_style_image(look, size=(64, 64)).save(style / f"{look}.png")
    return content, style


def start_training(win, content: Path, style: Path, name: str, steps: int, size: int = 32):
    """Fill the fine-tuning panel as a user would and press Start; returns the panel."""
    panel = win.training
    panel.content.setText(str(content))
    panel.style.setText(str(style))
    panel.name.setText(name)
    panel.steps.setValue(steps)
    panel.size.setValue(size)
    panel.start_training()
    return panel


def select_style(win, name: str) -> None:
    for row in range(win.gallery.count()):
        if win.gallery.item(row).data(Qt.ItemDataRole.UserRole) == name:
            win.gallery.setCurrentRow(row)
            return
    raise AssertionError(f"{name} not in the gallery")


def choose_output(win, folder: str) -> None:
    """Type an output folder as a user would (the field then stops following the style)."""
    win.output.setText(folder)
    win.output.textEdited.emit(folder)


def run_job(win, qtbot, inputs: Path, style: str, out: Path) -> int:
    """Add ``inputs``, pick ``style``, type ``out`` as the output folder, queue the job and wait
    until it is done, as a user would; returns the job id."""
    win.add_inputs([str(inputs)])
    select_style(win, style)
    choose_output(win, str(out))
    job_id = win.add_to_queue()
    assert job_id is not None
    qtbot.waitUntil(lambda: win.store.job_status(job_id) == "done", timeout=60_000)
    return job_id


def drop(widget, paths: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    widget.dropEvent(event)


def test_dropping_a_folder_lists_its_images_and_the_preview_shows_before_and_after(window, photos, qtbot) -> None:
    drop(window.inputs, [photos])
    assert sorted(Path(p).name for p in window.inputs.image_paths()) == ["bag.png", "mug.png", "sneaker.png"]
    assert "3 images" in window.input_count.text()
    select_style(window, "wave")
    window.request_preview()
    qtbot.waitUntil(lambda: window.preview.after is not None, timeout=30_000)
    before, after = window.preview.before, window.preview.after
    assert before.size() == after.size() and before.width() > 0
    assert before != after  # the style changed pixels


def test_the_parameter_form_follows_the_selected_model(window) -> None:
    from PySide6.QtWidgets import QWidget

    select_style(window, "gatys")
    names = {w.objectName() for w in window.form.findChildren(QWidget) if w.objectName().startswith("param_")}
    assert {"param_iterations", "param_strength", "param_preserve_colors", "param_optimizer"} <= names
    assert window.form.style_image is not None  # gatys needs a style image: a picker
    assert window.form.values()["iterations"] == 100
    select_style(window, "wave")
    names = {w.objectName() for w in window.form.findChildren(QWidget) if w.objectName().startswith("param_")}
    assert "param_strength" in names and "param_iterations" not in names
    assert window.form.style_image is None


def test_a_queued_job_runs_on_the_worker_and_the_queue_reaches_100_percent(window, photos, tmp_path,
                                                                          qtbot) -> None:
    job_id = run_job(window, qtbot, photos, "wave", tmp_path / "out")
    qtbot.waitUntil(lambda: window.queue_view.job_progress(job_id) == 100, timeout=5_000)
    assert sorted(p.name for p in (tmp_path / "out").glob("*.png")) == ["bag.png", "mug.png", "sneaker.png"]
    assert window.store.counts(job_id)["done"] == 3


def test_a_second_style_into_a_finished_jobs_folder_asks_before_replacing(window, photos, tmp_path, qtbot,
                                                                         monkeypatch) -> None:
    out = tmp_path / "out"
    first = run_job(window, qtbot, photos, "wave", out)
    finished = {p.name: p.read_bytes() for p in out.glob("*.png")}

    asked: list[str] = []
    monkeypatch.setattr(window, "confirm_overwrite", lambda taken: asked.append(str(taken)) or None)
    select_style(window, "starry")
    assert window.add_to_queue() is None  # kept: nothing queued, nothing written
    assert asked and "style 'wave'" in asked[0]
    assert {p.name: p.read_bytes() for p in out.glob("*.png")} == finished
    assert window.store.job_status(first) == "done" and len(window.store.jobs()) == 1

    monkeypatch.setattr(window, "confirm_overwrite", lambda taken: "replace")
    second = window.add_to_queue()  # "Replace them": the user's choice
    qtbot.waitUntil(lambda: window.store.job_status(second) == "done", timeout=60_000)
    assert all((out / name).read_bytes() != data for name, data in finished.items())


def test_the_queue_names_photos_styled_whole_frame(window, tmp_path, qtbot) -> None:
    photos = tmp_path / "photos"
    photos.mkdir()
    make_product_image("mug", size=(96, 80), seed=1).save(photos / "plain.png")
    make_style_image("waves", size=(240, 200), seed=5).save(photos / "lifestyle.png")  # nothing to cut out
    job_id = run_job(window, qtbot, photos, "wave", tmp_path / "out")
    window.queue_view.refresh()
    window.queue_view.table.selectRow(0)
    listed = [window.queue_view.failures.item(i).text() for i in range(window.queue_view.failures.count())]
    assert len(listed) == 1 and listed[0].startswith("styled whole-frame: lifestyle.png")


def test_each_job_gets_its_own_output_folder_by_default(window, photos, qtbot) -> None:
    window.add_inputs([str(photos)])
    select_style(window, "wave")
    assert Path(window.output.text()) == photos.parent / "photos-wave"
    wave = window.add_to_queue()
    select_style(window, "starry")  # the suggestion follows the style
    assert Path(window.output.text()) == photos.parent / "photos-starry"
    starry = window.add_to_queue()
    for job in (wave, starry):
        qtbot.waitUntil(lambda job=job: window.store.job_status(job) == "done", timeout=60_000)
    wave_files = {p.name: p.read_bytes() for p in (photos.parent / "photos-wave").glob("*.png")}
    starry_files = {p.name: p.read_bytes() for p in (photos.parent / "photos-starry").glob("*.png")}
    assert sorted(wave_files) == sorted(starry_files) == ["bag.png", "mug.png", "sneaker.png"]
    assert all(wave_files[name] != starry_files[name] for name in wave_files)
    select_style(window, "wave")  # wave again: its finished folder is not reused
    assert Path(window.output.text()) == photos.parent / "photos-wave-2"
    choose_output(window, str(photos.parent / "mine"))
    select_style(window, "mosaic")  # a folder the user chose stays chosen
    assert Path(window.output.text()) == photos.parent / "mine"


def test_background_and_people_choices_reach_the_job(window, photos, tmp_path, qtbot) -> None:
    window.add_inputs([str(photos)])
    select_style(window, "wave")
    choose_output(window, str(tmp_path / "out"))
    window.background.setCurrentIndex(window.background.findData("transparent"))
    window.people.setCurrentIndex(window.people.findData("style"))
    window.preserve_colors.setChecked(True)
    job_id = window.add_to_queue()
    spec = window.store.spec(job_id)
    assert (spec.background, spec.people, spec.preserve_colors) == ("transparent", "style", True)
    qtbot.waitUntil(lambda: window.store.job_status(job_id) == "done", timeout=60_000)
    assert Image.open(tmp_path / "out" / "mug.png").mode == "RGBA"  # the backdrop became transparent


def test_queue_buttons_need_a_selected_job_and_a_finished_job_is_announced(window, photos, tmp_path,
                                                                           qtbot) -> None:
    view = window.queue_view
    assert not any(button.isEnabled() for button in view.buttons.values())  # nothing to act on
    job_id = run_job(window, qtbot, photos, "wave", tmp_path / "out")
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith(f"Job #{job_id} finished"),
                    timeout=5_000)
    assert "3 done, 0 skipped, 0 failed" in window.statusBar().currentMessage()
    view.table.selectRow(0)
    state_changes = {"Pause", "Resume", "Cancel"}  # nothing to pause, resume or cancel in a done job
    assert all(button.isEnabled() for label, button in view.buttons.items() if label not in state_changes)
    view.table.clearSelection()
    assert not view.buttons["Remove"].isEnabled()


def test_a_failed_preview_clears_the_old_images_and_says_why(window, photos, tmp_path, qtbot) -> None:
    window.add_inputs([str(photos / "mug.png")])
    select_style(window, "wave")
    window.request_preview()
    qtbot.waitUntil(lambda: window.preview.after is not None, timeout=30_000)
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"not a picture")
    window.inputs.clear_inputs()
    window.add_inputs([str(broken)])
    window.request_preview()
    qtbot.waitUntil(lambda: window.preview.message.startswith(("Preview failed", "Cannot preview")), timeout=30_000)
    assert window.preview.before is None and window.preview.after is None
    assert "not an image file" in window.preview.message


def test_a_file_as_the_output_folder_is_refused_when_the_job_is_added(window, photos, tmp_path, monkeypatch) -> None:
    errors: list[str] = []
    monkeypatch.setattr("studio.gui.main_window.show_error", lambda parent, title, message, details="":
                        errors.append(message))
    target = tmp_path / "notes.txt"
    target.write_text("keep me")
    window.add_inputs([str(photos)])
    select_style(window, "wave")
    choose_output(window, str(target))
    assert window.add_to_queue() is None
    assert errors and "is an existing file" in errors[0] and target.read_text() == "keep me"
    assert window.store.jobs() == []


def test_cancel_stops_a_running_job_within_a_second_and_the_ui_stays_responsive(window, photos, tmp_path,
                                                                                qtbot) -> None:
    window.add_inputs([str(photos)])
    select_style(window, "gatys")
    window.form.getters["iterations"] = lambda: 500  # long enough to still be running when cancelled
    window.settings.working_size = 160
    choose_output(window, str(tmp_path / "out"))
    gaps: list[float] = []
    last = [time.monotonic()]

    def tick() -> None:
        now = time.monotonic()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(10)
    job_id = window.add_to_queue()
    # Optimising (progress reported), not still in torch's first-use import, which no cancel
    # interrupts (the app warms it up at start; this test queues at once).
    qtbot.waitUntil(lambda: window.queue_view.job_progress(job_id) > 0, timeout=20_000)
    gaps.clear()  # what happens while the job runs, not the click that queued it
    qtbot.wait(1500)  # the event loop keeps ticking
    timer.stop()
    latency = max(gaps[1:])
    window.queue.cancel(job_id)
    started = time.monotonic()
    qtbot.waitUntil(lambda: window.store.job_status(job_id) == "cancelled", timeout=3_000)
    assert time.monotonic() - started < 1.0
    assert latency < 0.25, f"the UI thread stalled for {latency * 1000:.0f} ms during a job"


def test_pause_resume_reorder_and_remove(window, photos, tmp_path, qtbot) -> None:
    from studio.submit import JobRequest, build_spec, plan_job

    window.queue.stop()  # hold the worker: only the queue's bookkeeping is under test here
    ids = []
    for name in ("a", "b"):
        spec = build_spec(JobRequest(inputs=(str(photos),), output=str(tmp_path / name), style="wave"),
                          window.registry)
        ids.append(window.store.enqueue(spec, plan_job(spec, window.registry)))
    assert [j["id"] for j in window.store.jobs()] == ids
    window.store.move(ids[1], -1)
    assert [j["id"] for j in window.store.jobs()] == ids[::-1]
    window.queue.pause(ids[1])
    assert window.store.job_status(ids[1]) == "paused" and window.store.next_queued() == ids[0]
    window.queue.resume(ids[1])
    assert window.store.next_queued() == ids[1]
    window.queue.remove(ids[0])
    window.queue_view.refresh()
    assert [j["id"] for j in window.store.jobs()] == [ids[1]] and window.queue_view.table.rowCount() == 1


def test_a_quit_mid_job_leaves_it_paused_and_the_resume_question_means_what_it_says(qtbot, photos, tmp_path,
                                                                                   monkeypatch) -> None:
    from studio.gui.main_window import MainWindow

    first = MainWindow()
    qtbot.addWidget(first)
    first.add_inputs([str(photos)])
    select_style(first, "gatys")
    first.form.getters["iterations"] = lambda: 500  # still running when the app quits
    first.settings.working_size = 96
    choose_output(first, str(tmp_path / "out"))
    job_id = first.add_to_queue()
    qtbot.waitUntil(lambda: first.queue_view.job_progress(job_id) > 0, timeout=20_000)
    first.close()  # a normal quit mid-job
    assert first.store.job_status(job_id) == "interrupted"

    answers = iter([QMessageBox.StandardButton.No])
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: next(answers))
    second = MainWindow()
    qtbot.addWidget(second)
    qtbot.wait(1000)  # the worker is up: it must not have picked the job before the answer
    assert second.queue.current_job is None and second.store.job_status(job_id) == "interrupted"
    second.offer_resume()  # "No": paused, and really not running
    qtbot.wait(1000)
    assert second.store.job_status(job_id) == "paused" and second.queue.current_job is None
    second.queue_view.refresh()
    assert second.queue_view.table.item(0, 2).text() == "paused"
    second.queue.resume(job_id)  # the Queue tab's Resume: now it runs
    qtbot.waitUntil(lambda: second.store.job_status(job_id) == "running", timeout=10_000)
    assert second.queue.current_job == job_id
    second.queue.cancel(job_id)
    qtbot.waitUntil(lambda: second.store.job_status(job_id) == "cancelled", timeout=10_000)
    second.close()


def test_progress_counts_the_whole_job_and_a_failed_job_looks_failed(window, photos, tmp_path, qtbot) -> None:
    from studio.events import JobProgress
    from studio.gui.main_window import about

    assert [about(s) for s in (7, 40, 1689, 3900)] == ["about 7 s", "about 40 s", "about 28 min", "about 1 h 5 min"]
    out = tmp_path / "out"
    job_id = run_job(window, qtbot, photos, "wave", out)
    (out / "mug.png").unlink()  # one of three to redo: the resumed run starts at 2/3, not 0
    seen: list[float] = []
    window.bridge.event.connect(lambda e: seen.append(e.job_fraction) if isinstance(e, JobProgress) else None)
    assert window.add_to_queue() == job_id  # the same settings: the same job, resumed
    qtbot.waitUntil(lambda: window.store.job_status(job_id) == "done", timeout=60_000)
    assert seen and min(seen) >= 2 / 3 - 1e-6 and seen == sorted(seen) and seen[-1] == 1.0

    broken = tmp_path / "broken"
    broken.mkdir()
    for name in ("a.jpg", "b.jpg"):
        (broken / name).write_bytes(b"not a photo")
    window.inputs.clear_inputs()
    window.add_inputs([str(broken)])
    choose_output(window, str(tmp_path / "out-broken"))
    failed = window.add_to_queue()
    qtbot.waitUntil(lambda: window.store.job_status(failed) == "failed", timeout=60_000)
    window.queue_view.refresh()
    row = next(r for r in range(window.queue_view.table.rowCount())
               if window.queue_view.table.item(r, 0).text() == f"#{failed}")
    bar = window.queue_view.table.cellWidget(row, 3)
    assert bar.text() == "2 failed" and "c0392b" in bar.styleSheet()
    assert window.queue_view.table.item(row, 2).text() == "failed (some images)"


def test_unfinished_jobs_are_offered_for_resume_after_a_crash(qtbot, photos, tmp_path, monkeypatch) -> None:
    from studio import paths
    from studio.gui.main_window import MainWindow
    from studio.registry import load_registry
    from studio.submit import JobRequest, build_spec, plan_job

    store = JobStore(paths.job_db_path())
    registry = load_registry()
    spec = build_spec(JobRequest(inputs=(str(photos),), output=str(tmp_path / "out"), style="wave"), registry)
    job_id = store.enqueue(spec, plan_job(spec, registry))
    store.set_job_status(job_id, "running")  # as a killed process leaves it
    store.close()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    win = MainWindow()
    qtbot.addWidget(win)
    win.offer_resume()
    qtbot.waitUntil(lambda: win.store.job_status(job_id) == "done", timeout=60_000)
    assert len(list((tmp_path / "out").glob("*.png"))) == 3
    win.close()


def test_the_fine_tuning_panel_trains_plots_and_adds_the_style_to_the_gallery(window, tmp_path, qtbot) -> None:
    content, style = training_folders(tmp_path, ["mug", "bag"], "mosaic")
    panel = start_training(window, content, style, "panel-look", steps=10)
    qtbot.waitUntil(lambda: not panel._running, timeout=120_000)
    assert "Exported panel-look" in panel.status.text(), panel.status.text()
    assert panel.losses.point_count() >= 2 * 2  # two logged steps, loss_D and loss_G
    assert panel.probabilities.point_count() >= 4 and panel.value.point_count() >= 2
    assert all(0 < v < 1 for _, v in panel.probabilities.series["D(x)"])
    names = [window.gallery.item(r).data(Qt.ItemDataRole.UserRole) for r in range(window.gallery.count())]
    assert "panel-look" in names and window.gallery.selected_style() == "panel-look"


def test_fine_tuning_refuses_empty_or_imageless_folders_before_it_starts(window, tmp_path, qtbot,
                                                                        monkeypatch) -> None:
    panel = window.training
    submitted: list[str] = []
    monkeypatch.setattr(window.queue, "submit_task", lambda name, work: submitted.append(name))
    monkeypatch.chdir(tmp_path)  # an empty field once meant every image under the working folder
    make_product_image("mug", size=(64, 56)).save(tmp_path / "stray.png")
    panel.start_training()
    assert submitted == [] and not panel._running
    text = panel.status.text()
    assert "Cannot start" in text and "choose a folder of product photos" in text
    assert "choose a folder of style examples" in text

    empty = tmp_path / "empty"
    empty.mkdir()
    content, style = training_folders(tmp_path, ["mug", "bag", "sneaker"], "mosaic")
    panel.content.setText(str(content))
    panel.style.setText(str(empty))
    panel.start_training()
    assert submitted == [] and "style examples: no images in" in panel.status.text()
    assert panel.counts["content"].text() == "3 images"
    panel.style.setText(str(style))
    panel.start_training()
    assert submitted and panel.counts["style"].text() == "1 image"


def test_stop_ends_a_training_run_on_a_large_folder_at_once(window, tmp_path, qtbot) -> None:
    content = tmp_path / "many"
    content.mkdir()
    for i in range(150):  # once all decoded before the first step; now drawn lazily
        make_product_image(["mug", "bag", "sneaker"][i % 3], size=(320, 256), seed=i).save(content / f"{i}.png")
    _, style = training_folders(tmp_path, ["mug"], "mosaic")
    panel = start_training(window, content, style, "stop-look", steps=10_000)
    qtbot.waitUntil(lambda: panel.losses.point_count() > 0 or not panel._running, timeout=60_000)
    started = time.monotonic()
    panel.stop.click()
    qtbot.waitUntil(lambda: not panel._running, timeout=30_000)
    assert time.monotonic() - started < 10
    assert "Exported stop-look" in panel.status.text(), panel.status.text()


def test_settings_persist_between_sessions(qtbot) -> None:
    from studio.gui.settings import Settings

    settings = Settings.load()
    settings.device, settings.working_size, settings.output_format = "cpu", 256, "png"
    settings.save()
    again = Settings.load()
    assert (again.device, again.working_size, again.output_format) == ("cpu", 256, "png")


def test_screenshot_launcher_renders_the_window(photos, tmp_path) -> None:
    from studio.gui.app import main

    shot = tmp_path / "main.png"
    assert main([str(photos), "--screenshot", str(shot), "--style", "wave"]) == 0
    pixels = np.asarray(Image.open(shot).convert("RGB"))
    assert pixels.shape[0] > 400 and pixels.shape[1] > 600
    assert pixels.std() > 10  # a rendered window, not a blank image
    training = tmp_path / "training.png"
    assert main(["--screenshot", str(training), "--panel", "training"]) == 0
    assert Image.open(training).size == Image.open(shot).size


def test_a_broken_plugin_is_shown_greyed_with_its_reason(qtbot, monkeypatch) -> None:
    import studio.registry as registry_module
    from studio.gui.main_window import MainWindow

    real = registry_module.load_registry

    from studio.api import API_VERSION, hookimpl

    class Exploding:
        STUDIO_API_VERSION = API_VERSION

        @staticmethod
        @hookimpl
        def studio_style_models():
            raise RuntimeError("weights folder missing")

    monkeypatch.setattr(registry_module, "load_registry",
                        lambda *a, **k: real(extra_plugins=[("exploding", Exploding)]))
    win = MainWindow(start_worker=False)
    qtbot.addWidget(win)
    items = [win.gallery.item(r) for r in range(win.gallery.count())]
    broken = [i for i in items if i.text().startswith("exploding")]
    assert broken and broken[0].flags() == Qt.ItemFlag.NoItemFlags  # greyed, not selectable
    assert "weights folder missing" in broken[0].toolTip()
    assert any(i.data(Qt.ItemDataRole.UserRole) == "wave" for i in items)  # the others still work
    win.close()


def test_training_pauses_and_resumes_from_its_checkpoint(window, tmp_path, qtbot) -> None:
    content, style = training_folders(tmp_path, ["mug"], "waves")
    panel = start_training(window, content, style, "paused-look", steps=400)
    qtbot.waitUntil(lambda: panel.losses.point_count() > 0, timeout=60_000)
    panel.pause.click()
    qtbot.waitUntil(lambda: not panel._running, timeout=10_000)
    assert panel.status.text().startswith("Paused at step")
    paused_at = int(panel.status.text().split("step ")[1].split(";")[0])
    assert 0 < paused_at < 400
    points = panel.losses.point_count()
    panel.steps.setValue(paused_at + 10)
    panel.start_training()  # resumes from the checkpoint, the curves carry on
    qtbot.waitUntil(lambda: not panel._running, timeout=60_000)
    assert f"after {paused_at + 10} steps" in panel.status.text(), panel.status.text()
    assert panel.losses.point_count() > points


def test_a_superseded_preview_never_replaces_the_current_one(window, photos, qtbot) -> None:
    window.add_inputs([str(photos)])
    select_style(window, "wave")
    qtbot.waitUntil(lambda: window.preview.after is not None, timeout=30_000)
    shown = window.preview.after
    stale = window.previews.generation - 1
    window._preview_finished(stale, RuntimeError("late result of an older request"))
    assert window.preview.after is shown and "failed" not in window.preview.message


def test_a_category_model_gets_category_mapping_in_the_form(qtbot, studio_home) -> None:
    from studio.gui.main_window import MainWindow
    from studio.model_files import write_model
    from studio.training.models import Generator, GeneratorConfig

    generator = Generator(GeneratorConfig(categories=2))
    card = {"kind": "cgan", "title": "Two looks", "description": "test",
            "architecture": {"class": "Generator", "config": generator.config.to_json()},
            "categories": ["bags", "shoes"]}
    write_model(studio_home / "models", "twolooks", {k: v.clone() for k, v in generator.state_dict().items()}, card)
    win = MainWindow(start_worker=False)
    qtbot.addWidget(win)
    select_style(win, "twolooks")
    assert win.form.category is not None
    labels = [win.form.category.itemText(i) for i in range(win.form.category.count())]
    assert labels[1:] == ["bags", "shoes"]
    win.form.category.setCurrentIndex(2)
    win.form.unknown.setCurrentIndex(1)
    assert win.form.category_settings() == {"category": "shoes", "unknown_category": "skip", "categories_file": ""}
    win.close()


def test_an_error_in_a_slot_becomes_a_dialog_not_a_crash(window, monkeypatch) -> None:
    import sys

    from studio.gui import app

    shown = []
    app.install_error_dialog(window, lambda parent, title, message, details: shown.append((title, message, details)))
    try:
        raise ValueError("boom")
    except ValueError:
        sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = sys.__excepthook__
    title, message, details = shown[0]
    assert message.startswith("That action stopped on an unexpected problem; queued jobs and finished images")
    assert "(ValueError: boom)" in message and "Traceback" in details and "Traceback" not in message


def test_the_preview_shows_the_photo_at_the_jobs_own_size(window, tmp_path, qtbot) -> None:
    """A fast style previews the whole photo styled at the job's working size, at the
    photo's own size (what the job writes), not a small render stretched up."""
    photo = tmp_path / "shoe.png"
    make_product_image("sneaker", size=(900, 600), seed=1).save(photo)
    window.add_inputs([str(photo)])
    select_style(window, "wave")
    window.request_preview()
    qtbot.waitUntil(lambda: window.preview.after is not None, timeout=60_000)
    assert (window.preview.after.width(), window.preview.after.height()) == (900, 600)
    assert "768 px" in window.preview.caption  # the house styles' working size, said


def test_a_slow_style_previews_a_crop_at_the_jobs_working_size(window, tmp_path, qtbot) -> None:
    photo = tmp_path / "shoe.png"
    make_product_image("sneaker", size=(900, 600), seed=1).save(photo)
    window.add_inputs([str(photo)])
    select_style(window, "gatys")
    window.form.findChild(object, "param_iterations").setValue(2)  # a quick look is enough here
    window.request_preview()
    qtbot.waitUntil(lambda: window.preview.after is not None, timeout=120_000)
    # Gatys works at 384 px: a 320 working-px crop is 750 px of the 900 px photo.
    assert window.preview.after.width() == 750 and window.preview.after.height() == 600
    assert "crop" in window.preview.caption and "384 px" in window.preview.caption


def _pixel(widget, x: int, y: int) -> tuple[int, int, int]:
    colour = widget.grab().toImage().pixelColor(x, y)
    return colour.red(), colour.green(), colour.blue()


def test_100_percent_zoom_shows_real_pixels_and_drags_pan(window, qtbot) -> None:
    from PySide6.QtGui import QColor, QImage

    before = QImage(1200, 900, QImage.Format.Format_RGB888)
    before.fill(QColor(200, 30, 30))
    for x in range(0, 1200, 2):  # one-pixel stripes: visible only at 100 %
        for y in range(0, 900, 300):
            before.setPixelColor(x, y, QColor(0, 0, 0))
    after = before.copy()
    window.preview.resize(400, 300)
    window.preview.show_images(before, after)
    fit = window.preview._target()
    assert fit.width() <= 400
    window.actual_size.click()  # the "100 %" button
    assert window.preview.actual_size
    target = window.preview._target()
    assert (target.width(), target.height()) == (1200 / window.preview.devicePixelRatioF(),
                                                  900 / window.preview.devicePixelRatioF())
    centre = window.preview.rect().center()
    qtbot.mousePress(window.preview, Qt.MouseButton.LeftButton, pos=centre + QPointF(100, 0).toPoint())
    qtbot.mouseMove(window.preview, centre + QPointF(40, -30).toPoint())
    qtbot.mouseRelease(window.preview, Qt.MouseButton.LeftButton, pos=centre + QPointF(40, -30).toPoint())
    assert window.preview.pan.x() < 0 and window.preview.pan.y() < 0  # dragged left and up
    assert window.preview._target().left() < target.left()
    qtbot.mouseDClick(window.preview, Qt.MouseButton.LeftButton, pos=centre)
    assert not window.preview.actual_size and not window.actual_size.isChecked()


def test_a_cutout_shows_a_checkerboard_where_it_is_transparent(window, qtbot) -> None:
    from PySide6.QtGui import QColor, QImage

    before = QImage(200, 200, QImage.Format.Format_RGBA8888)
    before.fill(QColor(0, 0, 0, 0))  # all transparent
    window.preview.resize(200, 200)
    window.preview.show_images(before, before.copy())
    colours = {_pixel(window.preview, x, 100) for x in range(40, 160, 4)}
    assert (255, 255, 255) in colours and (204, 204, 204) in colours  # squares, not a flat fill


def test_a_finished_jobs_results_can_be_browsed_before_and_after(window, photos, tmp_path, qtbot) -> None:
    job_id = run_job(window, qtbot, photos, "wave", tmp_path / "out")
    window.tabs.setCurrentWidget(window.queue_view)
    window.queue_view.refresh()
    window.queue_view.table.selectRow(0)
    window.queue_view.buttons["Browse results"].click()
    dialog = window.queue_view.results
    assert dialog.items.count() == 3
    dialog.items.setCurrentRow(1)
    shown = dialog.items.currentItem().data(Qt.ItemDataRole.UserRole)
    assert dialog.view.before is not None and dialog.view.after is not None
    written = Image.open(shown[1]).convert("RGB")
    pixel = dialog.view.after.pixelColor(40, 40)
    assert (pixel.red(), pixel.green(), pixel.blue()) == written.getpixel((40, 40))  # the file on disk
    dialog.close()
    assert job_id


def test_training_behind_a_running_job_is_listed_waiting_and_stop_drops_it(window, photos, tmp_path,
                                                                          qtbot) -> None:
    window.add_inputs([str(photos)])
    select_style(window, "gatys")
    window.form.getters["iterations"] = lambda: 500  # still running when the training is queued
    window.settings.working_size = 160
    choose_output(window, str(tmp_path / "out"))
    job_id = window.add_to_queue()
    qtbot.waitUntil(lambda: window.queue.current_job == job_id, timeout=20_000)
    content, style = training_folders(tmp_path, ["mug", "bag"], "mosaic")
    panel = start_training(window, content, style, "later-look", steps=10)
    assert f"Waiting for job #{job_id}" in panel.status.text()
    window.queue_view.refresh()
    rows = {window.queue_view.table.item(r, 1).text(): window.queue_view.table.item(r, 2).text()
            for r in range(window.queue_view.table.rowCount())}
    assert rows["Fine-tune later-look"] == f"waiting for job #{job_id}"
    panel.stop.click()  # changed their mind while it waits
    assert "Stopped before it started" in panel.status.text() and not panel._running
    window.queue.cancel(job_id)
    qtbot.waitUntil(lambda: window.store.job_status(job_id) == "cancelled", timeout=5_000)
    qtbot.wait(300)  # the worker would pick the training up now, were it still queued
    window.queue_view.refresh()
    rows = {window.queue_view.table.item(r, 1).text(): window.queue_view.table.item(r, 2).text()
            for r in range(window.queue_view.table.rowCount())}
    assert rows["Fine-tune later-look"] == "stopped"
    from studio import paths

    assert not (paths.models_dir() / "later-look.safetensors").exists()  # nothing trained or exported


def _finished_folder(window, photos, tmp_path, qtbot) -> tuple[Path, dict[str, bytes]]:
    out = tmp_path / "out"
    run_job(window, qtbot, photos, "wave", out)
    return out, {p.name: p.read_bytes() for p in out.glob("*.png")}


def test_skip_existing_keeps_the_files_there_and_styles_only_new_photos(window, photos, tmp_path, qtbot,
                                                                       monkeypatch) -> None:
    out, finished = _finished_folder(window, photos, tmp_path, qtbot)
    make_product_image("bottle", size=(96, 80), seed=9).save(photos / "bottle.png")  # a new photo
    window.inputs.clear_inputs()
    window.add_inputs([str(photos)])
    monkeypatch.setattr(window, "confirm_overwrite", lambda taken: "skip")
    select_style(window, "starry")
    choose_output(window, str(out))
    job = window.add_to_queue()
    qtbot.waitUntil(lambda: window.store.job_status(job) == "done", timeout=60_000)
    assert {p.name: p.read_bytes() for p in out.glob("*.png") if p.name in finished} == finished  # untouched
    assert (out / "bottle.png").is_file()
    counts = window.store.counts(job)
    assert (counts["done"], counts["skipped"]) == (1, 3)


def test_new_folder_writes_the_job_beside_the_one_in_use(window, photos, tmp_path, qtbot, monkeypatch) -> None:
    out, finished = _finished_folder(window, photos, tmp_path, qtbot)
    monkeypatch.setattr(window, "confirm_overwrite", lambda taken: "new")
    select_style(window, "starry")
    choose_output(window, str(out))
    job = window.add_to_queue()
    qtbot.waitUntil(lambda: window.store.job_status(job) == "done", timeout=60_000)
    folder = Path(window.store.spec(job).output)
    assert folder != out and folder.parent == out.parent and "starry" in folder.name
    assert sorted(p.name for p in folder.glob("*.png")) == sorted(finished)
    assert {p.name: p.read_bytes() for p in out.glob("*.png")} == finished


def test_the_overwrite_question_defaults_to_a_new_folder(window, photos, tmp_path, qtbot) -> None:
    out, finished = _finished_folder(window, photos, tmp_path, qtbot)
    seen: list[str] = []

    def answer() -> None:  # the dialog as a user sees it: press Enter
        box = next(w for w in window.findChildren(QMessageBox) if w.isVisible())
        seen.append(box.defaultButton().text())
        box.defaultButton().click()

    QTimer.singleShot(300, answer)
    select_style(window, "starry")
    choose_output(window, str(out))
    job = window.add_to_queue()
    assert seen == ["New folder"]
    assert Path(window.store.spec(job).output) != out
    qtbot.waitUntil(lambda: window.store.job_status(job) == "done", timeout=60_000)
    assert {p.name: p.read_bytes() for p in out.glob("*.png")} == finished


def _gallery(window) -> dict[str, str]:
    return {window.gallery.item(r).data(Qt.ItemDataRole.UserRole): window.gallery.item(r).text()
            for r in range(window.gallery.count())}


def test_the_gallery_lists_each_look_once_with_its_own_thumbnail(window) -> None:
    gallery = _gallery(window)
    assert "cgan" not in gallery and "gan" not in gallery  # second names of listed styles
    titles = list(gallery.values())
    assert len(titles) == len(set(titles))  # no "Catalog looks" twice
    icons = {}
    for row in range(window.gallery.count()):
        item = window.gallery.item(row)
        image = item.icon().pixmap(96, 96).toImage()
        assert not image.isNull(), item.text()
        icons[item.data(Qt.ItemDataRole.UserRole)] = bytes(image.constBits())
    assert len(set(icons.values())) == len(icons)  # every thumbnail differs
    from studio.bundled import gatys_thumbnail

    assert gatys_thumbnail() is not None  # the bag painted by Gatys itself, shipped


def test_switching_style_keeps_the_settings_both_styles_have(window) -> None:
    select_style(window, "wave")
    select_style(window, "gatys")  # untouched: Gatys's own default, not the house styles' 1.0
    assert window.form.values()["strength"] == pytest.approx(0.5)
    assert window.form.style_images() and window.form.style_image.currentText() == "waves"  # the CLI's default
    select_style(window, "wave")
    window.form.setters["strength"](0.4)  # the user's choice follows the switch
    select_style(window, "starry")
    assert window.form.values()["strength"] == pytest.approx(0.4)
    select_style(window, "gatys")
    assert window.form.values()["strength"] == pytest.approx(0.4)
    assert window.form.values()["iterations"] == 100  # its own default where the last had none


def test_the_main_window_speaks_a_merchandisers_language(window) -> None:
    """Technical words only behind "More settings" (and in the fine-tuning panel)."""
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel

    def visible_words() -> str:
        style_tab = window.tabs.widget(0)
        texts = [w.text() for w in style_tab.findChildren(QLabel) + style_tab.findChildren(QAbstractButton)
                 if w.isVisibleTo(window)]
        for combo in style_tab.findChildren(QComboBox):
            if combo.isVisibleTo(window):
                texts += [combo.itemText(i) for i in range(combo.count())]
        return " ".join(texts).lower()

    window.tabs.setCurrentIndex(0)
    for style in ("gatys", "wave"):
        select_style(window, style)
        words = visible_words()
        for jargon in ("bfloat16", "bf16", "fp32", "float32", "lbfgs", "d(g(z))", "precision", "optimizer"):
            assert jargon not in words, (style, jargon)
    select_style(window, "gatys")
    window.form.more.click()
    assert "lbfgs" in visible_words()  # one click away for who wants it


@pytest.mark.parametrize("size", [(1024, 700), (853, 480)], ids=["1024x700", "1280x720-at-150%"])
def test_the_window_fits_a_small_screen_with_add_to_queue_on_it(window, size, qtbot) -> None:
    """1280x720 at 150 % is 853x480 logical pixels."""
    window.resize(*size)
    qtbot.wait(200)
    assert (window.width(), window.height()) == size, (window.size(), window.minimumSizeHint())
    assert window.minimumSizeHint().width() <= size[0] and window.minimumSizeHint().height() <= size[1]
    for widget in (window.queue_button, window.output, window.preview_button):
        corner = widget.mapTo(window, widget.rect().bottomRight())
        assert widget.isVisible() and corner.x() <= size[0] and corner.y() <= size[1], widget
    assert window.output.width() >= 200  # the output path stays readable


def test_a_preset_brings_back_the_style_and_its_settings(window, qtbot) -> None:
    select_style(window, "starry")
    window.form.setters["strength"](0.3)
    window.background.setCurrentIndex(window.background.findData("style"))
    window.format.setCurrentIndex(window.format.findData("jpg"))
    window.quality.setValue(80)
    window.save_preset("spring catalog")
    select_style(window, "wave")
    window.form.setters["strength"](1.0)
    window.background.setCurrentIndex(window.background.findData("keep"))
    window.format.setCurrentIndex(window.format.findData("png"))
    names = [a.text() for a in window.presets_menu.actions()]
    assert names == ["spring catalog"]
    window.presets_menu.actions()[0].trigger()
    assert window.gallery.selected_style() == "starry"
    assert window.form.values()["strength"] == pytest.approx(0.3)
    assert (window.background.currentData(), window.format.currentData(), window.quality.value()) == ("style", "jpg", 80)


def test_output_format_and_quality_reach_the_files(window, photos, tmp_path, qtbot) -> None:
    window.format.setCurrentIndex(window.format.findData("jpg"))
    window.quality.setValue(40)
    run_job(window, qtbot, photos, "wave", tmp_path / "low")
    low = sorted((tmp_path / "low").glob("*.jpg"))
    assert [p.name for p in low] == ["bag.jpg", "mug.jpg", "sneaker.jpg"]
    window.inputs.clear_inputs()
    window.quality.setValue(95)
    run_job(window, qtbot, photos, "wave", tmp_path / "high")
    assert all((tmp_path / "high" / p.name).stat().st_size > p.stat().st_size for p in low)


def test_thumbnails_come_lazily_for_big_folders_as_they_scroll_into_view(window, tmp_path, qtbot) -> None:
    folder = tmp_path / "big"
    folder.mkdir()
    for i in range(340):
        Image.new("RGB", (24, 20), (i % 255, 90, 200)).save(folder / f"{i:03d}.png")
    window.add_inputs([str(folder)])
    inputs = window.inputs
    last = inputs.item(inputs.count() - 1)
    qtbot.wait(500)
    assert last.icon().isNull()  # not decoded while out of view
    assert len(inputs._requested) < 340
    inputs.scrollToItem(last)
    qtbot.waitUntil(lambda: not last.icon().isNull(), timeout=10_000)


def test_the_queue_writes_a_review_report_and_rejections_come_back_as_inputs(window, photos, tmp_path,
                                                                           qtbot) -> None:
    import json

    run_job(window, qtbot, photos, "wave", tmp_path / "out")
    window.queue_view.open_reports = False  # no browser in a test
    window.queue_view.refresh()
    window.queue_view.table.selectRow(0)
    window.queue_view.buttons["Review report"].click()
    qtbot.waitUntil(lambda: window.queue_view.last_report is not None, timeout=60_000)
    report = window.queue_view.last_report
    assert report == tmp_path / "out" / "report.html" and 'id="count-done" data-count="3"' in report.read_text()
    assert str(report) in window.queue_view.report_note.text()

    rejected = {"report_version": 1, "output": str(tmp_path / "out"),
                "rejected": [{"input": str(photos / "mug.png")}, {"input": str(photos / "bag.png")}]}
    (tmp_path / "rejections.json").write_text(json.dumps(rejected))
    assert window.add_rejections(str(tmp_path / "rejections.json")) == 2
    assert sorted(Path(p).name for p in window.inputs.image_paths()) == ["bag.png", "mug.png"]
    assert Path(window.output.text()) != tmp_path / "out"  # a new folder, not over the reviewed one


def test_the_settings_dialog_disables_a_plugin_for_the_next_start(window, qtbot) -> None:
    from studio.gui.main_window import SettingsDialog
    from studio.registry import disabled_plugins, load_registry

    dialog = SettingsDialog(window.settings, window)
    dialog.disabled.setText("gatys, acme-styles")
    dialog.accept()
    assert disabled_plugins() == {"gatys", "acme-styles"}
    assert "gatys" not in load_registry().models


def test_a_colour_parameter_gets_a_colour_picker(qtbot) -> None:
    from studio.api import Capabilities, Param
    from studio.gui.widgets import ColorButton, ParamForm

    class Duotone:
        params = (Param("ink", "color", "#1b2a80", "the dark colour"),)
        capabilities = Capabilities()

    form = ParamForm()
    qtbot.addWidget(form)
    form.build(Duotone(), {})
    button = form.findChild(ColorButton, "param_ink")
    assert button is not None and button.text() == "#1b2a80"
    changes: list[int] = []
    form.changed.connect(lambda: changes.append(1))
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QColorDialog

    import unittest.mock as mock

    with mock.patch.object(QColorDialog, "getColor", return_value=QColor("#ff8000")):
        button.click()  # the picker, answered
    assert form.values() == {"ink": "#ff8000"} and changes


def test_a_third_party_style_gets_a_rendered_thumbnail(qtbot, monkeypatch) -> None:
    import studio.registry as registry_module
    from studio.api import API_VERSION, Capabilities, hookimpl
    from studio.gui.main_window import MainWindow

    class Invert:
        name, title, description, params = "invert", "Negative", "inverts", ()
        capabilities = Capabilities()

        def stylize(self, images, params, ctx):
            return 1 - images

    class Plugin:
        STUDIO_API_VERSION = API_VERSION

        @staticmethod
        @hookimpl
        def studio_style_models():
            return [Invert()]

    real = registry_module.load_registry
    monkeypatch.setattr(registry_module, "load_registry", lambda *a, **k: real(extra_plugins=[("inv", Plugin)]))
    win = MainWindow(start_worker=False)
    qtbot.addWidget(win)
    item = next(win.gallery.item(r) for r in range(win.gallery.count())
                if win.gallery.item(r).data(Qt.ItemDataRole.UserRole) == "invert")
    qtbot.waitUntil(lambda: not item.icon().isNull(), timeout=30_000)
    image = item.icon().pixmap(96, 96).toImage()
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 4) for y in range(0, image.height(), 4)}
    assert len(colours) > 10  # a picture (the bag, inverted), not a blank tile
    win.close()


def test_a_style_that_went_away_is_said_not_silently_replaced(qtbot, monkeypatch) -> None:
    from studio.gui.main_window import MainWindow

    monkeypatch.setenv("STUDIO_DISABLE_PLUGINS", "gan")  # the default style's plugin is off
    win = MainWindow(start_worker=False)
    qtbot.addWidget(win)
    message = win.statusBar().currentMessage()
    assert "The style 'wave' is not available (not installed, or in a disabled plugin: gan" in message
    assert win.gallery.selected_style() in message
    win.close()


def test_a_finished_job_cannot_be_paused_into_a_false_state(window, photos, tmp_path, qtbot) -> None:
    job_id = run_job(window, qtbot, photos, "wave", tmp_path / "out")
    window.queue_view.refresh()
    window.queue_view.table.selectRow(0)
    buttons = window.queue_view.buttons
    assert not buttons["Pause"].isEnabled() and not buttons["Resume"].isEnabled()
    assert not buttons["Cancel"].isEnabled()
    assert buttons["Browse results"].isEnabled() and buttons["Review report"].isEnabled()
    window.queue.pause(job_id)  # even if asked directly
    assert window.store.job_status(job_id) == "done"
