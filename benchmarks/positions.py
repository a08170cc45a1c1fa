"""Rotary against absolute position embeddings: two transformers of a model's sizes, one latent frame a token (as CogVideoX-2B),
trained from scratch side by side on the same latents, the same draws and the same steps; one with CogVideoX's rotary
embeddings (as CogVideoX-5B), one with its absolute sin-cos ones (`ToyConfig(rotary=False)`, as CogVideoX-2B). Prints each
one's velocity error by noise level on training and held-out stories (`velocity_errors`), the world metrics of its scenes
(held-out stories of data seed 999, tracked layouts, SR3AI) and its seconds a scene.

    python benchmarks/positions.py [--model training/model13/pipeline] [--stories 512] [--steps 800] [--batch 4] [--scenes 12] [--denoising 25] [--probes 8] [--threads 1] [--out DIR]

A rotary embedding tells a token where the others are, not where it is: from pure noise a rotary transformer can place what
SR3AI's masks place, but not a place's sky and ground. The model's VAE encodes `--stories` training stories (data seed 0)
into `--out`; each transformer trains there (resuming), three batches in four one latent frame of whole frames long, as
recipe v13 trains. The two trainings run one after the other, each on `--threads`.
"""
import argparse, tempfile, time
from dataclasses import replace
from pathlib import Path
import numpy as np
import torch

NOISE_LEVELS = (999, 900, 700, 500, 300)
KINDS = ('rotary', 'absolute')

def train_kind(pipe, kind:str, latents:Path, out:Path, config:str, steps:int, batch:int) -> tuple:
    "A fresh transformer of `config`'s sizes, one latent frame a token, with `kind` positions, trained into `out/kind`: (config, seconds)."
    from dreamrunner.toymodel import toy_transformer, train_transformer
    from dreamrunner.toymodel2 import StoryLatents, config_grid, story_batches, toy_config
    cfg = replace(toy_config(config), patch_t=None, rotary=kind == 'rotary')
    torch.manual_seed(0); pipe.transformer = toy_transformer(cfg)
    data = story_batches(StoryLatents(latents, 0, pipe.vae.config.scaling_factor), config_grid(cfg, True), batch, 0, focus=9.0, cfg=cfg,
                         tracked=True, frames=1, full_every=4)
    t0 = time.time()
    train_transformer(pipe, steps, out/kind, batch=batch, lr=8e-4, cfg=cfg, seed=1, batches=data, checkpoint_every=50, progress=False)
    return cfg, time.time() - t0

def scene_measures(pipe, n:int, guidance:float, steps:int=25) -> tuple:
    "(mean world metrics, seconds a scene) of `pipe` on `n` held-out stories, tracked layouts, SR3AI, `steps` denoising steps."
    from dreamrunner.shapes import track_scene
    from dreamrunner.sr3ai import scene_frames
    from dreamrunner.toymodel2 import story_scene
    from dreamrunner.worldmetrics import mean_scores, scene_scores
    H, W = pipe.transformer.config.sample_height * pipe.vae_scale_factor_spatial, pipe.transformer.config.sample_width * pipe.vae_scale_factor_spatial
    F = pipe.transformer.config.sample_frames
    scenes = [track_scene(story_scene(i, 999), F, (W, H), i) for i in range(n)]
    t0 = time.time()
    rows = [scene_scores(scene_frames(pipe, s, H, W, F, True, steps, guidance, seed=i), s) for i, s in enumerate(scenes)]
    return mean_scores(rows), (time.time() - t0) / n

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--model', default='training/model13/pipeline', help='a trained v10-v13 pipeline folder: its VAE, text encoder and settings')
    ap.add_argument('--config', default='v13', help="the model's configuration (its transformer's sizes)")
    ap.add_argument('--stories', type=int, default=512, help='training stories encoded')
    ap.add_argument('--steps', type=int, default=800); ap.add_argument('--batch', type=int, default=4)
    ap.add_argument('--scenes', type=int, default=12, help='held-out stories generated')
    ap.add_argument('--denoising', type=int, default=25, help='denoising steps a scene')
    ap.add_argument('--probes', type=int, default=8, help='stories of each data seed the velocity errors average over')
    ap.add_argument('--threads', type=int, default=1)
    ap.add_argument('--out', default=None, help='folder of the latents and the checkpoints (default: a temporary one)')
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    from dreamrunner.pipeline import DreamRunnerPipeline
    from dreamrunner.toymodel2 import encode_stories, toy_config, velocity_errors
    out = Path(a.out or tempfile.mkdtemp())
    dr = DreamRunnerPipeline.from_pretrained(a.model, dtype=torch.float32)   # with the SR3AI slots its settings declare
    pipe, guidance = dr.video, dr.model_settings.get('guidance', 3.0)
    pipe.set_progress_bar_config(disable=True)
    t0 = time.time()
    latents = encode_stories(pipe, out, a.stories, toy_config(a.config), seed=0, shard=min(128, a.stories), progress=False)
    print(f'{a.stories} training stories encoded by {a.model} in {time.time() - t0:.0f} s')
    res = {}
    for kind in KINDS:
        cfg, seconds = train_kind(pipe, kind, latents, out, a.config, a.steps, a.batch)
        errs = {seed: velocity_errors(pipe, indices=range(a.probes), timesteps=NOISE_LEVELS, config=cfg, seed=seed) for seed in (0, 999)}
        res[kind] = dict(seconds=seconds, errors=errs, scenes=scene_measures(pipe, a.scenes, guidance, a.denoising))
    print(f'\n### Velocity error by noise level ({a.steps} steps of {a.batch}, {a.stories} stories; {a.probes} stories each)\n')
    print('| positions | stories | ' + ' | '.join(f't={t}' for t in NOISE_LEVELS) + ' |\n|---|---|' + '---|' * len(NOISE_LEVELS))
    for kind in KINDS:
        for seed, name in ((0, 'training'), (999, 'held-out')):
            print(f'| {kind} | {name} | ' + ' | '.join(f'{e:.3f}' for e in res[kind]['errors'][seed]) + ' |')
    scores = {k: res[k]['scenes'][0] for k in KINDS}
    print(f'\n### {a.scenes} held-out stories, tracked layouts, SR3AI, {a.denoising} steps, guidance {guidance:g}\n')
    print('| measure | ' + ' | '.join(KINDS) + ' |\n|---|' + '---|' * len(KINDS))
    for m in scores['rotary']: print(f'| {m} | ' + ' | '.join(f'{scores[k][m]:.3f}' for k in KINDS) + ' |')
    print('| seconds a scene | ' + ' | '.join(f"{res[k]['scenes'][1]:.2f}" for k in KINDS) + ' |')
    print('| training (s) | ' + ' | '.join(f"{res[k]['seconds']:.0f}" for k in KINDS) + ' |')
    print(f'\n{a.threads} thread(s), torch {torch.__version__}')

if __name__ == '__main__': main()
