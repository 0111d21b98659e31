"""The per-job review report: ``OUT/report.html``, one self-contained page (no network: the
thumbnails are inlined, the script is inline) a merchandiser approves a delivery from.

For every item: the original and the output side by side, and the figures that tell whether
it can be published: how far the style moved the photo's texture statistics (style change,
or the distance to the job's style image when it has one), how far the content moved (VGG-19
relu4_2, as the benchmarks measure it), how much of the background stayed as photographed,
the colour difference inside the product (mean CIEDE2000), and the mask source, or why there
was none. Items that need a look are flagged (no mask, whole frame styled, low style change,
colours not kept when asked), and a filter shows only those. Rejected items are ticked and
saved as ``report-rejections.json``, which ``studio-batch --redo-from`` (or the app) styles
again with other settings. Failed items are listed with their reasons.

Everything is written inside the job's output folder, atomically.
"""

from __future__ import annotations

import base64
import html
import io
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch
import torch.nn.functional as F

from studio.atomic import write_atomically
from studio.i18n import current_language, translate
from studio.jobs import DONE, FAILED, PENDING, SKIPPED, JobSpec, JobStore
from studio.runner import whole_frame_reason

REPORT_NAME = "report.html"
REJECTIONS_NAME = "report-rejections.json"
#: Thumbnails' long edge in the page (px) and the size the figures are measured at.
THUMB_EDGE = 200
MEASURE_EDGE = 256
#: Below this texture change (mean |high-pass L*|, CIELAB units) the product barely changed.
LOW_TEXTURE = 1.0
#: Above this mean CIEDE2000 inside the product, colours were not kept (when asked to be).
HIGH_DELTA_E = 6.0
#: Background pixels within this of the photo (0-1) count as kept.
KEPT_TOLERANCE = 3 / 255
STYLE_LAYERS = ("relu1_1", "relu2_1", "relu3_1", "relu4_1", "relu5_1")
CONTENT_LAYER = "relu4_2"


@dataclass
class ReportItem:
    input: str
    output: str
    status: str
    reason: str = ""
    figures: dict[str, Any] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)
    before: str = ""  # data: URL of the thumbnail
    after: str = ""


def flags_for(info: dict[str, Any], spec: JobSpec) -> list[str]:
    """Why an item needs a look before publishing (empty: none)."""
    flags = []
    if whole_frame_reason(info):
        flags.append(translate("report", "whole frame styled: no plain background found"))
    elif info.get("mask") == "none":
        flags.append(translate("report", "no product mask found"))
    texture = info.get("texture_change")
    if texture is not None and texture < LOW_TEXTURE:
        flags.append(translate("report", "low style change (texture {texture:.2f})").format(texture=texture))
    delta_e = info.get("colour_delta_e")
    if spec.preserve_colors and delta_e is not None and delta_e > HIGH_DELTA_E:
        flags.append(translate("report", "colours not kept (mean ΔE00 {delta_e:.1f})").format(delta_e=delta_e))
    return flags


def _thumbnail(rgb: torch.Tensor, alpha: torch.Tensor | None = None) -> str:
    from PIL import Image

    from studio.images import resize_long_edge

    small = resize_long_edge(rgb, THUMB_EDGE)
    pixels = (small.clamp(0, 1) * 255).round().to(torch.uint8).permute(1, 2, 0).numpy()
    image = Image.fromarray(pixels)
    buffer = io.BytesIO()
    if alpha is not None:
        mask = resize_long_edge(alpha[None], THUMB_EDGE)[0]
        image.putalpha(Image.fromarray((mask.clamp(0, 1) * 255).round().to(torch.uint8).numpy()))
        image.save(buffer, "PNG", optimize=True)
        return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
    image.save(buffer, "JPEG", quality=85)
    return "data:image/jpeg;base64," + base64.b64encode(buffer.getvalue()).decode()


class _Distances:
    """VGG-19 content and style distances at ``MEASURE_EDGE``, the benchmarks' weighting."""

    def __init__(self, style_images: list[torch.Tensor]) -> None:
        from studio.vgg import load_vgg19

        self.vgg = load_vgg19("cpu")
        self.style = style_images

    @torch.no_grad()
    def __call__(self, before: torch.Tensor, after: torch.Tensor) -> dict[str, float]:
        from studio.images import resize_long_edge
        from studio.vgg import gram_matrix

        b, a = resize_long_edge(before, MEASURE_EDGE)[None], resize_long_edge(after, MEASURE_EDGE)[None]
        fa = self.vgg(a, STYLE_LAYERS + (CONTENT_LAYER,))
        fb = self.vgg(b, STYLE_LAYERS + (CONTENT_LAYER,))

        def gram_distance(fx: dict, fy: dict) -> float:
            return sum(10.0 / fx[layer].shape[1] ** 2
                       * F.mse_loss(gram_matrix(fx[layer]), gram_matrix(fy[layer])).item() for layer in STYLE_LAYERS)

        figures = {"content_distance": 0.01 * F.mse_loss(fa[CONTENT_LAYER], fb[CONTENT_LAYER]).item(),
                   "style_change": gram_distance(fa, fb)}
        if self.style:
            distances = []
            for style in self.style:
                ratio = (a.shape[-2] * a.shape[-1] / (style.shape[-2] * style.shape[-1])) ** 0.5
                scaled = F.interpolate(style[None], size=(max(16, round(style.shape[-2] * ratio)),
                                                         max(16, round(style.shape[-1] * ratio))),
                                       mode="bilinear", antialias=True)
                distances.append(gram_distance(fa, self.vgg(scaled, STYLE_LAYERS)))
            figures["style_distance"] = min(distances)
        return figures


def collect(store: JobStore, job_id: int, measure: bool = True) -> tuple[JobSpec, list[ReportItem]]:
    """The job's items with thumbnails, figures and flags (``measure``: VGG distances too)."""
    from studio.images import read_image
    from studio.pipeline import load_style_images

    spec = store.spec(job_id)
    distances = _Distances(load_style_images(list(spec.style_images))) if measure else None
    items = []
    for record in store.items(job_id):
        item = ReportItem(record.input, record.output, record.status, record.reason or "")
        try:
            original = read_image(record.input)
            item.before = _thumbnail(original.rgb, original.alpha)
        except Exception as exc:  # noqa: BLE001 - a failed item's input may be unreadable
            original = None
            item.reason = item.reason or translate("report", "input unreadable: {error}").format(error=exc)
        if record.status == DONE and original is not None:
            info = record.info
            item.figures = {key: info[key] for key in ("colour_delta_e", "texture_change", "mask", "people")
                            if key in info}
            item.flags = flags_for(info, spec)
            try:
                written = read_image(record.output)
            except Exception as exc:  # noqa: BLE001 - moved or deleted since: say so
                item.flags.append(translate("report", "output missing or unreadable: {error}").format(error=exc))
            else:
                item.after = _thumbnail(written.rgb, written.alpha)
                after = written.rgb
                if tuple(after.shape) == tuple(original.rgb.shape):
                    item.figures["background_kept"] = _background_kept(original.rgb, after, info)
                    if distances is not None:
                        item.figures.update({k: round(v, 4) for k, v in distances(original.rgb, after).items()})
        elif record.status == FAILED:
            item.flags = [translate("report", "failed")]
        items.append(item)
    return spec, items


def _background_kept(before: torch.Tensor, after: torch.Tensor, info: dict[str, Any]) -> float | None:
    """Share of the background left as photographed, or None when the whole frame was meant
    to be styled (no mask, or background "style")."""
    from studio.masks import find_product_mask

    if info.get("background") != "keep" or info.get("mask") in (None, "none"):
        return None
    small_b = _shrink(before)
    mask = find_product_mask(small_b).mask
    if mask is None:
        return None
    background = mask < 0.02
    if not bool(background.any()):
        return None
    moved = (_shrink(after) - small_b).abs().amax(dim=0)
    return round(float((moved[background] <= KEPT_TOLERANCE + 2 / 255).float().mean()), 4)


def _shrink(rgb: torch.Tensor) -> torch.Tensor:
    from studio.images import resize_long_edge

    return resize_long_edge(rgb, 384)


def read_rejections(path: str | Path) -> tuple[list[str], str]:
    """The rejected images of a report's rejections file and the folder that was reviewed;
    :class:`UsageError` when the file is not one, or lists no image that still exists."""
    from studio.errors import UsageError

    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise UsageError(translate("report", "--redo-from: cannot read {path}: {error}").format(
            path=path, error=exc.strerror)) from None
    except ValueError:
        raise UsageError(translate("report", "--redo-from: {path} is not a rejections file (not JSON)").format(
            path=path)) from None
    if not isinstance(data, dict) or data.get("report_version") != 1 or not isinstance(data.get("rejected"), list):
        raise UsageError(translate("report", "--redo-from: {path} is not a review report's rejections file").format(
            path=path))
    inputs = [str(r.get("input")) for r in data["rejected"] if isinstance(r, dict) and r.get("input")]
    if not inputs:
        raise UsageError(translate("report", "--redo-from: {path} rejects no image; tick 'reject' on some in the "
                                   "report first").format(path=path))
    missing = [p for p in inputs if not Path(p).is_file()]
    if missing:
        raise UsageError(translate("report", "--redo-from: {count} rejected image(s) no longer exist, e.g. "
                                   "{path}").format(count=len(missing), path=missing[0]))
    return inputs, str(data.get("output") or Path(inputs[0]).parent)


def write_report(store: JobStore, job_id: int, measure: bool = True) -> Path:
    """Write ``report.html`` into the job's output folder; returns its path."""
    spec, items = collect(store, job_id, measure)
    folder = Path(spec.output)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / REPORT_NAME
    page = render(spec, store.spec(job_id).key(), items)
    write_atomically(path, lambda tmp: tmp.write_text(page, encoding="utf-8"))
    return path


def _figure(value: Any) -> str:
    """A figure as people read it: three significant digits (distances span 1e2 to 1e7)."""
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.3g}" if abs(value) < 1e4 else f"{value:.2e}"
    return html.escape(str(value))


def _img(alt: str, url: str) -> str:
    """A thumbnail; a cut-out (PNG) over a checkerboard so its transparency shows."""
    checker = ' class="checker"' if url.startswith("data:image/png") else ""
    return f'<img alt="{html.escape(alt)}"{checker} src="{url}">'


def render(spec: JobSpec, job_key: str, items: list[ReportItem]) -> str:
    """The report page (HTML, self-contained), in the interface language; its data (classes,
    data attributes, the rejections file's keys) stays as the code names it."""
    from studio.masks import ALPHA, DETECTED, NONE, SEGMENTED

    counts = {"done": sum(i.status == DONE for i in items), "failed": sum(i.status == FAILED for i in items),
              "skipped": sum(i.status not in (DONE, FAILED) for i in items)}
    flagged = sum(bool(i.flags) for i in items)
    delta = [i.figures["colour_delta_e"] for i in items if "colour_delta_e" in i.figures]
    mean_delta = sum(delta) / len(delta) if delta else None
    colours = (translate("report", "kept (--preserve-colors)") if spec.preserve_colors
               else translate("report", "not kept: the style recolours products (use --preserve-colors)"))
    style_column = (translate("report", "style distance") if spec.style_images
                    else translate("report", "style change"))
    statuses = {DONE: translate("report", "done"), FAILED: translate("report", "failed"),
                SKIPPED: translate("report", "skipped"), PENDING: translate("report", "pending")}
    masks = {ALPHA: translate("report", "alpha"), DETECTED: translate("report", "detected"),
             SEGMENTED: translate("report", "segmented"), NONE: translate("report", "none")}
    unreadable, reject = html.escape(translate("report", "unreadable")), html.escape(translate("report", "reject"))
    rows = []
    for n, item in enumerate(items):
        f = item.figures
        status = html.escape(statuses.get(item.status, item.status))
        flags = "".join(f"<li>{html.escape(flag)}</li>" for flag in item.flags)
        after = (_img(translate("report", "after"), item.after) if item.after
                 else f'<div class="none">{html.escape(item.reason) if item.reason else status}</div>')
        before = (_img(translate("report", "before"), item.before) if item.before
                  else f'<div class="none">{unreadable}</div>')
        style_value = f.get("style_distance", f.get("style_change"))
        kept = f.get("background_kept")
        mask = masks.get(f.get("mask"), f.get("mask"))
        rows.append(f'''<tr class="item{' flagged' if item.flags else ''}" data-index="{n}" data-status="{item.status}"
  data-input="{html.escape(item.input)}" data-output="{html.escape(item.output)}"
  data-flags="{html.escape('; '.join(item.flags))}">
 <td class="name">{html.escape(Path(item.input).name)}<br><span class="status {item.status}">{status}</span></td>
 <td class="thumb">{before}</td><td class="thumb">{after}</td>
 <td class="num">{_figure(style_value)}</td><td class="num">{_figure(f.get("content_distance"))}</td>
 <td class="num">{'–' if kept is None else f"{kept:.0%}"}</td><td class="num">{_figure(f.get("colour_delta_e"))}</td>
 <td class="num">{_figure(f.get("texture_change"))}</td><td>{_figure(mask)}</td>
 <td title="{html.escape(item.reason)}"><ul class="flags">{flags}</ul></td>
 <td><label><input type="checkbox" class="reject"> {reject}</label></td></tr>''')
    meta = {"job_key": job_key, "style": spec.style, "output": spec.output, "params": dict(spec.params),
            "preserve_colors": spec.preserve_colors, "background": spec.background}
    # What the page's script shows, read by it from a JSON object (its keys are the script's).
    script_texts = {"rejected": translate("report", "{count} rejected")}
    texts = {
        "count_total": translate("report", "{count} images").format(count=len(items)),
        "count_done": translate("report", "{count} styled").format(count=counts["done"]),
        "count_skipped": translate("report", "{count} skipped").format(count=counts["skipped"]),
        "count_failed": translate("report", "{count} failed").format(count=counts["failed"]),
        "count_flagged": translate("report", "{count} to review").format(count=flagged),
        "colours": translate("report", "Colours: {colours}; mean ΔE00 inside the products {mean_delta}").format(
            colours=colours, mean_delta="–" if mean_delta is None else f"{mean_delta:.1f}"),
        "made": translate("report", "Made {when}").format(when=time.strftime("%Y-%m-%d %H:%M")),
        "only_flagged": translate("report", "Show only the images to review"),
        "save": translate("report", "Save rejections ({file})").format(file=REJECTIONS_NAME),
        "rejected": script_texts["rejected"].format(count=0),
        "image": translate("report", "Image"), "before": translate("report", "Before"),
        "after": translate("report", "After"), "style_column": style_column,
        "style_tip": translate("report", "Gram-matrix distance (VGG-19, 5 layers)"),
        "content": translate("report", "content distance"),
        "content_tip": translate("report", "VGG-19 relu4_2 distance from the photo"),
        "kept": translate("report", "background kept"), "delta_e": translate("report", "colour ΔE00"),
        "delta_e_tip": translate("report", "mean CIEDE2000 inside the product"),
        "texture": translate("report", "texture"),
        "texture_tip": translate("report", "mean change of the fine lightness texture inside the product (below "
                                 "{low}: barely styled)").format(low=LOW_TEXTURE),
        "mask": translate("report", "mask"), "review": translate("report", "to review"),
        "decision": translate("report", "decision"),
    }
    return _PAGE.format(
        lang=current_language().replace("_", "-"),
        title=html.escape(translate("report", "Review: {style} → {folder}").format(
            style=spec.style, folder=Path(spec.output).name)),
        style=translate("report", "Style <b>{style}</b>").format(style=html.escape(spec.style)),
        output=translate("report", "Output <code>{output}</code>").format(output=html.escape(spec.output)),
        done=counts["done"], failed=counts["failed"], skipped=counts["skipped"], total=len(items), flagged=flagged,
        rows="\n".join(rows), meta=html.escape(json.dumps(meta), quote=True), rejections=REJECTIONS_NAME,
        script_texts=json.dumps(script_texts).replace("</", "<\\/"), failed_class="bad" if counts["failed"] else "",
        **{key: html.escape(text) for key, text in texts.items()})


_PAGE = """<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body {{ font: 14px/1.4 system-ui, sans-serif; margin: 16px; color: #222; }}
h1 {{ font-size: 20px; margin: 0 0 4px; }}
.summary span {{ margin-right: 14px; }}
.summary .bad {{ color: #b00020; font-weight: bold; }}
table {{ border-collapse: collapse; margin-top: 12px; }}
th, td {{ border-bottom: 1px solid #ddd; padding: 6px; vertical-align: middle; text-align: left; }}
th {{ background: #f4f4f4; position: sticky; top: 0; }}
td.num {{ text-align: right; font-variant-numeric: tabular-nums; }}
td.thumb img {{ max-width: 200px; max-height: 200px; display: block; }}
.checker {{ background: repeating-conic-gradient(#ccc 0 25%, #fff 0 50%) 0 0 / 16px 16px; }}
tr.flagged td.name {{ border-left: 4px solid #e67e22; }}
ul.flags {{ margin: 0; padding-left: 16px; color: #a04000; }}
.status.failed {{ color: #b00020; font-weight: bold; }}
.none {{ width: 160px; color: #b00020; background: #fff; padding: 8px; }}
body.only-flagged tr.item:not(.flagged) {{ display: none; }}
.tools {{ margin-top: 10px; }}
pre#rejections-json {{ background: #f8f8f8; padding: 8px; max-width: 900px; white-space: pre-wrap; }}
</style></head>
<body>
<h1>{title}</h1>
<div class="summary" id="summary" data-meta="{meta}">
 <span>{style}</span><span>{output}</span><span>{made}</span><br>
 <span id="count-total" data-count="{total}">{count_total}</span>
 <span id="count-done" data-count="{done}">{count_done}</span>
 <span id="count-skipped" data-count="{skipped}">{count_skipped}</span>
 <span id="count-failed" data-count="{failed}" class="{failed_class}">{count_failed}</span>
 <span id="count-flagged" data-count="{flagged}" class="bad">{count_flagged}</span><br>
 <span>{colours}</span>
</div>
<div class="tools">
 <label><input type="checkbox" id="flagged-only"> {only_flagged}</label>
 <button id="save-rejections">{save}</button>
 <span id="rejected-count" data-count="0">{rejected}</span>
</div>
<table id="items">
<thead><tr><th>{image}</th><th>{before}</th><th>{after}</th><th title="{style_tip}">{style_column}</th>
<th title="{content_tip}">{content}</th><th>{kept}</th>
<th title="{delta_e_tip}">{delta_e}</th><th title="{texture_tip}">{texture}</th>
<th>{mask}</th><th>{review}</th><th>{decision}</th></tr></thead>
<tbody>
{rows}
</tbody></table>
<pre id="rejections-json"></pre>
<script>
(function () {{
  var text = {script_texts};
  var body = document.body;
  document.getElementById("flagged-only").addEventListener("change", function (e) {{
    body.classList.toggle("only-flagged", e.target.checked);
  }});
  function rejections() {{
    var meta = JSON.parse(document.getElementById("summary").dataset.meta);
    var rows = Array.prototype.slice.call(document.querySelectorAll("tr.item"));
    var rejected = rows.filter(function (r) {{ return r.querySelector("input.reject").checked; }})
      .map(function (r) {{ return {{input: r.dataset.input, output: r.dataset.output, flags: r.dataset.flags}}; }});
    return {{report_version: 1, job_key: meta.job_key, style: meta.style, output: meta.output,
            params: meta.params, rejected: rejected}};
  }}
  window.studioRejections = rejections;
  document.querySelectorAll("input.reject").forEach(function (box) {{
    box.addEventListener("change", function () {{
      var n = rejections().rejected.length;
      var shown = document.getElementById("rejected-count");
      shown.textContent = text.rejected.replace("{{count}}", n); shown.dataset.count = n;
    }});
  }});
  document.getElementById("save-rejections").addEventListener("click", function () {{
    var text = JSON.stringify(rejections(), null, 2);
    document.getElementById("rejections-json").textContent = text;
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], {{type: "application/json"}}));
    link.download = "{rejections}";
    document.body.appendChild(link); link.click(); link.remove();
  }});
}})();
</script>
</body></html>
"""
