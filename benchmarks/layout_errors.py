"""Where an embedded model's layout IoU is lost: stray specks of a character's colours, or the character's own body
(too small, too large, off its box). On held-out one-scene stories (SR3AI on, as `embedded_model.py` generates them), for
every frame and single-character region:

- layout IoU as `worldmetrics.layout_iou` takes it (the box of every pixel of the character's colours in the frame) beside
  the box of its main part alone (`main_part`: the pixels connected to its densest spot; specks elsewhere left out);
- the share of its pixels inside its box, all of them and the main part's;
- the share of its pixels that are specks (not in the main part), and its main part's area over its box's area (the world's
  own acting gives the ceiling of that ratio: printed for the world too);
- layout IoU by the box's share of the frame, and by the planned motion.

    python benchmarks/layout_errors.py [--models embedded PATH ...] [--scenes 24] [--steps N] [--threads 1]
"""
import argparse
from collections import defaultdict
import numpy as np
import torch

def region_errors(frames:np.ndarray, scene) -> list:
    "(box area share, motion, IoU all, IoU main part, inside all, inside main, speck share, main area / box area) per frame and single-character region."
    from dreamrunner.shapes import CAST, _cast_member, _motion_of, find_place, mask_box
    from dreamrunner.worldmetrics import box_iou, box_pixels, main_part, palette_labels
    lab, names = palette_labels(frames, find_place(scene.background or scene.place))
    rows = []
    for f in range(len(frames)):
        for r in scene.regions_at((f + 0.5) / len(frames)):
            who = _cast_member(r, CAST)
            if len(who) != 1: continue
            pix = (lab[f] == names.index(who[0].color)) | (lab[f] == names.index(who[0].accent))
            main = main_part(pix[None])[0] if pix.any() else pix
            inside = box_pixels(r.box, pix.shape)
            share = lambda m: m[inside].sum() / m.sum() if m.any() else 0.0
            area = (r.box[2] - r.box[0]) * (r.box[3] - r.box[1])
            rows.append((area, _motion_of(r), box_iou(mask_box(pix), r.box), box_iou(mask_box(main), r.box) if main.any() else 0.0,
                         share(pix), share(main), 1 - main.sum() / pix.sum() if pix.any() else np.nan, main.sum() / max(inside.sum(), 1)))
    return rows

def measure(model, n_scenes:int, steps:int, seed:int=999) -> tuple:
    "The region rows of `model` (None: the shipped one) and of the world's own acting, over `n_scenes` held-out stories."
    from dreamrunner.pipeline import DreamRunnerPipeline, StorySettings, lay_out
    from dreamrunner.shapes import render_scene
    from dreamrunner.sr3ai import scene_frames
    from dreamrunner.toymodel2 import story_scene
    dr = DreamRunnerPipeline.from_pretrained(model)
    st = dr.resolve_settings(StorySettings(steps=steps))
    H, W, F = st.height, st.width, st.num_frames
    made, world = [], []
    for i in range(n_scenes):
        planned = story_scene(i, seed)
        scene = lay_out(planned, st, i)   # the boxes the model asks for
        made += region_errors(scene_frames(dr.video, scene, H, W, F, True, st.steps, st.guidance, seed=i), scene)
        world += region_errors(render_scene(planned, n_frames=F, size=(W, H), seed=i, act=True).frames, scene)
    return made, world, st

def print_table(name:str, made:list, world:list, st):
    m, w = np.array([r[2:] for r in made], float), np.array([r[2:] for r in world], float)
    print(f'\n### {name} ({st.width}x{st.height}x{st.num_frames}, {st.steps} steps, guidance {st.guidance}, {st.layout} layouts): {len(made)} region frames\n')
    print('| measure | model | world (acted) |\n|---|---|---|')
    for k, label in enumerate(('layout IoU, every pixel of its colours', 'layout IoU, its main part alone', "pixels inside the box, all",
                               'pixels inside the box, main part', 'share of its pixels that are specks', "main part's area / box's area")):
        print(f'| {label} | {np.nanmean(m[:, k]):.3f} | {np.nanmean(w[:, k]):.3f} |')
    areas = np.array([r[0] for r in made])
    print('\n| box share of the frame | region frames | layout IoU |\n|---|---|---|')
    for lo, hi in ((0, 0.04), (0.04, 0.06), (0.06, 0.08), (0.08, 0.10), (0.10, 1.01)):
        sel = (areas >= lo) & (areas < hi)
        if sel.any(): print(f'| {lo:.0%} to {min(hi, 1):.0%} | {sel.sum()} | {m[sel, 0].mean():.3f} |')
    by = defaultdict(list)
    for r in made: by[r[1]].append(r[2])
    print('\n| motion | region frames | layout IoU |\n|---|---|---|')
    for motion, v in sorted(by.items(), key=lambda kv: np.mean(kv[1])): print(f'| {motion} | {len(v)} | {np.mean(v):.3f} |')

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--models', nargs='+', default=['embedded'], help="pipeline folders; 'embedded' is the shipped model")
    ap.add_argument('--scenes', type=int, default=24, help='held-out one-scene stories')
    ap.add_argument('--steps', type=int, default=None, help="denoising steps (default: each model's own)")
    ap.add_argument('--threads', type=int, default=1)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    for name in args.models: print_table(name, *measure(None if name == 'embedded' else name, args.scenes, args.steps))
    print(f'\n{args.scenes} held-out stories, {args.threads} thread(s), torch {torch.__version__}')

if __name__ == '__main__': main()
