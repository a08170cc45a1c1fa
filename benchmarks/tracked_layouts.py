"""Tracked layouts, a pilot: SR3AI regions that follow each character's track (a box per latent frame, where the world acts
the plan) instead of its box swept over a key frame's span. A finished v7 run's transformer is trained on with tracked
regions over the same latents, then held-out stories are generated with tracked regions and scored like the benchmark's.

    python benchmarks/tracked_layouts.py train RUN7 OUT [--steps 1500] [--threads 2]
    python benchmarks/tracked_layouts.py score PIPELINE [--scenes 24] [--guidance 2] [--threads 2]

RUN7 is a finished `dreamrunner train --config v7` folder (its pipeline/ and latents/); OUT/pipeline is the trained model.
"""
import argparse, time
from dataclasses import replace
from pathlib import Path
import numpy as np
import torch
from dreamrunner import toymodel2 as t2
from dreamrunner.shapes import CAST, _cast_member, render_scene
from dreamrunner.sr3ai import Slots, box_cells

def tracked_slots(scene, clip, grid) -> Slots:
    "One slot per caption whose region on latent frame t is the union of its characters' boxes on the frames t encodes."
    index = {c: i for i, c in enumerate(scene.captions)}
    regions = torch.zeros(len(index) + 1, grid.latent_frames, grid.rows, grid.cols, dtype=torch.bool)
    T = clip.boxes.shape[1]
    for f in range(T):
        t = 0 if f == 0 else (f - 1) // 4 + 1   # CogVideoX's VAE: latent frame 0 holds frame 0, each next one four frames
        for r in scene.regions_at((f + 0.5) / T):
            for ch in _cast_member(r, CAST):
                b = clip.boxes[clip.characters.index(ch), f]
                if np.isnan(b).any(): continue
                rows, cols = box_cells(tuple(b), grid)
                regions[index[r.caption], t, rows, cols] = True
    regions[-1] = ~regions[:-1].any(0)   # the background: every token no caption covers
    return Slots(scene.captions + [scene.background], regions, grid)

def train(run, out, steps, crop=6, full_every=4, focus=9.0, lr=4e-4, batch=8, drop_prob=0.1, seed=71):
    from diffusers import CogVideoXPipeline
    from dreamrunner.toymodel import pad_slots, train_transformer
    pipe = CogVideoXPipeline.from_pretrained(Path(run)/'pipeline')
    cfg = t2.toy_config('v7'); grid = t2.config_grid(cfg)
    latents, clips, calls = t2.StoryLatents(Path(run)/'latents', 0, 1.0), {}, iter(range(10 ** 9))
    def clip(i):   # boxes only: rendered once per story
        if i not in clips: clips[i] = replace(t2.story_clip(i, cfg, 0), frames=None)
        return clips[i]
    def batches(rng):   # as `story_batches`, with tracked regions
        idx = [int(i) for i in rng.choice(len(latents), batch, replace=False)]
        slots = [pad_slots(tracked_slots(t2.story_scene(i, 0), clip(i), grid)) for i in idx]
        slots = [Slots([''] * len(s.captions), s.regions, grid) if rng.random() < drop_prob else s for s in slots]
        x = latents[idx]
        w = torch.stack([t2.latent_weight(clip(i), (x.shape[1],) + tuple(x.shape[3:]), focus) for i in idx])
        if next(calls) % full_every:
            cut = [t2.crop_sample(x[k], s, w[k], t2.crop_window(s, crop, rng), crop, cfg.patch) for k, s in enumerate(slots)]
            x, slots, w = torch.stack([c[0] for c in cut]), [c[1] for c in cut], torch.stack([c[2] for c in cut])
        return x, slots, w
    t0 = time.time()
    losses = train_transformer(pipe, steps, out, batch=batch, lr=lr, cfg=cfg, seed=seed, batches=batches)
    print(f'{len(losses)} steps in {time.time() - t0:.0f} s; loss over the last 100 {np.mean(losses[-100:]):.4f}')
    t2.save_model(pipe, Path(out)/'pipeline', 2.0)

def score(folder, scenes, guidance):
    from diffusers import CogVideoXPipeline
    from dreamrunner.sr3ai import install_sr3ai, pipeline_grid, sr3ai_inputs
    from dreamrunner.worldmetrics import mean_scores, scene_scores
    pipe = CogVideoXPipeline.from_pretrained(folder); pipe.set_progress_bar_config(disable=True)
    install_sr3ai(pipe.transformer); rows = []
    for i in range(scenes):   # the benchmark's held-out stories (data seed 999)
        s = t2.story_scene(i, 999)
        slots = tracked_slots(s, render_scene(s, n_frames=25, size=(96, 96), seed=i, act=True), pipeline_grid(pipe, 96, 96, 25))
        frames = pipe(**sr3ai_inputs(pipe, s, 96, 96, 25, 'auto', slots=slots), num_inference_steps=25, guidance_scale=guidance,
                      output_type='np', generator=torch.Generator().manual_seed(i)).frames[0]
        rows.append(scene_scores((frames * 255).round().astype(np.uint8), s))
    print({k: round(v, 3) for k, v in mean_scores(rows).items()})

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('what', choices=('train', 'score')); p.add_argument('folders', nargs='+')
    p.add_argument('--steps', type=int, default=1500); p.add_argument('--scenes', type=int, default=24)
    p.add_argument('--guidance', type=float, default=2.0); p.add_argument('--threads', type=int, default=2)
    a = p.parse_args(); torch.set_num_threads(a.threads)
    if a.what == 'train': train(*a.folders, a.steps)
    else: score(a.folders[0], a.scenes, a.guidance)
