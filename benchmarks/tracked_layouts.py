"""Planned against tracked layouts on one model: the held-out stories of `embedded_model.py` (one scene each, data seed 999),
each laid out both ways and generated with SR3AI, then scored by the world metrics against the layout it was given.

    python benchmarks/tracked_layouts.py PIPELINE [PIPELINE ...] [--scenes 24] [--guidance G] [--steps 25] [--threads 1]

A planned box is where a motion happens (its whole walk or jump); a tracked layout (`track_scene`) has a box per frame where
the world draws each character acting the plan, so the world's own acting scores layout IoU 1 against it. A model trained on
tracked layouts (`dreamrunner train --config v9`) declares `layout: tracked`; this shows what each layout gives on any model.
"""
import argparse
import numpy as np
import torch
from dreamrunner.worldmetrics import mean_scores, scene_scores

def score(folder, scenes:int, guidance:float, steps:int) -> dict:
    "{layout: mean scores} of the model in `folder` on the held-out stories laid out each way."
    from dreamrunner.pipeline import DreamRunnerPipeline, StorySettings
    from dreamrunner.shapes import track_scene
    from dreamrunner.sr3ai import scene_frames
    from dreamrunner.toymodel2 import story_scene
    dr = DreamRunnerPipeline.from_pretrained(folder)
    dr.video.set_progress_bar_config(disable=True)
    st = dr.resolve_settings(StorySettings(steps=steps, guidance=guidance))
    H, W, F = st.height, st.width, st.num_frames
    out = {}
    for layout in ('planned', 'tracked'):
        rows = []
        for i in range(scenes):
            s = story_scene(i, 999)
            if layout == 'tracked': s = track_scene(s, F, (W, H), i)
            rows.append(scene_scores(scene_frames(dr.video, s, H, W, F, True, steps, st.guidance, seed=i), s))
        out[layout] = mean_scores(rows)
    return out

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('folders', nargs='+', help='diffusers pipeline folders')
    p.add_argument('--scenes', type=int, default=24); p.add_argument('--guidance', type=float, default=None, help="default: the model's own")
    p.add_argument('--steps', type=int, default=25); p.add_argument('--threads', type=int, default=1)
    a = p.parse_args(); torch.set_num_threads(a.threads)
    for folder in a.folders:
        res = score(folder, a.scenes, a.guidance, a.steps)
        keys = list(res['planned'])
        print(f'\n### {folder}\n\n| layout | ' + ' | '.join(keys) + ' |\n' + '|---' * (len(keys) + 1) + '|')
        for layout, m in res.items(): print(f'| {layout} | ' + ' | '.join(f'{m[k]:.3f}' for k in keys) + ' |')
