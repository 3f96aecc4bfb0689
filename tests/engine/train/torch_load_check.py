"""Loads a Sweeplab state-dict file the way a MASE user would and reports what it found.

usage: torch_load_check.py STATE_DICT IO_FILE MODEL

STATE_DICT is read with torch.load and loaded with strict=True into MASE's network MODEL (the
classes below follow MASE's jet_substructure models: the layers sit in an nn.Sequential named
seq_blocks). IO_FILE holds {"input": x, "output": y}, the engine's forward pass in eval mode.
Prints one JSON object: the keys in file order, each tensor's shape, dtype and values, and the
largest difference between MASE's forward pass and the engine's.
"""
import json
import sys

import torch
from torch import nn


def jsc_toy():
    return nn.Sequential(
        nn.BatchNorm1d(16), nn.ReLU(), nn.Linear(16, 8),
        nn.BatchNorm1d(8), nn.ReLU(), nn.Linear(8, 8),
        nn.BatchNorm1d(8), nn.ReLU(), nn.Linear(8, 5),
        nn.BatchNorm1d(5), nn.ReLU())


def jsc_tiny():
    return nn.Sequential(nn.BatchNorm1d(16), nn.ReLU(), nn.Linear(16, 5), nn.ReLU())


def jsc_s():
    return nn.Sequential(
        nn.BatchNorm1d(16), nn.ReLU(), nn.Linear(16, 64), nn.BatchNorm1d(64), nn.ReLU(),
        nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 32), nn.ReLU(), nn.Linear(32, 32), nn.ReLU(),
        nn.Linear(32, 5), nn.BatchNorm1d(5), nn.ReLU())


def jsc_tiny_x10():
    return nn.Sequential(
        nn.BatchNorm1d(16), nn.ReLU(), nn.Linear(16, 40),
        nn.BatchNorm1d(40), nn.ReLU(), nn.Linear(40, 25),
        nn.BatchNorm1d(25), nn.ReLU(), nn.Linear(25, 5))


class MaseNetwork(nn.Module):
    def __init__(self, layers):
        super().__init__()
        self.seq_blocks = layers

    def forward(self, x):
        return self.seq_blocks(x)


NETWORKS = {"jsc-toy": jsc_toy, "jsc-tiny": jsc_tiny, "jsc-s": jsc_s, "jsc-tiny-x10": jsc_tiny_x10}


def main():
    state_path, io_path, model_name = sys.argv[1:4]
    state = torch.load(state_path)
    if not isinstance(state, dict):
        raise SystemExit(f"{state_path}: torch.load gave {type(state).__name__}, not a dict")
    network = MaseNetwork(NETWORKS[model_name]())
    network.load_state_dict(state, strict=True)
    network.eval()
    io = torch.load(io_path)
    with torch.no_grad():
        difference = (network(io["input"]) - io["output"]).abs().max().item()
    report = {
        "keys": list(state.keys()),
        "tensors": {key: {"shape": list(t.shape), "dtype": str(t.dtype),
                          "values": t.flatten().tolist()} for key, t in state.items()},
        "forward_max_difference": difference,
    }
    print(json.dumps(report))


if __name__ == "__main__":
    main()
