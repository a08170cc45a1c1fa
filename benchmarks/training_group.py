"""Transformer training steps on this machine's cores: one process with one thread, one process with two threads, and a
training group of two one-thread processes (`processes=2`: each takes half of every batch, gradients averaged); prints
seconds per step and the speed-up over one thread in one run.

    python benchmarks/training_group.py [--config v3] [--batch 8] [--steps 10]

Goal: on a 2-core CPU the group of two trains faster than two threads in one process (measured, quiet: 1.78 s one thread,
1.35 s two threads, 1.15 s the group: 1.55x one thread).
"""
import argparse, os, tempfile, time
from functools import partial
from pathlib import Path
import torch
from dreamrunner.toymodel import build_toy_pipeline, in_processes, process_group, train_transformer
from dreamrunner.toymodel2 import config_grid, story_scene, story_slots, toy_config

def timed_steps(config:str, batch:int, steps:int, out:str):
    "Seconds per transformer step (after two warm-up steps) with random latents, trained in `out` (the group's), written to `out/s` by rank 0."
    rank, size = process_group()
    cfg = toy_config(config); pipe = build_toy_pipeline(cfg, 0); grid = config_grid(cfg)
    share = batch // size
    f = pipe.vae_scale_factor_spatial
    lat = torch.randn(share, grid.latent_frames, cfg.latent_channels, cfg.height // f, cfg.width // f)
    slots = [story_slots(story_scene(rank * share + i), grid) for i in range(share)]
    to = lambda n: train_transformer(pipe, n, out, batch=batch, cfg=cfg, progress=False, batches=lambda rng: (lat, slots), checkpoint_every=10**9)
    to(2)   # warm up (and write the checkpoint the timed steps resume from)
    t = time.perf_counter(); to(2 + steps); dt = (time.perf_counter() - t) / steps
    if rank == 0: (Path(out)/'s').write_text(str(dt))

def measure(processes:int, threads:int, config:str, batch:int, steps:int) -> float:
    torch.set_num_threads(threads)
    with tempfile.TemporaryDirectory() as d:
        job = partial(timed_steps, config, batch, steps, d)
        if processes == 1: job()
        else: in_processes(processes, job)
        return float((Path(d)/'s').read_text())

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--config', default='v3'); ap.add_argument('--batch', type=int, default=8); ap.add_argument('--steps', type=int, default=10)
    a = ap.parse_args()
    print(f'{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}; model {a.config}, batch {a.batch}, {a.steps} timed steps\n')
    print('| processes x threads | s per step | speed-up |\n|---|---|---|')
    base = None
    for p, t in ((1, 1), (1, 2), (2, 1)):
        s = measure(p, t, a.config, a.batch, a.steps); base = base or s
        print(f'| {p} x {t} | {s:.2f} | {base / s:.2f}x |', flush=True)

if __name__ == '__main__': main()
