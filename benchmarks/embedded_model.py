"""Measure the embedded Shapes-world model and print a markdown table:

- layout IoU and identity on held-out two-character plans, SR3AI on vs off;
- a held-out motion ('zigzagging'): trajectory agreement with the world's rendering of the plan,
  without vs with a motion LoRA trained on clips retrieved from the Shapes library;
- a held-out character ('inky'): identity across three scenes, without vs with a character LoRA;
- the wall time of the 2-scene example story (`examples/shapes_friends.story`, default settings), adapters trained afresh.

    python benchmarks/embedded_model.py [--model DIR] [--scenes 12] [--steps 25] [--threads 2]
"""
import argparse, tempfile, time
from pathlib import Path
import numpy as np
import torch

ROOT = Path(__file__).resolve().parent.parent

def one_character_scenes(character, motions, n, seed):
    "Rule-planned scenes of one character doing one of `motions`, in random places."
    from dreamrunner.planner import RulePlanner
    from dreamrunner.shapes import PLACES
    from dreamrunner.toymodel import scene_script
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(n):
        m = motions[int(rng.integers(len(motions)))]
        out.append(RulePlanner()(scene_script([(character, [m])], PLACES[int(rng.integers(len(PLACES)))], 'b')))
    return out

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--model', default=None, help='pipeline folder (default: the embedded model)')
    ap.add_argument('--scenes', type=int, default=12, help='held-out plans for the SR3AI comparison')
    ap.add_argument('--steps', type=int, default=25, help='denoising steps')
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--adapter_steps', type=int, default=300, help='training steps of the held-out motion and character adapters')
    ap.add_argument('--adapter_lr', type=float, default=1e-2)
    ap.add_argument('--rank', type=int, default=16)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    import datasets; datasets.disable_progress_bars()
    from dreamrunner.pipeline import Adapter, AdapterData, DreamRunnerPipeline, StorySettings, world_references
    from dreamrunner.shapes import CAST, MOTIONS
    from dreamrunner.toymodel import HELD_OUT_CHARACTERS, HELD_OUT_MOTIONS, evaluation_scenes, evaluate, training_cast_and_motions
    from dreamrunner.worldmetrics import identity_accuracy, trajectory_agreement
    cache = Path(tempfile.mkdtemp())
    dr = DreamRunnerPipeline.from_pretrained(args.model, cache_dir=cache/'adapters')
    st = dr.resolve_settings(StorySettings(steps=args.steps, motion_steps=args.adapter_steps, character_steps=args.adapter_steps,
                                    adapter_lr=args.adapter_lr, rank=args.rank))
    rows = []

    # 1. SR3AI on vs off
    r = evaluate(dr.video, evaluation_scenes(args.scenes), steps=args.steps)
    rows += [('layout IoU, held-out 2-character plans', r['plain']['layout_iou'], r['sr3ai']['layout_iou'], 'SR3AI off / on'),
             ('identity, held-out 2-character plans', r['plain']['identity'], r['sr3ai']['identity'], 'SR3AI off / on'),
             ('seconds per scene (80x80x9)', r['plain']['s_per_clip'], r['sr3ai']['s_per_clip'], 'SR3AI off / on')]

    # 2. a held-out motion, without and with its motion LoRA: the character's region is the whole frame, so it
    #    moves as the model thinks the motion goes; the truth is the world's own clip of that motion
    from dreamrunner.plan import KeyFrame, Region, Scene
    from dreamrunner.shapes import PLACES, render_clip
    cast, _ = training_cast_and_motions()
    motion = HELD_OUT_MOTIONS[0]
    cases = [(cast[k % len(cast)], PLACES[k % len(PLACES)]) for k in range(6)]
    res = dr.retrieve(motion)
    held_out = Adapter('motion', motion, motion)
    dr.train_adapter(held_out, dr.adapter_data(held_out, None, st), st, progress=False)
    def motion_score(adapters):
        scores = []
        for k, (ch, place) in enumerate(cases):
            cap = f'a {ch.tag} {ch.looks} is {motion}'
            sc = Scene(f'a {place}', [KeyFrame([Region(ch.name, motion, cap, (0.0, 0.0, 1.0, 1.0))]) for _ in range(6)])
            frames = dr.generate_scene(sc, st, adapters, seed=k, progress=False)
            truth = render_clip([motion], [ch], place, st.num_frames, (st.width, st.height), k).frames
            scores.append(trajectory_agreement(frames, truth, ch, place, mirror=True))
        return float(np.nanmean(scores))
    rows.append((f'trajectory agreement, held-out motion {motion!r} ({len(cases)} clips)', motion_score([]), motion_score([held_out]),
                 f'no LoRA / motion LoRA on {len(res.selected[:st.clips_per_motion])} retrieved clips'))

    # 3. a held-out character across three scenes, without and with its character LoRA
    who = next(c for c in CAST if c.name == HELD_OUT_CHARACTERS[0])
    stories = one_character_scenes(who, [m for m in MOTIONS if m not in HELD_OUT_MOTIONS], 3, 20)
    refs = world_references(stories[0], who.name, (st.height, st.width))
    character = Adapter('character', who.name, who.tag)
    dr.train_adapter(character, AdapterData(refs, [f'a {stories[0].character(who.name).phrase}']), st, progress=False)
    def identity(adapters):
        return float(np.mean([identity_accuracy(dr.generate_scene(s.scenes[0], st, adapters, seed=k, progress=False),
                                                s.scenes[0]) for k, s in enumerate(stories)]))
    rows.append((f'identity of held-out character {who.name!r} over 3 scenes', identity([]), identity([character]),
                 f'no LoRA / character LoRA on {len(refs)} references'))

    # 4. the 2-scene example story, from nothing (fresh adapter cache)
    t0 = time.time()
    story = DreamRunnerPipeline.from_pretrained(args.model, cache_dir=cache/'story')(ROOT/'examples'/'shapes_friends.story', out=cache/'run',
                                                                                      steps=args.steps, progress=False)
    total = time.time() - t0
    scenes = sum(v['wall_s'] for k, v in story.manifest['stages'].items() if k.startswith('scene'))
    rows.append(('2-scene story, seconds (everything / scenes only)', total, scenes, 'adapters trained afresh'))

    print(f'| measure | without | with | compared |\n|---|---|---|---|')
    for what, a, b, how in rows: print(f'| {what} | {a:.3f} | {b:.3f} | {how} |')
    print(f'\n{torch.get_num_threads()} threads, torch {torch.__version__}, {args.steps} steps, guidance {st.guidance}; '
          f'held-out adapters: {args.adapter_steps} steps, lr {args.adapter_lr}, rank {args.rank}; the story: default settings')

if __name__ == '__main__': main()
