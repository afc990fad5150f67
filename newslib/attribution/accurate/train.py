"""Train the accurate engine from a gold JSONL file (needs the ``train`` extra: torch; never in CI).

    python -m newslib.attribution.accurate.train GOLD.jsonl newslib/models/accurate-minilm

Fine-tunes the first ``layers`` transformer layers of all-MiniLM-L6-v2 (input embeddings frozen:
they are read from the pinned wheel at detection time) with a linear output layer over the
encoder's first-piece vectors plus a few context features, and a linear-chain CRF on top, on the
shared tag scheme (:data:`newslib.attribution.scheme.LABELS`). It writes, beside OUT:

- ``OUT-encoder.onnx``: the fine-tuned layers, exported and quantised to int8 (dynamic);
- ``OUT.npz``: the output layer and CRF transitions, for the numpy head;
- ``OUT.json``: training data (file, sha256, counts), settings, seed, version, file hashes.

Deterministic: seeded, single-process data order, fixed thread count; the same data and seed
give the same weights.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

VERSION = "2026.11.1"
SETTINGS: dict[str, Any] = {
    "layers": 4,
    "frozen_layers": 2,
    "max_pieces": 126,
    "epochs": 3,
    "batch_windows": 16,
    "lr_encoder": 1e-4,
    "lr_head": 2e-3,
    "warmup": 0.06,
    "weight_decay": 0.01,
    "dropout": 0.1,
    "threads": 2,
    "extra_repeat": 3,
    "quantization": "onnxruntime transformer fusion (Attention, SkipLayerNorm, BiasGelu), then dynamic int8",
}


def _torch():
    try:
        import torch
    except ImportError as exc:  # pragma: no cover
        raise SystemExit(
            "training needs the `train` extra: pip install -e '.[train]' and "
            "pip install --no-deps --require-hashes -r requirements-accurate.txt"
        ) from exc
    return torch


def build_modules(torch, n_layers: int, n_feat: int, n_labels: int, dropout: float, first_layer: int = 0):
    nn = torch.nn
    F = torch.nn.functional
    Module: Any = nn.Module  # torch is imported at run time (the train extra): a base class mypy cannot see

    class Layer(Module):
        def __init__(self, d: int = 384, h: int = 12, ff: int = 1536) -> None:
            super().__init__()
            self.h, self.dh = h, d // h
            self.q, self.k, self.v, self.o = (nn.Linear(d, d) for _ in range(4))
            self.ln1 = nn.LayerNorm(d, eps=1e-12)
            self.fi = nn.Linear(d, ff)
            self.fo = nn.Linear(ff, d)
            self.ln2 = nn.LayerNorm(d, eps=1e-12)
            self.drop = nn.Dropout(dropout)

        def forward(self, x, bias):
            b, t, d = x.shape
            q = self.q(x).view(b, t, self.h, self.dh).transpose(1, 2)
            k = self.k(x).view(b, t, self.h, self.dh).transpose(1, 2)
            v = self.v(x).view(b, t, self.h, self.dh).transpose(1, 2)
            att = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(self.dh) + bias
            att = self.drop(torch.softmax(att, dim=-1))
            ctx = torch.matmul(att, v).transpose(1, 2).reshape(b, t, d)
            x = self.ln1(x + self.drop(self.o(ctx)))
            return self.ln2(x + self.drop(self.fo(F.gelu(self.fi(x)))))

    class Encoder(Module):
        def __init__(self) -> None:
            super().__init__()
            self.first = first_layer
            self.layers = nn.ModuleList(Layer() for _ in range(n_layers))

        def forward(self, emb, mask):
            bias = (1.0 - mask[:, None, None, :].to(emb.dtype)) * -10000.0
            x = emb
            for lay in self.layers:
                x = lay(x, bias)
            return x

    class Head(Module):
        def __init__(self) -> None:
            super().__init__()
            self.drop = nn.Dropout(dropout)
            self.out = nn.Linear(384 + n_feat, n_labels)
            self.trans = nn.Parameter(torch.zeros(n_labels, n_labels))

    return Encoder(), Head()


def allowed_transitions(labels: tuple[str, ...]) -> np.ndarray:
    """(from, to) 1 where the tag scheme allows it: I-X only after B-X or I-X."""
    n = len(labels)
    ok = np.ones((n, n), dtype=np.float32)
    for a, la in enumerate(labels):
        for b, lb in enumerate(labels):
            if lb.startswith("I-") and la[2:] != lb[2:]:
                ok[a, b] = 0.0
    return ok


def crf_nll(torch, em, tags, mask, trans):
    """Mean negative log-likelihood of a batch: em (B,N,L), tags (B,N), mask (B,N) bool."""
    b, n, _ = em.shape
    ar = torch.arange(b)
    score = em[ar, 0, tags[:, 0]]
    alpha = em[:, 0]
    for i in range(1, n):
        m = mask[:, i]
        score = score + torch.where(m, trans[tags[:, i - 1], tags[:, i]] + em[ar, i, tags[:, i]], 0.0)
        nxt = torch.logsumexp(alpha[:, :, None] + trans[None] + em[:, i, None, :], dim=1)
        alpha = torch.where(m[:, None], nxt, alpha)
    return (torch.logsumexp(alpha, dim=1) - score).mean()


def prepare_examples(gold_path: Path, pieces, max_pieces: int):
    """Windows with features and gold labels of every article in the gold file."""
    from ...text import text_layer
    from ..scheme import LABELS, gold_spans, prepare, spans_to_labels
    from ..training import read_training_data
    from .encoder import windows
    from .tokenfeats import token_features

    golds, articles = read_training_data(gold_path)
    lab_id = {lab: i for i, lab in enumerate(LABELS)}
    out = []
    n_tok = 0
    for art, g in zip(articles, golds, strict=True):
        an = text_layer(art)
        prep = prepare(an)
        if not prep.tokens:
            continue
        y = np.asarray([lab_id[x] for x in spans_to_labels(prep, gold_spans(g))], dtype=np.int64)
        feats = token_features(an.text, prep)
        for w in windows(an.text, prep, pieces, max_pieces):
            out.append((w.ids, w.first, feats[w.lo : w.hi], y[w.lo : w.hi]))
        n_tok += len(prep.tokens)
    return out, len(articles), sum(len(g["attributions"]) for g in golds), n_tok


def _collate(torch, exs, cache):
    t = max(len(e[0]) for e in exs)
    n = max(len(e[1]) for e in exs)
    hid = np.zeros((len(exs), t, 384), dtype=np.float32)
    mask = np.zeros((len(exs), t), dtype=np.int64)
    first = np.zeros((len(exs), n), dtype=np.int64)
    feats = np.zeros((len(exs), n, exs[0][2].shape[1]), dtype=np.float32)
    tags = np.zeros((len(exs), n), dtype=np.int64)
    tmask = np.zeros((len(exs), n), dtype=bool)
    for r, (i, f, x, y, k) in enumerate(exs):
        hid[r, : len(i)] = cache[k]
        mask[r, : len(i)] = 1
        first[r, : len(f)] = f
        feats[r, : len(f)] = x
        tags[r, : len(f)] = y
        tmask[r, : len(f)] = True
    return (
        torch.from_numpy(hid),
        torch.from_numpy(mask),
        torch.from_numpy(first),
        torch.from_numpy(feats),
        torch.from_numpy(tags),
        torch.from_numpy(tmask),
    )


def lower_cache(exs, onnx_path: Path, emb, threads: int, batch_windows: int = 32) -> list[np.ndarray]:
    """The frozen lower layers' output for every window (float16), run by onnxruntime as at detection."""
    import onnxruntime as ort

    from .encoder import Window, batch

    so = ort.SessionOptions()
    so.intra_op_num_threads = threads
    sess = ort.InferenceSession(str(onnx_path), so, providers=["CPUExecutionProvider"])
    order = sorted(range(len(exs)), key=lambda i: len(exs[i][0]))
    out: list[np.ndarray] = [np.zeros(0)] * len(exs)
    for k in range(0, len(order), batch_windows):
        idx = order[k : k + batch_windows]
        ids, mask = batch([Window(0, 0, exs[i][0], exs[i][1]) for i in idx])
        h = sess.run(None, {"embeddings": emb(ids), "mask": mask})[0]
        for r, i in enumerate(idx):
            out[i] = h[r, : len(exs[i][0])].astype(np.float16)
    return out


def load_encoder_weights(torch, enc, safetensors_file: Path) -> None:
    from safetensors import safe_open

    names = {
        "q": "attention.self.query",
        "k": "attention.self.key",
        "v": "attention.self.value",
        "o": "attention.output.dense",
        "ln1": "attention.output.LayerNorm",
        "fi": "intermediate.dense",
        "fo": "output.dense",
        "ln2": "output.LayerNorm",
    }
    with safe_open(str(safetensors_file), framework="np") as f:
        for li, lay in enumerate(enc.layers, start=enc.first):
            for short, long in names.items():
                mod = getattr(lay, short)
                mod.weight.data = torch.from_numpy(f.get_tensor(f"encoder.layer.{li}.{long}.weight").copy())
                mod.bias.data = torch.from_numpy(f.get_tensor(f"encoder.layer.{li}.{long}.bias").copy())


def export_onnx(torch, enc, path: Path, tmp_dir: Path) -> None:
    """Export the layers (inputs: embeddings, mask) and quantise them to int8."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    enc.eval()
    fp32 = tmp_dir / (path.name + ".fp32.onnx")
    dummy = (torch.zeros(2, 16, 384), torch.ones(2, 16, dtype=torch.int64))
    torch.onnx.export(
        enc,
        dummy,
        str(fp32),
        input_names=["embeddings", "mask"],
        output_names=["hidden"],
        dynamic_axes={k: {0: "b", 1: "t"} for k in ("embeddings", "mask", "hidden")},
        opset_version=17,
        dynamo=False,
    )
    import onnx
    from onnxruntime.transformers.optimizer import optimize_model

    fused = tmp_dir / (path.name + ".fused.onnx")
    optimize_model(str(fp32), model_type="bert", num_heads=12, hidden_size=384).save_model_to_file(str(fused))
    quantize_dynamic(
        str(fused), str(path), weight_type=QuantType.QInt8, extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT}
    )
    fp32.unlink()
    fused.unlink()


def train(
    gold_path: str | Path,
    out: str | Path,
    seed: int = 0,
    settings: dict[str, Any] | None = None,
    log=print,
    extra: Sequence[str | Path] = (),
) -> dict[str, Any]:
    """Train the engine on ``gold_path`` (and the ``extra`` gold files, each article repeated
    ``extra_repeat`` times: a few annotated web pages weigh little beside PolNeAR's 840 articles)
    and write its three files beside ``out`` (see the module docstring); returns the record
    written to ``OUT.json``, with the seconds it took."""
    torch = _torch()
    from ..training import data_record
    from .encoder import Embeddings, Pieces, verify_weights, weights_path

    st = dict(SETTINGS, **(settings or {}))
    t0 = time.time()
    torch.manual_seed(seed)
    torch.set_num_threads(st["threads"])
    rng = np.random.default_rng(seed)
    gold_path, out = Path(gold_path), Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    base = out.with_suffix("") if out.suffix in (".npz", ".onnx", ".json") else out
    wdir = weights_path()
    verify_weights(wdir)
    pieces = Pieces(wdir / "tokenizer.json")
    emb = Embeddings(wdir / "model.safetensors")
    exs, data = [], []
    for k, path in enumerate([gold_path, *map(Path, extra)]):
        ex, n_art, n_att, n_tok = prepare_examples(path, pieces, st["max_pieces"])
        repeat = st["extra_repeat"] if k else 1
        exs += ex * repeat
        data.append(data_record(path, repeat, articles=n_art, attributions=n_att, tokens=n_tok, windows=len(ex)))
        log(f"{path.name}: {len(ex)} windows, {n_tok} tokens, {n_art} articles, x{repeat} ({time.time() - t0:.0f}s)")
    exs = [(*e, k) for k, e in enumerate(exs)]
    nf = st["frozen_layers"]
    # 1. the frozen lower layers, exported exactly as they will run at detection, cache their output
    cache = _cache_lower_layers(torch, exs, emb, wdir, base, st)
    log(f"cached the lower {nf} layers ({time.time() - t0:.0f}s)")
    # 2. fine-tune the upper layers and the head on the cache
    enc, head, allowed = _fine_tune(torch, exs, cache, wdir, st, rng, t0, log)
    # 3. the whole encoder (frozen lower + fine-tuned upper layers) as one int8 ONNX file
    onnx_path, npz_path = _export_model(torch, enc, head, allowed, wdir, base, st)
    record = _record(data, st, seed, (onnx_path, npz_path))
    (base.parent / (base.name + ".json")).write_text(
        json.dumps(record, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    record["seconds"] = round(time.time() - t0, 1)
    return record


def _cache_lower_layers(torch, exs, emb, wdir: Path, base: Path, st: dict[str, Any]) -> list[np.ndarray]:
    """The frozen lower layers' output for every window (the input embeddings when none is frozen)."""
    from ..scheme import LABELS
    from .tokenfeats import FEATURES

    nf = st["frozen_layers"]
    if nf:
        low, _ = build_modules(torch, nf, len(FEATURES), len(LABELS), 0.0)
        load_encoder_weights(torch, low, wdir / "model.safetensors")
        low_path = base.parent / (base.name + "-lower.tmp.onnx")
        export_onnx(torch, low, low_path, base.parent)
        cache = lower_cache(exs, low_path, emb, st["threads"])
        low_path.unlink()
    else:  # every layer is fine-tuned: the cache is the input embeddings
        cache = [emb(e[0][None])[0].astype(np.float16) for e in exs]
    return cache


def _fine_tune(torch, exs, cache, wdir: Path, st: dict[str, Any], rng, t0: float, log):
    """Fine-tune the upper layers and the head on the cache; returns them (in eval mode) and the
    mask of the transitions the tag scheme allows."""
    from ..scheme import LABELS
    from .tokenfeats import FEATURES

    nf, nl = st["frozen_layers"], st["layers"]
    enc, head = build_modules(torch, nl - nf, len(FEATURES), len(LABELS), st["dropout"], first_layer=nf)
    load_encoder_weights(torch, enc, wdir / "model.safetensors")
    allowed = torch.from_numpy(allowed_transitions(LABELS))
    params = [
        {"params": list(enc.parameters()), "lr": st["lr_encoder"], "weight_decay": st["weight_decay"]},
        {"params": list(head.parameters()), "lr": st["lr_head"], "weight_decay": 0.0},
    ]
    opt = torch.optim.AdamW(params)
    order = sorted(range(len(exs)), key=lambda i: len(exs[i][0]))
    bw = st["batch_windows"]
    batches = [order[k : k + bw] for k in range(0, len(order), bw)]
    n_epochs = math.ceil(st["epochs"])
    total = int(len(batches) * st["epochs"])
    warm = max(1, int(total * st["warmup"]))

    def lr_factor(step: int) -> float:
        return step / warm if step < warm else max(0.0, (total - step) / max(1, total - warm))

    step = 0
    for ep in range(n_epochs):
        enc.train()
        head.train()
        perm = rng.permutation(len(batches))
        run_loss = 0.0
        for bi, b in enumerate(perm):
            if step >= total:
                break
            h, mask, first, feats, tags, tmask = _collate(torch, [exs[i] for i in batches[b]], cache)
            h = enc(h, mask)
            tok = torch.gather(h, 1, first[:, :, None].expand(-1, -1, h.shape[-1]))
            em = head.out(head.drop(torch.cat([tok, feats], dim=-1)))
            trans = head.trans * allowed + (1 - allowed) * -1e4
            loss = crf_nll(torch, em, tags, tmask, trans)
            for g, lr in zip(opt.param_groups, (st["lr_encoder"], st["lr_head"]), strict=True):
                g["lr"] = lr * lr_factor(step)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(list(enc.parameters()) + list(head.parameters()), 1.0)
            opt.step()
            step += 1
            run_loss += float(loss.detach())
            if (bi + 1) % 50 == 0:
                log(f"epoch {ep + 1} batch {bi + 1}/{len(batches)} loss {run_loss / 50:.3f} ({time.time() - t0:.0f}s)")
                run_loss = 0.0
    enc.eval()
    head.eval()
    return enc, head, allowed


def _export_model(torch, enc, head, allowed, wdir: Path, base: Path, st: dict[str, Any]) -> tuple[Path, Path]:
    """Write the whole encoder (frozen lower + fine-tuned upper layers) as one int8 ONNX file and the
    head (output layer, CRF transitions) as ``.npz``; returns both paths."""
    from ..scheme import LABELS
    from .tokenfeats import FEATURES

    nf, nl = st["frozen_layers"], st["layers"]
    full, _ = build_modules(torch, nl, len(FEATURES), len(LABELS), 0.0)
    load_encoder_weights(torch, full, wdir / "model.safetensors")
    for k, lay in enumerate(enc.layers):
        full.layers[nf + k].load_state_dict(lay.state_dict())
    onnx_path = base.parent / (base.name + "-encoder.onnx")
    npz_path = base.parent / (base.name + ".npz")
    export_onnx(torch, full, onnx_path, base.parent)
    trans = (head.trans * allowed + (1 - allowed) * -1e4).detach().numpy().astype(np.float32)
    np.savez(
        npz_path,
        out_w=head.out.weight.detach().numpy().T.astype(np.float32).copy(),
        out_b=head.out.bias.detach().numpy().astype(np.float32),
        trans=trans,
    )
    return onnx_path, npz_path


def _record(data: list[dict[str, Any]], st: dict[str, Any], seed: int, files: tuple[Path, ...]) -> dict[str, Any]:
    """The record of a training run written beside the model: the encoder, labels and features, the
    training data (one record a gold file), settings, seed and files."""
    from ..scheme import LABELS
    from .tokenfeats import FEATURES

    nf, nl = st["frozen_layers"], st["layers"]
    return {
        "version": VERSION,
        "engine": f"accurate/minilm{nl}-crf",
        "encoder": {
            "model": "sentence-transformers/all-MiniLM-L6-v2",
            "license": "Apache-2.0",
            "layers_used": nl,
            "layers_fine_tuned": nl - nf,
            "weights_sha256": dict(sorted(_weights_sha().items())),
        },
        "labels": list(LABELS),
        "features": list(FEATURES),
        "training_data": data,
        "settings": st,
        "seed": seed,
        "files": {
            p.name: {"sha256": hashlib.sha256(p.read_bytes()).hexdigest(), "bytes": p.stat().st_size} for p in files
        },
    }


def _weights_sha() -> dict[str, str]:
    from .encoder import WEIGHTS_SHA256

    return WEIGHTS_SHA256


def main(argv: list[str] | None = None) -> int:
    from ..training import parse_training_args

    a, over = parse_training_args(
        argv,
        "python -m newslib.attribution.accurate.train",
        __doc__,
        "output base, e.g. newslib/models/accurate-minilm",
        "epochs=1",
    )
    os.environ.setdefault("OMP_NUM_THREADS", str(over.get("threads", SETTINGS["threads"])))
    rec = train(a.gold, a.out, a.seed, over, log=lambda m: print(m, file=sys.stderr, flush=True), extra=a.extra)
    json.dump(rec, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
