#!/usr/bin/python3
"""Why jsc-tiny loses a class on some seeds: looks inside the trained networks.

jsc-tiny is BatchNorm(16), ReLU, Linear(16, 5), ReLU: the class scores pass through a ReLU. An
output unit whose pre-activation is negative for every jet outputs 0 whatever the input, its
ReLU passes no gradient back, so it can never recover, and its class is predicted only where
every other score is 0 too. This script trains jsc-tiny over several seeds with
`sweeplab-cli run`, loads each trial's weights (last.state_dict.pt) with PyTorch, and measures on
the validation rows (dumped by `sweeplab-bench --dump-splits`, the very rows Sweeplab validated
on) for each output unit: the share of jets where its pre-activation is positive, and its class's
recall. A dead class shows as recall near 0 with its unit active on (almost) no jet.

  tests/perf/dead_class_probe.py --build build [--seeds 5] [--epochs 20] [--samples 830000]
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile

import numpy
import torch

EXPERIMENT = """\
name: dead_class_probe
dataset:
  source: synthetic-jsc
  samples: {samples}
model: jsc-tiny
training:
  batch_size: 256
  max_epochs: {epochs}
  learning_rate: 0.001
repeats: {seeds}
parallel_trials: 0
"""


def run(command):
    out = subprocess.run(command, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{out.stderr}")
    return out.stdout


def load_split(folder, name):
    x = numpy.fromfile(os.path.join(folder, f"{name}_x.f32"), dtype="<f4").reshape(-1, 16)
    y = numpy.fromfile(os.path.join(folder, f"{name}_y.i64"), dtype="<i8")
    return torch.from_numpy(x), torch.from_numpy(y)


def pre_activations(state, x):
    """The output layer's inputs to its final ReLU, in evaluation mode (running statistics)."""
    bn = torch.nn.BatchNorm1d(16)
    linear = torch.nn.Linear(16, 5)
    bn.load_state_dict({k.split(".", 2)[2]: v for k, v in state.items()
                        if k.startswith("seq_blocks.0.")})
    linear.load_state_dict({k.split(".", 2)[2]: v for k, v in state.items()
                            if k.startswith("seq_blocks.2.")})
    bn.eval()
    with torch.no_grad():
        return linear(torch.relu(bn(x)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default="build")
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--samples", type=int, default=830000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        experiment = os.path.join(work, "probe.yaml")
        with open(experiment, "w") as handle:
            handle.write(EXPERIMENT.format(samples=args.samples, epochs=args.epochs,
                                           seeds=args.seeds))
        stdout = run([os.path.join(args.build, "app", "sweeplab-cli"), "run", experiment,
                      "--out", os.path.join(work, "runs"), "--store", "none", "--quiet"])
        folder = next(line.split(": ", 1)[1] for line in stdout.splitlines()
                      if line.startswith("Run folder: "))
        splits = os.path.join(work, "splits")
        run([os.path.join(args.build, "tests", "perf", "sweeplab-bench"), "--samples",
             str(args.samples), "--dump-splits", splits])
        x, y = load_split(splits, "val")
        with open(os.path.join(folder, "summary.json")) as handle:
            summary = json.load(handle)
        names = summary.get("class_names") or [str(c) for c in range(5)]
        print(f"jsc-tiny, batch 256, lr 1e-3, {args.epochs} epochs; validation rows: {len(y)}")
        print("seed  test acc  diagnostic      " +
              "  ".join(f"{n:>5s} recall / unit active" for n in names))
        for trial in summary["trials"]:
            state = torch.load(os.path.join(folder, trial["folder"], "last.state_dict.pt"))
            z = pre_activations(state, x)
            predicted = torch.relu(z).argmax(1)
            cells = []
            for c in range(len(names)):
                rows = y == c
                recall = (predicted[rows] == c).float().mean().item()
                active = (z[:, c] > 0).float().mean().item()
                cells.append(f"{100 * recall:5.1f} % / {100 * active:5.1f} %      ")
            dead = ", ".join(names[c] for c in trial.get("dead_classes", [])) or "-"
            print(f"{trial['seed']:4d}  {100 * trial['test_acc']:7.2f}  {dead:14s}  " +
                  "  ".join(cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
