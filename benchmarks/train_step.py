#!/usr/bin/env python
"""Where a transformer training step of recipe v17 goes: the batch source on one CPU core (what each DataLoader worker of
`loader_batches` does), the main process's share (SR3AI masks, captions through the text encoder, noise drawn on the CPU)
and the forward and backward pass, for whole clips and for one-latent-frame batches (three batches in four, `frames=1`).

Prints milliseconds a batch for each, then the steps a second that the workers, and the main process with the device, can
each keep up: the smaller is what a run gets. Not a test: run it where you want the numbers, e.g.
    python benchmarks/train_step.py --batch 8                              # this CPU, a small batch
    python benchmarks/train_step.py --device cuda --batch 64 --workers 14  # a GPU run of recipe v17
"""
import argparse, sys
from pathlib import Path
import numpy as np
import torch
from dreamrunner.sr3ai import install_sr3ai, region_masks
from dreamrunner.toymodel import encode_slot_texts, draw_timesteps
sys.path.insert(0, str(Path(__file__).resolve().parent))
from attention import timed   # median seconds of a call after one to warm up
from dreamrunner.toymodel2 import CONFIGS, RECIPES, config_grid, story_batches, story_layouts, story_pipeline, toy_config

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--device', default='cpu')
    ap.add_argument('--batch', type=int, default=8)
    ap.add_argument('--workers', type=int, default=14, help="DataLoader workers a run would have (the machine's cores less two)")
    ap.add_argument('--stories', type=int, default=64, help='stories rendered for the batch source')
    ap.add_argument('--runs', type=int, default=5)
    ap.add_argument('--threads', type=int, default=1, help="the main process's CPU threads")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    cfg, r = toy_config('v17'), RECIPES['v17']
    dev = torch.device(a.device)
    sync = torch.cuda.synchronize if dev.type == 'cuda' else (lambda: None)
    pipe = story_pipeline(CONFIGS['v17']).to(dev)   # model 14's sizes, random weights: the same work a step
    tr = pipe.transformer
    install_sr3ai(tr); tr.train()
    opt = torch.optim.AdamW(tr.parameters(), lr=1e-4)
    grid = config_grid(cfg, True)
    known = {i: story_layouts(i, cfg)[1:] for i in range(a.stories)}
    lat = torch.randn(a.stories, 13, cfg.latent_channels, cfg.height // 4, cfg.width // 4)
    rng, gen = np.random.default_rng(0), torch.Generator().manual_seed(0)
    autocast = dev.type == 'cuda' and r.get('bf16_training', False)
    rows = {}
    for name, frames in (('whole clips', 0), ('one latent frame', 1)):
        # with `frames`, every batch but a source's first is cut to one latent frame (no whole clips in between here)
        src = story_batches(lat, grid, a.batch, focus=r['focus'], cfg=cfg, tracked=True, frames=frames, full_every=10 ** 9, known=known)
        lat_b, slots, w = src(rng)
        if frames: lat_b, slots, w = src(rng)
        source = timed(lambda: src(rng), a.runs, lambda: None)
        masks = timed(lambda: region_masks(slots, dev), a.runs, sync)
        texts = timed(lambda: encode_slot_texts(pipe, [c for sl in slots for c in sl.captions], cfg.text_len), a.runs, sync)
        noise = timed(lambda: torch.randn(lat_b.shape, generator=gen).to(dev), a.runs, sync)
        x, wt = lat_b.to(dev), w.to(dev)
        text = encode_slot_texts(pipe, [c for sl in slots for c in sl.captions], cfg.text_len)
        text = text.reshape(len(slots), -1, text.shape[-1])
        mask = region_masks(slots, dev)
        def step():
            t = draw_timesteps(len(x), 1000, gen).to(dev)
            n = torch.randn(x.shape, generator=gen).to(dev)
            with torch.autocast(dev.type, dtype=torch.bfloat16, enabled=autocast):
                pred = tr(pipe.scheduler.add_noise(x, n, t), text, t, attention_kwargs={'sr3ai_mask': mask}).sample
            loss = (((pred.float() - pipe.scheduler.get_velocity(x, n, t)) ** 2) * wt).mean()
            opt.zero_grad(); loss.backward(); opt.step()
        rows[name] = dict(source=source, masks=masks, texts=texts, noise=noise, step=timed(step, a.runs, sync))
    print(f'batch {a.batch} on {a.device} ({torch.cuda.get_device_name() if dev.type == "cuda" else "CPU"}), torch {torch.__version__}, '
          f'{a.threads} main thread(s), milliseconds a batch (median of {a.runs})\n')
    print('| batch | source (one worker) | masks | captions | noise | forward + backward |\n|---|---|---|---|---|---|')
    for name, t in rows.items():
        print(f"| {name} | {1e3 * t['source']:.1f} | {1e3 * t['masks']:.1f} | {1e3 * t['texts']:.1f} | {1e3 * t['noise']:.1f} | {1e3 * t['step']:.1f} |")
    mix = lambda k: (rows['whole clips'][k] + 3 * rows['one latent frame'][k]) / 4   # v17: whole clips one batch in four
    main_s = sum(mix(k) for k in ('masks', 'texts', 'noise', 'step'))
    print(f"\nv17's mix: the workers keep up {a.workers / mix('source'):.1f} steps/s ({a.workers} workers), the main process and the "
          f"device {1 / main_s:.1f} steps/s; a run gets about {min(a.workers / mix('source'), 1 / main_s):.1f} steps/s, "
          f"{a.batch * min(a.workers / mix('source'), 1 / main_s):.0f} samples/s")

if __name__ == '__main__':
    main()
