"""Makes tiny_extractor.pt, the TorchScript feature model of the torchscript plugin's tests.

Run with Debian's python3-torch (apt-get install python3-torch):
    /usr/bin/python3 make_tiny_torchscript.py
The model pools a (N, 3, S, S) batch to 4x4, flattens it to 48 values and maps them
linearly to 8 features; its weights are fixed by the seed, so the file is the same on
every run of the same torch version.
"""
import os

import torch


class TinyExtractor(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.linear = torch.nn.Linear(48, 8)

    def forward(self, images):
        pooled = torch.nn.functional.adaptive_avg_pool2d(images, (4, 4))
        return self.linear(pooled.flatten(1))


def main():
    torch.manual_seed(20190628)
    model = TinyExtractor().eval()
    traced = torch.jit.trace(model, torch.zeros(2, 3, 32, 32))
    traced.save("tiny_extractor.pt")
    print(traced(torch.zeros(1, 3, 32, 32)).shape)


if __name__ == "__main__":
    os.chdir(os.path.dirname(os.path.abspath(__file__)))
    main()
