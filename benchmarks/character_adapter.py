"""A held-out character's LoRA at several training settings: colour identity and whole-character identity (colour,
shape and accessory) across rule-planned one-character scenes, without and with the LoRA, and the LoRA's training time.

The embedded models never saw the held-out characters (`toymodel.HELD_OUT_CHARACTERS`); 'inky' is a black hexagon, and
no training caption says 'black', so its colour has to come from the LoRA alone. The LoRA trains as the pipeline trains a
character adapter (references from the Shapes world, odd blocks, region-gated), at each `STEPS:LR[:RANK]` of `--settings`:
on whole frames, or under SR3AI (each reference's box attends to the character's caption, the rest to its place: what a
model folder asks by declaring `adapter_slots`); `--regions model` (the default) trains as the model declares, `both` each way.

    python benchmarks/character_adapter.py [--model PATH] [--settings 40:1e-3 200:5e-3 ...] [--regions model|both] [--scenes 3] [--threads 1]
"""
import argparse, sys, tempfile, time
from pathlib import Path
import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
from embedded_model import one_character_scenes

def setting(text:str) -> tuple:
    "`STEPS:LR[:RANK]` -> (steps, lr, rank); rank 8 when not given."
    parts = text.split(':')
    try:
        if len(parts) not in (2, 3): raise ValueError
        steps, lr, rank = int(parts[0]), float(parts[1]), int(parts[2]) if len(parts) == 3 else 8
        if steps < 1 or not 0 < lr < 1 or rank < 1: raise ValueError
    except ValueError: raise argparse.ArgumentTypeError(f'a setting is STEPS:LR[:RANK] (steps and rank >= 1, 0 < lr < 1); got {text!r}') from None
    return steps, lr, rank

def measure(model, settings:list, character:str, n_scenes:int, steps:int, seed:int=20, regions:str='model') -> list:
    """Rows (steps, lr, rank, trained under SR3AI?, training seconds, colour and whole identity without and with the LoRA) for each
    setting: trained as the model declares (`regions='model'`) or each way (`'both'`)."""
    from dreamrunner import worldmetrics as wm
    from dreamrunner.pipeline import Adapter, DreamRunnerPipeline, StorySettings
    from dreamrunner.shapes import CAST, track_scene
    from dreamrunner.toymodel import training_cast_and_motions
    who = next(c for c in CAST if c.name == character)
    dr = DreamRunnerPipeline.from_pretrained(model, cache_dir=Path(tempfile.mkdtemp())/'adapters')
    stories = one_character_scenes(who, training_cast_and_motions()[1], n_scenes, seed)
    def scores(st, adapters):
        # each scene laid out as the model asks: the planner's boxes, or tracked (a box per frame where the world acts it)
        scenes = [track_scene(s.scenes[0], st.num_frames, (st.width, st.height), k) if st.layout == 'tracked' else s.scenes[0]
                  for k, s in enumerate(stories)]
        frames = [dr.generate_scene(s, st, adapters, seed=k, progress=False) for k, s in enumerate(scenes)]
        return [float(np.nanmean([f(v, s) for v, s in zip(frames, scenes)])) for f in (wm.identity_accuracy, wm.character_identity)]
    rows, without = [], None
    ways = [dr.video.adapter_slots] if regions == 'model' else [False, True]
    for (n, lr, rank), slots in ((x, w) for x in settings for w in ways):
        st = dr.resolve_settings(StorySettings(steps=steps, character_steps=n, adapter_lr=lr, rank=rank))
        without = without or scores(st, [])   # no LoRA: the same scenes whatever the setting
        a = Adapter('character', who.name, who.tag)
        dr.video.adapter_slots = slots   # read by train_adapter: the references' regions used or not
        t0 = time.time()
        dr.train_adapter(a, dr.adapter_data(a, stories[0], st), st, progress=False)
        rows.append((n, lr, rank, slots, time.time() - t0, *without, *scores(st, [a])))
    return rows

def main():
    from dreamrunner.toymodel import HELD_OUT_CHARACTERS
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--model', default=None, help='pipeline folder (default: the shipped embedded model)')
    ap.add_argument('--settings', nargs='+', type=setting, default=[setting(s) for s in ('40:1e-3', '200:1e-3', '200:5e-3', '400:5e-3:16')],
                    help="the LoRA's STEPS:LR[:RANK] (default: the pipeline's 40:1e-3, then longer and faster)")
    ap.add_argument('--regions', default='model', choices=('model', 'both'), help="train as the model declares (adapter_slots), or both ways")
    ap.add_argument('--character', default=HELD_OUT_CHARACTERS[0], choices=HELD_OUT_CHARACTERS)
    ap.add_argument('--scenes', type=int, default=3, help='one-character scenes')
    ap.add_argument('--steps', type=int, default=25, help='denoising steps')
    ap.add_argument('--threads', type=int, default=1)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    rows = measure(args.model, args.settings, args.character, args.scenes, args.steps, regions=args.regions)
    print(f"\n### {args.character!r}'s LoRA on {args.model or 'the shipped embedded model'} ({args.scenes} scenes, {args.steps} steps)\n")
    print('| LoRA steps | lr | rank | trained on | training (s) | colour identity, no LoRA / LoRA | whole character, no LoRA / LoRA |\n|---|---|---|---|---|---|---|')
    for n, lr, rank, slots, t, c0, w0, c1, w1 in rows:
        print(f"| {n} | {lr:g} | {rank} | {'SR3AI regions' if slots else 'whole frames'} | {t:.1f} | {c0:.3f} / {c1:.3f} | {w0:.3f} / {w1:.3f} |")
    print(f'\n{args.threads} thread(s), torch {torch.__version__}')

if __name__ == '__main__': main()
