"""``studio-batch``: style folders of product photos from scripts.

Exit codes: 0 every item done or skipped, 1 some items failed (listed), 2 usage or
configuration error, 130 cancelled (Ctrl-C); the job is resumable after 1 and 130.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path
import sys
import threading
import time
from collections.abc import Sequence
from typing import Any

from studio import __version__
from studio.cli.parser import Parser, choose_language, error_line
from studio.errors import StudioError, UsageError
from studio.i18n import translate

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_CANCELLED = 0, 1, 2, 130
#: The best-looking fast house style (resources/models); STUDIO_DEFAULT_STYLE overrides it.
DEFAULT_STYLE = "wave"


def default_style() -> str:
    return os.environ.get("STUDIO_DEFAULT_STYLE", DEFAULT_STYLE)


def build_parser() -> argparse.ArgumentParser:
    from studio.devices import DEVICE_CHOICES
    from studio.jobs import BACKGROUND_MODES, OUTPUT_FORMATS

    p = Parser(prog="studio-batch",
               description=translate("cli.batch", "Give a folder of product photos a consistent artistic style."))
    p.add_argument("inputs", nargs="*", metavar="INPUT",
                   help=translate("cli.batch", "image files and folders (searched recursively)"))
    p.add_argument("-o", "--output", metavar="OUT",
                   help=translate("cli.batch", "output folder (input layout is kept under it)"))
    p.add_argument("--style", default=default_style(),
                   help=translate("cli.batch", "style model name (see --list-styles); default: %(default)s"))
    p.add_argument("--style-image", action="append", default=[], metavar="PATH",
                   help=translate("cli.batch", "style image path or bundled style name; repeat to blend several"))
    p.add_argument("--param", action="append", default=[], metavar="KEY=VALUE",
                   help=translate("cli.batch", "model parameter; repeatable"))
    p.add_argument("--size", type=int, metavar="PX",
                   help=translate("cli.batch", "working size in pixels, long edge; the output keeps the photo's own "
                                  "size (default: the style's own, shown by --list-styles: 768 for the house styles, "
                                  "384 for gatys)"))
    p.add_argument("--device", choices=DEVICE_CHOICES, default="auto",
                   help=translate("cli.batch", "where the model runs: auto picks a CUDA or Apple GPU when there is "
                                  "one, else the CPU (default: %(default)s)"))
    p.add_argument("--format", choices=OUTPUT_FORMATS, default="keep",
                   help=translate("cli.batch", "output format (default: keep)"))
    p.add_argument("--background", choices=BACKGROUND_MODES, default="keep",
                   help=translate("cli.batch", "keep: style only the product, keep the original background (default; "
                                  "needs a plain background or alpha, else the whole frame is styled and the item "
                                  "says why); style: style the whole frame; transparent: write the product mask as "
                                  "alpha (PNG/WebP)"))
    p.add_argument("--people", choices=("keep", "style"), default="keep",
                   help=translate("cli.batch", "keep: leave people's skin (faces, hands, arms) as photographed on "
                                  "on-model shots (default); style: paint it with the rest"))
    p.add_argument("--preserve-colors", action="store_true",
                   help=translate("cli.batch", "keep the product's own colours, for every style: the style adds its "
                                  "texture, not its palette (mean CIEDE2000 inside the product kept within 4.5)"))
    p.add_argument("--detail", type=float, default=1.0, metavar="0-1",
                   help=translate("cli.batch", "add back this much of the photo's fine detail lost at the working "
                                  "size (sharp edges and small print); 0 turns it off (default: 1)"))
    p.add_argument("--quality", type=int, default=92,
                   help=translate("cli.batch", "JPEG/WebP quality 1-100 (default: 92)"))
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--resume", action="store_true",
                      help=translate("cli.batch", "skip items already done whose input is unchanged (the default)"))
    mode.add_argument("--force", action="store_true",
                      help=translate("cli.batch", "redo items already done, and write over files in OUT that this job "
                                     "did not write (another job's outputs); without it such a folder is refused"))
    p.add_argument("--seed", type=int, default=0,
                   help=translate("cli.batch", "random seed of the style model (the same seed gives the same result; "
                                  "default: %(default)s)"))
    p.add_argument("--variations", type=int, default=1, metavar="N",
                   help=translate("cli.batch", "write N variants per image (NAME-v1 ... NAME-vN), each from its own "
                                  "seed; for styles whose model takes noise"))
    cat = p.add_argument_group(translate("cli.batch", "category models (e.g. --style cgan)"))
    cat.add_argument("--categories", metavar="FILE",
                     help=translate("cli.batch", "manifest of image categories: CSV (path,category) or JSON "
                                    "({path: category}); paths relative to the input folder"))
    cat.add_argument("--category", metavar="NAME",
                     help=translate("cli.batch", "category for images the manifest and sub-folder names do not label"))
    cat.add_argument("--unknown-category", default="fail", metavar="skip|fail|LABEL",
                     help=translate("cli.batch", "for an image whose category the model does not know: fail it "
                                    "(default), skip it, or use LABEL"))
    p.add_argument("--item-timeout", type=float, default=0.0, metavar="SECONDS",
                   help=translate("cli.batch", "fail an image whose style model takes longer than this (default: no "
                                  "limit)"))
    speed = p.add_argument_group(translate("cli.batch", "speed and scale (none of these change the outputs)"))
    speed.add_argument("--batch-size", type=int, metavar="N",
                       help=translate("cli.batch", "same-size images per model call, for styles that take batches "
                                      "(default: 16 on a GPU, 1 on a CPU)"))
    speed.add_argument("--io-threads", type=int, metavar="N",
                       help=translate("cli.batch", "threads decoding and encoding images (default: 1 on a CPU, up to "
                                      "8 beside a GPU)"))
    speed.add_argument("--engine", choices=("local", "ray"), default="local",
                       help=translate("cli.batch", "local: this machine (default); ray: a Ray cluster (pip install "
                                      "'style-studio[ray]'); inputs and outputs must be on paths every node can "
                                      "reach"))
    speed.add_argument("--ray-address", metavar="HOST:PORT",
                       help=translate("cli.batch", "the Ray cluster to use (e.g. 127.0.0.1:6379 after `ray start "
                                      "--head`); default: start a local one"))
    speed.add_argument("--workers", type=int, metavar="N",
                       help=translate("cli.batch", "--engine ray: model copies (actors); default: one per GPU, else "
                                      "one per 2 CPUs"))
    p.add_argument("--vgg-weights", metavar="PATH",
                   help=translate("cli.batch", "torchvision vgg19 state dict to use instead of the bundled one"))
    review = p.add_argument_group(translate("cli.batch", "review"))
    review.add_argument("--report", action="store_true",
                        help=translate("cli.batch", "write OUT/report.html at the end: before/after of every image, "
                                       "its figures (style and content distance, background kept, colour ΔE00, mask) "
                                       "and the images to review; self-contained, opens in any browser"))
    review.add_argument("--redo-from", metavar="REJECTIONS.json",
                        help=translate("cli.batch", "style again the images rejected in a review report (its 'Save "
                                       "rejections' file), with this command's settings; -o defaults to a new folder "
                                       "beside the report's"))
    p.add_argument("--debug", action="store_true",
                   help=translate("cli.batch", "record a plugin failure's traceback (file and line) in the item's "
                                  "record, the log and the --json summary, besides its one-line reason"))
    p.add_argument("--json", action="store_true",
                   help=translate("cli.batch", "print one JSON summary on stdout at the end"))
    p.add_argument("--quiet", action="store_true", help=translate("cli.batch", "no progress bar or per-item messages"))
    p.add_argument("--list-styles", action="store_true",
                   help=translate("cli.batch", "list style models and their parameters"))
    p.add_language_option()
    p.add_argument("--version", action="version", version=f"studio-batch {__version__}")
    return p


def _parse_params(pairs: Sequence[str]) -> dict[str, str]:
    params = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UsageError(translate("cli.batch", "--param expects KEY=VALUE, got {pair}").format(pair=repr(pair)))
        params[key.strip()] = value.strip()
    return params


def list_styles(as_json: bool) -> int:
    from studio.bundled import style_images
    from studio.registry import load_registry

    registry = load_registry()
    default = default_style()
    data = {
        "default_style": default,
        "styles": [{**entry.describe(), "default": entry.name == default} for entry in registry.models.values()],
        "broken": [{"plugin": b.plugin, "reason": b.reason, "distribution": b.distribution} for b in registry.broken],
        "conflicts": [{"style": c.style, "kept": c.kept_distribution or c.kept_plugin,
                       "other": c.other_distribution or c.other_plugin, "qualified": c.qualified,
                       "message": c.describe()} for c in registry.conflicts],
        "disabled": list(registry.disabled),
        "style_images": sorted(style_images()),
    }
    data["ok"] = not data["broken"]
    if as_json:
        print(json.dumps(data, indent=2))
        return EXIT_FAILED if data["broken"] else EXIT_OK
    for style in data["styles"]:
        line = (translate("cli.batch", "{name} (default): {title} [{plugin}]") if style["default"]
                else translate("cli.batch", "{name}: {title} [{plugin}]"))
        # A style's own texts: the catalog has the built-in ones ("styles"), others stay as written.
        print(line.format(name=style["name"], title=translate("styles", style["title"]), plugin=style["plugin"]))
        print(f"    {translate('styles', style['description'])}")
        caps = style["capabilities"]
        print("    " + (translate("cli.batch", "styled at each photo's own size") if caps.get("full_size")
                        else translate("cli.batch", "working size {size} px").format(size=style["default_size"])))
        if style.get("categories"):
            print("    " + translate("cli.batch", "categories: {categories}").format(
                categories=", ".join(style["categories"])))
        for param in registry.get(style["name"]).model.params:
            print("    " + translate("cli.batch", "--param {name}=<{type}> default {default}: {help}").format(
                name=param.name, type=param.describe_type(), default=repr(param.default),
                help=translate("styles", param.help)))
    for broken in data["broken"]:
        print(translate("cli.batch", "BROKEN plugin {plugin}: {reason}").format(
            plugin=broken["plugin"], reason=broken["reason"]))
    for conflict in data["conflicts"]:
        print(translate("cli.batch", "CONFLICT: {message}").format(message=conflict["message"]))
    for name in data["disabled"]:
        print(translate("cli.batch", "disabled plugin {name} (STUDIO_DISABLE_PLUGINS or plugins.json in the config "
                                     "folder)").format(name=name))
    if data["style_images"]:
        print(translate("cli.batch", "bundled style images: {names}").format(names=", ".join(data["style_images"])))
    else:
        print(translate("cli.batch", "bundled style images: none"))
    # A broken plugin is a problem a script must notice: exit 1 (the list is still printed).
    return EXIT_FAILED if data["broken"] else EXIT_OK


def build_spec(args: argparse.Namespace, registry: Any) -> Any:
    from studio.submit import JobRequest, build_spec as build

    return build(JobRequest(
        inputs=tuple(args.inputs), output=args.output or "", style=args.style, params=_parse_params(args.param),
        style_images=tuple(args.style_image), size=args.size, device=args.device, format=args.format,
        quality=args.quality, background=args.background, detail=args.detail, seed=args.seed,
        variations=args.variations, categories_file=args.categories or "", category=args.category or "",
        unknown_category=args.unknown_category, item_timeout=args.item_timeout, people=args.people,
        preserve_colors=args.preserve_colors,
    ), registry)


def run_job(args: argparse.Namespace) -> int:
    from studio import paths
    from studio.cli.interrupt import ctrl_c_cancels
    from studio.cli.progress import ProgressReporter
    from studio.devices import resolve_device
    from studio.jobs import JobStore
    from studio.registry import load_registry
    from studio.runner import Runner, RunOptions, WorkerAbandoned, start_worker
    from studio.submit import plan_job, register_job

    if args.vgg_weights:
        os.environ["STUDIO_VGG19_WEIGHTS"] = os.path.abspath(args.vgg_weights)
    options = RunOptions(batch_size=args.batch_size, io_threads=args.io_threads, engine=args.engine,
                         ray_address=args.ray_address, workers=args.workers, debug=args.debug)
    if args.engine == "ray":
        from studio.engines.ray import require_ray

        require_ray()  # not installed: say how, before any work
    registry = load_registry()
    if args.redo_from:
        _take_rejections(args)
    spec = build_spec(args, registry)
    if args.engine == "local":
        resolve_device(spec.device)  # an unavailable device is a usage error before any work
    plan = plan_job(spec, registry)
    store = JobStore(paths.job_db_path())
    # An output folder that is a file, read-only, or holds another job's outputs: exit 2 now.
    job_id = register_job(store, spec, plan, force=args.force)
    cancel = threading.Event()
    started = time.time()
    with ProgressReporter(enabled=not args.quiet) as reporter, ctrl_c_cancels(cancel):
        runner = Runner(store, registry, reporter, options)
        if args.engine == "ray":
            if args.ray_address:
                reporter.note(translate("cli.batch", "starting the Ray cluster at {address} and its workers (each "
                                        "loads the model once; ~15 s on a small machine)").format(
                                            address=args.ray_address))
            else:
                reporter.note(translate("cli.batch", "starting a local Ray cluster and its workers (each loads the "
                                        "model once; ~15 s on a small machine)"))
        worker = start_worker(lambda: runner.run(job_id, cancel), f"studio-job-{job_id}")
        # A cluster needs a few seconds to stop its actors and record what they finished.
        grace = CANCEL_GRACE_SECONDS if args.engine == "local" else RAY_CANCEL_GRACE_SECONDS
        try:
            summary = worker.wait(cancel, grace).to_json()
        except WorkerAbandoned:
            summary = _summary_from_store(store, job_id, started)
            reporter.note(translate("cli.batch", "cancelled: the model did not stop at once; state saved, run the "
                                    "same command to resume"))
    if args.report and not summary["cancelled"]:
        from studio.report import write_report

        summary["report"] = str(write_report(store, job_id))
        if not args.quiet:
            print(translate("cli.batch", "review report: {path}").format(path=summary["report"]), file=sys.stderr)
    if args.json:
        print(json.dumps(summary, indent=2))
    if summary["cancelled"]:
        return EXIT_CANCELLED
    return EXIT_FAILED if summary["failed"] else EXIT_OK


def _take_rejections(args: argparse.Namespace) -> None:
    """``--redo-from``: the rejected images become the inputs; without ``-o`` the job goes to
    a new folder beside the reviewed one (never over the outputs being replaced)."""
    from studio.errors import UsageError
    from studio.output_folder import suggest_output_folder
    from studio.report import read_rejections

    rejected, reviewed = read_rejections(args.redo_from)
    if args.inputs:
        raise UsageError(translate("cli.batch", "--redo-from takes its images from the rejections file; give no "
                                   "INPUT"))
    args.inputs = rejected
    if not args.output:
        folder = Path(reviewed)
        args.output = str(suggest_output_folder(folder.parent, folder.name, "redo", None))


#: After Ctrl-C, how long the job may take to stop before the CLI exits without it.
CANCEL_GRACE_SECONDS = 0.8
RAY_CANCEL_GRACE_SECONDS = 15.0


def _summary_from_store(store: Any, job_id: int, started: float) -> dict[str, Any]:
    """The --json summary rebuilt from the job store, for a job left mid-step."""
    from studio.jobs import DONE, FAILED

    from studio.runner import RunSummary

    summary = RunSummary(job_id, cancelled=True, seconds=time.time() - started)
    for item in store.items(job_id):
        if item.status == DONE:
            earlier = item.info.get("finished", started) < started
            summary.done += not earlier
            summary.already_done += earlier
            summary.add_output(item.input, item.output, item.info, earlier)
        elif item.status == FAILED:
            summary.failed.append({"input": item.input, "reason": item.reason or ""})
    return summary.to_json()


def main(argv: Sequence[str] | None = None) -> int:
    # Help texts are translated as the parser is built: the language comes first.
    if not choose_language("studio-batch", sys.argv[1:] if argv is None else argv):
        return EXIT_USAGE
    try:
        args = build_parser().parse_args(argv)  # imports torch: seconds, and Ctrl-C may come
    except KeyboardInterrupt:
        return EXIT_CANCELLED
    try:
        if args.list_styles:
            return list_styles(args.json)
        code = run_job(args)
    except StudioError as exc:
        print(error_line("studio-batch", exc), file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_CANCELLED
    if code == EXIT_CANCELLED and argv is None:
        # Ctrl-C from a terminal: leave now. The worker may be inside work that cannot be
        # interrupted, and tearing down an interpreter that has loaded torch takes over a
        # second; neither is needed: every output is complete or absent and the job state is
        # committed, exactly as after a kill. (In-process callers pass argv and get a return.)
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code


if __name__ == "__main__":
    sys.exit(main())
