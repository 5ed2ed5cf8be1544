"""Seed 000's DemoNetwork trained by PyTorch on one CPU thread: the peer of bench/cnn.ts.

    python3 demo_network.py <dir with X.npy, y.npy> <epochs timed>

X.npy holds the images as float32 [n, 784], y.npy the labels as int64 [n]. One warm-up
epoch, then the timed epochs, batch 64, Adam lr 5e-3, cross-entropy, shuffled each epoch,
exactly the seed notebook's network. Prints one JSON line: samples per second of wall time
and of the process's CPU time over the timed epochs.
"""
import json
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class DemoNetwork(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 16, 3, 1, 1)
        self.max1 = nn.MaxPool2d(2, 2, 0)
        self.conv2 = nn.Conv2d(16, 32, 3, 1, 0)
        self.max2 = nn.MaxPool2d(2, 2, 1)
        self.conv3 = nn.Conv2d(32, 8, 1, 1, 0)
        self.conv4 = nn.Conv2d(8, 4, 5, 1, 0)
        self.flatten = nn.Flatten()
        self.linear1 = nn.Linear(36, 10)

    def forward(self, inputs):
        x = self.max1(self.conv1(inputs))
        x = self.max2(self.conv2(x))
        x = self.conv4(self.conv3(x))
        return self.linear1(self.flatten(x))


def main():
    directory, epochs = sys.argv[1], int(sys.argv[2])
    torch.set_num_threads(1)
    torch.manual_seed(0)
    images = torch.from_numpy(np.load(f"{directory}/X.npy")).reshape(-1, 1, 28, 28)
    labels = torch.from_numpy(np.load(f"{directory}/y.npy"))
    n = images.shape[0]
    net = DemoNetwork()
    optimizer = torch.optim.Adam(net.parameters(), lr=5e-3)

    def epoch():
        order = torch.randperm(n)
        for start in range(0, n, 64):
            batch = order[start:start + 64]
            optimizer.zero_grad()
            loss = F.cross_entropy(net(images[batch]), labels[batch])
            loss.backward()
            optimizer.step()

    epoch()
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(epochs):
        epoch()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(json.dumps({"samplesPerSecond": epochs * n / wall, "cpuSamplesPerSecond": epochs * n / cpu,
                      "threads": torch.get_num_threads(), "torch": torch.__version__}))


if __name__ == "__main__":
    main()
