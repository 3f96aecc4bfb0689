#!/usr/bin/python3
"""Per-epoch training time of the JSC models in plain PyTorch, the baseline for sweeplab-bench.

Two loops over the same data, model, optimizer and loss:
  dataloader  DataLoader(TensorDataset(x, y), shuffle=True), the way MASE feeds Lightning
  resident    one torch.randperm + index_select per epoch, batches as slices of the copy
Prints one JSON object. Run with the system interpreter, which has Debian's python3-torch.

With --splits DIR it trains on the rows `sweeplab-bench --dump-splits DIR` wrote, and with
--accuracy it trains --epochs epochs under Sweeplab's cosine schedule and reports the validation
accuracy as Sweeplab computes it (macro average of per-class recall), for accuracy_parity.py.
"""

import argparse
import csv
import json
import math
import os
import platform
import statistics
import time

import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

FEATURES = 16
CLASSES = 5


def build_model(name):
    """The JSC networks of MASE's catalog, layer for layer as Sweeplab builds them."""
    if name == "jsc-tiny":
        layers = [nn.BatchNorm1d(16), nn.ReLU(), nn.Linear(16, 5), nn.ReLU()]
    elif name == "jsc-tiny-x10":
        layers = [nn.BatchNorm1d(16), nn.ReLU(), nn.Linear(16, 40), nn.BatchNorm1d(40), nn.ReLU(),
                  nn.Linear(40, 25), nn.BatchNorm1d(25), nn.ReLU(), nn.Linear(25, 5)]
    elif name == "jsc-s":
        layers = [nn.BatchNorm1d(16), nn.ReLU(), nn.Linear(16, 64), nn.BatchNorm1d(64), nn.ReLU(),
                  nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 32), nn.ReLU(),
                  nn.Linear(32, 32), nn.ReLU(), nn.Linear(32, 5), nn.BatchNorm1d(5), nn.ReLU()]
    else:
        raise SystemExit(f"unknown model {name!r} (allowed: jsc-tiny, jsc-tiny-x10, jsc-s)")
    return nn.Sequential(*layers)


def load_split(folder, name):
    """One split written by sweeplab-bench --dump-splits: raw little-endian float32 / int64."""
    import numpy
    with open(os.path.join(folder, "splits.json")) as handle:
        meta = json.load(handle)
    split = meta["splits"][name]
    x = numpy.fromfile(os.path.join(folder, split["x"]), dtype="<f4")
    y = numpy.fromfile(os.path.join(folder, split["y"]), dtype="<i8")
    if x.size != split["rows"] * meta["features"] or y.size != split["rows"]:
        raise SystemExit(f"{folder}: {name} files do not hold {split['rows']} rows of "
                         f"{meta['features']} features; dump them again")
    return (torch.from_numpy(x.reshape(split["rows"], meta["features"]).copy()),
            torch.from_numpy(y.copy()))


def load_data(args):
    if args.splits:
        return load_split(args.splits, "train")
    if args.csv:
        with open(args.csv, newline="") as handle:
            rows = list(csv.reader(handle))
        header, body = rows[0], rows[1:]
        label_index = header.index("class") if "class" in header else len(header) - 1
        names = sorted({row[label_index] for row in body})
        x = torch.tensor([[float(v) for i, v in enumerate(row) if i != label_index]
                          for row in body], dtype=torch.float32)
        y = torch.tensor([names.index(row[label_index]) for row in body], dtype=torch.long)
        x = (x - x.mean(0)) / x.std(0).clamp_min(1e-12)
        return x, y
    generator = torch.Generator().manual_seed(0)
    x = torch.randn(args.rows, FEATURES, generator=generator)
    y = torch.randint(0, CLASSES, (args.rows,), generator=generator)
    return x, y


def loaded_blas():
    """The BLAS shared object this process mapped (OpenBLAS or the slow reference libblas)."""
    try:
        with open("/proc/self/maps") as maps:
            paths = {line.split()[-1] for line in maps if "blas" in line.lower()}
    except OSError:
        return "unknown"
    libraries = sorted(p for p in paths if "blas" in os.path.basename(p) and ".so" in p)
    return ", ".join(os.path.realpath(p) for p in libraries) or "none"


def train_step(model, optimizer, loss_fn, xb, yb):
    optimizer.zero_grad()
    loss = loss_fn(model(xb), yb)
    loss.backward()
    optimizer.step()
    return loss


def train_batches(model, optimizer, loss_fn, batches, step_limit):
    """Trains on each batch (skipping 1-row tails, as batch norm cannot), at most step_limit."""
    steps = 0
    for xb, yb in batches:
        if len(yb) < 2:
            continue
        train_step(model, optimizer, loss_fn, xb, yb)
        steps += 1
        if step_limit and steps >= step_limit:
            break
    return steps


def dataloader_epoch(model, optimizer, loss_fn, x, y, batch, step_limit):
    loader = DataLoader(TensorDataset(x, y), batch_size=batch, shuffle=True)
    return train_batches(model, optimizer, loss_fn, loader, step_limit)


def resident_epoch(model, optimizer, loss_fn, x, y, batch, step_limit):
    order = torch.randperm(len(y))
    xs, ys = x.index_select(0, order), y.index_select(0, order)
    batches = ((xs[b:b + batch], ys[b:b + batch]) for b in range(0, len(y), batch))
    return train_batches(model, optimizer, loss_fn, batches, step_limit)


def cosine_lr(lr, eta_min, epoch, epochs):
    """Sweeplab's per-epoch cosine annealing (and PyTorch's CosineAnnealingLR, closed form)."""
    return eta_min + (lr - eta_min) * (1 + math.cos(math.pi * epoch / epochs)) / 2


def macro_accuracy(predicted, labels, classes):
    """Mean per-class recall over the classes present in the labels or the predictions, as
    torchmetrics' MulticlassAccuracy(average="macro") and Sweeplab's summaries compute it."""
    counts = torch.bincount(labels * classes + predicted, minlength=classes * classes)
    counts = counts.view(classes, classes).double()
    support, guessed = counts.sum(1), counts.sum(0)
    present = (support > 0) | (guessed > 0)
    recall = torch.where(support > 0, counts.diagonal() / support.clamp_min(1),
                         torch.zeros_like(support))
    return (recall[present].sum() / present.sum().clamp_min(1)).item()


def evaluate(model, loss_fn, x, y, classes):
    model.eval()
    with torch.no_grad():
        logits = torch.cat([model(x[i:i + 65536]) for i in range(0, len(y), 65536)])
    model.train()
    return macro_accuracy(logits.argmax(1), y, classes), loss_fn(logits, y).item()


def accuracy_run(args):
    """Trains --epochs epochs on the dumped train split and reports validation accuracy."""
    if not args.splits:
        raise SystemExit("--accuracy needs --splits DIR (from sweeplab-bench --dump-splits)")
    torch.manual_seed(args.seed)
    x, y = load_split(args.splits, "train")
    val_x, val_y = load_split(args.splits, "val")
    model = build_model(args.model)
    model.train()
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    loss_fn = nn.CrossEntropyLoss()
    epoch_fn = dataloader_epoch if args.loop == "dataloader" else resident_epoch
    history = []
    start = time.perf_counter()
    for epoch in range(args.epochs):
        for group in optimizer.param_groups:
            group["lr"] = cosine_lr(args.lr, args.eta_min, epoch, args.epochs)
        epoch_fn(model, optimizer, loss_fn, x, y, args.batch, 0)
        history.append(evaluate(model, loss_fn, val_x, val_y, CLASSES))
    print(json.dumps({
        "tool": "pytorch-" + args.loop, "model": args.model, "seed": args.seed,
        "batch": args.batch, "lr": args.lr, "epochs": args.epochs, "train_rows": len(y),
        "val_rows": len(val_y), "val_acc": history[-1][0], "val_loss": history[-1][1],
        "val_acc_per_epoch": [round(acc, 5) for acc, _ in history],
        "seconds": round(time.perf_counter() - start, 2), "threads": torch.get_num_threads(),
        "torch_version": torch.__version__,
    }))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="jsc-tiny")
    parser.add_argument("--batch", type=int, default=256)
    parser.add_argument("--epochs", type=int, default=3, help="timed epochs after one warm-up")
    parser.add_argument("--loop", choices=["dataloader", "resident"], default="dataloader")
    parser.add_argument("--rows", type=int, default=597600, help="training rows")
    parser.add_argument("--csv", help="read features and a class column instead of random data")
    parser.add_argument("--splits", help="train on the rows sweeplab-bench --dump-splits wrote")
    parser.add_argument("--accuracy", action="store_true",
                        help="train --epochs epochs with a cosine schedule, report val accuracy")
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--eta-min", type=float, default=1e-6, help="cosine schedule's end")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--max-steps", type=int, default=0,
                        help="time only this many steps per epoch and scale to a full epoch")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    if args.accuracy:
        accuracy_run(args)
        return
    torch.manual_seed(0)
    x, y = load_data(args)
    rows = len(y)
    model = build_model(args.model)
    model.train()
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    loss_fn = nn.CrossEntropyLoss()
    epoch_fn = dataloader_epoch if args.loop == "dataloader" else resident_epoch
    full_steps = sum(1 for begin in range(0, rows, args.batch) if rows - begin >= 2)
    step_limit = args.max_steps if 0 < args.max_steps < full_steps else 0

    epoch_seconds = []
    for epoch in range(args.epochs + 1):
        start = time.perf_counter()
        steps = epoch_fn(model, optimizer, loss_fn, x, y, args.batch, step_limit)
        seconds = time.perf_counter() - start
        if epoch > 0:  # the first epoch warms caches and the allocator
            epoch_seconds.append(seconds * full_steps / steps)

    median = statistics.median(epoch_seconds)
    print(json.dumps({
        "tool": "pytorch-" + args.loop,
        "model": args.model,
        "parameters": sum(p.numel() for p in model.parameters() if p.requires_grad),
        "batch": args.batch,
        "rows": rows,
        "steps_per_epoch": full_steps,
        "timed_steps_per_epoch": step_limit or full_steps,
        "scaled": bool(step_limit),
        "threads": torch.get_num_threads(),
        "epoch_seconds": [round(s, 4) for s in epoch_seconds],
        "median_epoch_seconds": round(median, 4),
        "ms_per_step": round(1000 * median / full_steps, 4),
        "torch_version": torch.__version__,
        "python_version": platform.python_version(),
        "blas": loaded_blas(),
    }))


if __name__ == "__main__":
    main()
