"""Checkpoints as safetensors + JSON: model and optimizer tensors, step, config, RNG state.

Never pickle: optimizer state dicts are flattened into named tensors, their non-tensor parts
(hyper-parameters, the step counters as plain numbers) go to the JSON next to them. Writes are
atomic (temporary file + rename), so an interrupted save leaves the previous checkpoint intact.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import torch
from safetensors.torch import load_file, save_file

from studio.atomic import write_atomically
from studio.errors import ModelFileError
from studio.i18n import translate

WEIGHTS, META = "checkpoint.safetensors", "checkpoint.json"


def _flatten_optimizer(prefix: str, state: dict[str, Any], tensors: dict[str, torch.Tensor]) -> dict[str, Any]:
    meta: dict[str, Any] = {"param_groups": state["param_groups"], "scalars": {}}
    for index, entry in state["state"].items():
        for key, value in entry.items():
            name = f"{prefix}.{index}.{key}"
            if isinstance(value, torch.Tensor):
                tensors[name] = value.detach().cpu().contiguous()
            else:
                meta["scalars"][name] = value
    return meta


def _unflatten_optimizer(prefix: str, meta: dict[str, Any], tensors: dict[str, torch.Tensor]) -> dict[str, Any]:
    state: dict[int, dict[str, Any]] = {}
    for name, value in list(tensors.items()) + list(meta["scalars"].items()):
        if name.startswith(prefix + "."):
            _, index, key = name.split(".", 2)
            state.setdefault(int(index), {})[key] = value
    return {"state": state, "param_groups": meta["param_groups"]}


def save_checkpoint(folder: Path, modules: dict[str, torch.nn.Module], optimizers: dict[str, torch.optim.Optimizer],
                    rng: torch.Generator, meta: dict[str, Any]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    tensors: dict[str, torch.Tensor] = {"rng": rng.get_state()}
    for name, module in modules.items():
        tensors.update({f"{name}.{k}": v.detach().cpu().contiguous() for k, v in module.state_dict().items()})
    meta = {**meta, "optimizers": {name: _flatten_optimizer(f"opt_{name}", opt.state_dict(), tensors)
                                   for name, opt in optimizers.items()}}
    # Weights first, then the JSON that names the step: a crash in between resumes one
    # checkpoint late at worst, never from mismatched halves (the JSON carries the step).
    write_atomically(folder / WEIGHTS, lambda p: save_file(tensors, str(p)))
    write_atomically(folder / META, lambda p: p.write_text(json.dumps(meta, indent=2)))


def load_checkpoint(folder: Path, modules: dict[str, torch.nn.Module], optimizers: dict[str, torch.optim.Optimizer],
                    rng: torch.Generator) -> dict[str, Any]:
    try:
        meta = json.loads((folder / META).read_text())
        tensors = load_file(str(folder / WEIGHTS))
    except (OSError, ValueError) as exc:
        raise ModelFileError(translate("training", "cannot read the checkpoint in {folder}: {error}").format(
            folder=folder, error=exc)) from None
    for name, module in modules.items():
        prefix = f"{name}."
        module.load_state_dict({k[len(prefix):]: v for k, v in tensors.items() if k.startswith(prefix)})
    for name, opt in optimizers.items():
        opt.load_state_dict(_unflatten_optimizer(f"opt_{name}", meta["optimizers"][name], tensors))
    rng.set_state(tensors["rng"])
    return meta
