"""Measure embedded Shapes-world models side by side and print markdown tables (and optionally save them as JSON):

- on held-out one-scene stories written like the training ones (one to three characters, two-motion lines, interaction
  lines; another data seed), SR3AI off / on, beside the world's own acted rendering of each plan (the ceiling of every
  metric): layout IoU, the share of each character's pixels inside its box, colour identity, whole-character identity,
  shape accuracy, motion accuracy (the recogniser on each planned motion; chance 1/16), motions changed on time (beside
  what a blind guess scores at the model's frame count, `on_time_chance`), and the share of interaction boxes that show
  both characters; and the same renders through the model's VAE (encode, decode), the ceiling of what its transformer
  can show;
- every scene laid out as the model asks (`layout`: the planner's boxes, or tracked: a box per frame where the world
  acts the plan, against which the world's own acting scores layout IoU 1);
- layout IoU and pixels inside the box once more against one reference for every model, the boxes where the world acts
  the plan (`acted`): a model asked for the planner's boxes can fill them with colour and score more than the world's own
  acting does against them, so models that ask for different layouts compare on these two rows;
- a held-out motion ('zigzagging') in six scenes, without vs with a motion LoRA trained on clips retrieved from the Shapes library;
- a held-out character ('inky') across three scenes, without vs with a character LoRA (trained as the pipeline trains it: under
  SR3AI regions for a model that declares `adapter_slots`), its colour and its whole-character identity;
- seconds per scene, and the README's main job (`dreamrunner run examples/shapes_friends.story`, empty adapter cache).

    python benchmarks/embedded_model.py [--models embedded PATH ...] [--scenes 24] [--steps N] [--guidance G] [--threads 1]
                                        [--dtype float32|bfloat16] [--stories-only | --held-out-only] [--held-out-scenes 6 3]
                                        [--adapter-lr LR] [--json FILE]
    python benchmarks/embedded_model.py --load FILE [FILE ...]

With two models or more, each is compared with the first story by story (`paired_difference`: the gap on each measure
with a 95% bootstrap interval over the stories). `--json FILE` keeps each story's scores; `--load FILE ...` prints the
tables and comparisons of results saved that way (models measured one by one, side by side).

`--stories-only` measures the held-out stories alone (no LoRAs, no main job): the quick look at a snapshot midway through a
training run. `--held-out-only` measures the held-out motion's and character's LoRAs alone, in `--held-out-scenes` scenes
each (default 6 and 3), each LoRA's gain with a 95% interval over its scenes. `--guidance` overrides the guidance scale each model declares (1 or less: none, one transformer pass a step).

Each model runs in its own dtype (`from_pretrained`: bfloat16 for a model that declares it, on a CPU with bfloat16 instructions);
`--dtype` runs every model (and the main job) in the one given. `--adapter-lr` trains the held-out motion's and character's
LoRAs at that learning rate (default the model's own, 1e-3 unless its folder declares one).
"""
import argparse, json, os, subprocess, sys, tempfile, time
from pathlib import Path
import numpy as np
import torch
from dreamrunner.worldmetrics import (SCENE_METRICS, layout_inside, layout_iou, mean_scores, on_time_chance, paired_difference,
                                      paired_interval, scene_scores)

ROOT = Path(__file__).resolve().parent.parent
NAMES = dict(layout_iou='layout IoU', layout_inside="character's pixels inside its box", identity='colour identity',
             character='whole-character identity (colour, shape, accessory)', shape='shape accuracy',
             motion='motion accuracy (chance 6%)', on_time='motion changes within 2 frames of plan',
             interaction='interaction boxes showing both characters',
             acted_layout_iou='layout IoU against where the world acts the plan', acted_inside="pixels inside where the world acts it")
ACTED = ('acted_layout_iou', 'acted_inside')   # the same reference for every model, whatever layout it asks for

def acted_scores(frames:np.ndarray, scene, acted) -> dict:
    "`scene_scores` of frames generated for `scene`, with layout IoU and pixels inside the box against `acted`, the world's boxes."
    return {**scene_scores(frames, scene), 'acted_layout_iou': layout_iou(frames, acted), 'acted_inside': layout_inside(frames, acted)}

def all_means(rows:list) -> dict:
    "`mean_scores` with the acted layout measures beside them."
    return {**mean_scores(rows), **{k: float(np.nanmean([r[k] for r in rows])) for k in ACTED}}

def one_character_scenes(character, motions, n:int, seed:int) -> list:
    "Rule-planned scenes of one character doing one of `motions`, in random places."
    from dreamrunner.planner import RulePlanner
    from dreamrunner.shapes import PLACES
    from dreamrunner.toymodel import scene_script
    rng = np.random.default_rng(seed)
    return [RulePlanner()(scene_script([(character, [motions[int(rng.integers(len(motions)))]])], PLACES[int(rng.integers(len(PLACES)))], 'b'))
            for _ in range(n)]

def main_job(model, threads:int, dtype:str=None, guidance:float=None) -> float:
    "Seconds of the README's main job on `model` with an empty adapter cache."
    with tempfile.TemporaryDirectory() as d:
        env = {**os.environ, 'DREAMRUNNER_CACHE': str(Path(d)/'cache')}
        args = [str(Path(sys.executable).parent/'dreamrunner'), 'run', str(ROOT/'examples'/'shapes_friends.story'), '--out', str(Path(d)/'run'),
                '--quiet', '--threads', str(threads)] + (['--dtype', dtype] if dtype else []) + (['--model', str(model)] if model else [])
        args += ['--guidance', str(guidance)] if guidance is not None else []
        t0 = time.time()
        subprocess.run(args, check=True, capture_output=True, env=env)
        return time.time() - t0

def story_measures(dr, st, lay_out, n_scenes:int, steps:int, seed:int) -> dict:
    """The held-out stories' measures: the world's acting (the ceiling), through the model's VAE, SR3AI off and on (with each
    story's scores, `per_scene`), and seconds a scene."""
    from dreamrunner.shapes import render_scene, track_scene
    from dreamrunner.sr3ai import scene_frames
    from dreamrunner.toymodel2 import round_trip, story_scene
    H, W, F = st.height, st.width, st.num_frames
    planned = [story_scene(i, seed) for i in range(n_scenes)]
    scenes = [lay_out(s, i) for i, s in enumerate(planned)]
    # where the world acts story i with seed i: the scenes themselves for a model that asks for tracked boxes
    acted = scenes if st.layout == 'tracked' else [track_scene(s, F, (W, H), i) for i, s in enumerate(planned)]
    renders = [render_scene(s, n_frames=F, size=(W, H), seed=i, act=True).frames for i, s in enumerate(planned)]
    res = dict(world=all_means([acted_scores(f, s, a) for f, s, a in zip(renders, scenes, acted)]),
               on_time_chance=float(np.nanmean([on_time_chance(s, F) for s in scenes])),
               vae=all_means([acted_scores(round_trip(dr.video.vae, f), s, a) for f, s, a in zip(renders, scenes, acted)]), per_scene={})
    for on in (False, True):
        t0 = time.time()
        rows = [acted_scores(scene_frames(dr.video, s, H, W, F, on, steps, st.guidance, seed=i), s, a) for i, (s, a) in enumerate(zip(scenes, acted))]
        res['sr3ai' if on else 'plain'] = all_means(rows)
        res['per_scene']['sr3ai' if on else 'plain'] = rows   # story i's scores: models compare story by story
        res[f"s_per_scene_{'sr3ai' if on else 'plain'}"] = (time.time() - t0) / n_scenes
    return res

def measure(model, n_scenes:int, steps:int, threads:int, seed:int=999, dtype:str=None, guidance:float=None, stories_only:bool=False,
            adapter_lr:float=None, held_out_only:bool=False, motion_scenes:int=6, character_scenes:int=3) -> dict:
    """Every measure of one model (None: the shipped embedded model); the held-out stories alone with `stories_only`, the held-out
    motion and character alone (`motion_scenes` and `character_scenes` scenes) with `held_out_only`."""
    from dreamrunner.pipeline import Adapter, DreamRunnerPipeline, StorySettings, lay_out as layout_of
    from dreamrunner.shapes import CAST
    from dreamrunner.toymodel import HELD_OUT_CHARACTERS, HELD_OUT_MOTIONS, training_cast_and_motions
    cache = Path(tempfile.mkdtemp())
    dr = DreamRunnerPipeline.from_pretrained(model, dtype=getattr(torch, dtype) if dtype else None, cache_dir=cache/'adapters')
    st = dr.resolve_settings(StorySettings(steps=steps, guidance=guidance, adapter_lr=adapter_lr))
    H, W, F = st.height, st.width, st.num_frames
    res = dict(model=str(model or 'embedded'), size=f'{W}x{H}x{F}', steps=st.steps, threads=threads, dtype=str(dr.video.transformer.dtype).removeprefix('torch.'), scenes=0 if held_out_only else n_scenes, layout=st.layout, guidance=st.guidance,
               adapter_lr=st.adapter_lr)

    # the layout the model asks for: the planner's boxes, or tracked (a box per frame where the world acts scene i with seed i)
    lay_out = lambda s, i: layout_of(s, st, i)

    # 1. held-out stories: the world's acting (ceiling), SR3AI off, SR3AI on
    if not held_out_only: res.update(story_measures(dr, st, lay_out, n_scenes, st.steps, seed))
    if stories_only: return res

    # 2. a held-out motion, without and with its LoRA trained on retrieved clips
    from dreamrunner import worldmetrics as wm
    cast, _ = training_cast_and_motions()
    motion = HELD_OUT_MOTIONS[0]
    cases = [lay_out(one_character_scenes(cast[k % len(cast)], [motion], 1, k)[0].scenes[0], k) for k in range(motion_scenes)]
    held_out = Adapter('motion', motion, motion)
    dr.train_adapter(held_out, dr.adapter_data(held_out, None, st), st, progress=False)
    motion_acc = lambda adapters: [float(wm.motion_accuracy(dr.generate_scene(s, st, adapters, seed=k, progress=False), s)) for k, s in enumerate(cases)]
    without, with_lora = motion_acc([]), motion_acc([held_out])   # scene by scene: the LoRA's gain is a paired difference
    res['held_out_motion'] = dict(motion=motion, clips=len(cases), without=float(np.nanmean(without)), with_lora=float(np.nanmean(with_lora)),
                                  per_scene=dict(without=without, with_lora=with_lora))

    # 3. a held-out character across three scenes, without and with its character LoRA
    who = next(c for c in CAST if c.name == HELD_OUT_CHARACTERS[0])
    stories = one_character_scenes(who, [m for m in training_cast_and_motions()[1]], character_scenes, 20)
    character = Adapter('character', who.name, who.tag)   # trained as the pipeline trains it (under SR3AI if the model declares adapter_slots)
    dr.train_adapter(character, dr.adapter_data(character, stories[0], st), st, progress=False)
    laid_out = [lay_out(s.scenes[0], k) for k, s in enumerate(stories)]
    def ident(adapters) -> tuple:   # scene by scene: (colour identity, whole-character identity)
        videos = [dr.generate_scene(s, st, adapters, seed=k, progress=False) for k, s in enumerate(laid_out)]
        return tuple([float(f(v, s)) for v, s in zip(videos, laid_out)] for f in (wm.identity_accuracy, wm.character_identity))
    (c0, w0), (c1, w1) = ident([]), ident([character])
    mean = lambda x: float(np.nanmean(x))
    res['held_out_character'] = dict(character=who.name, scenes=len(stories), without=mean(w0), with_lora=mean(w1), colour_without=mean(c0),
                                     colour_with_lora=mean(c1), regions=bool(getattr(dr.video, 'adapter_slots', False)),
                                     per_scene=dict(colour_without=c0, colour_with_lora=c1, without=w0, with_lora=w1))

    # 4. the README's main job
    if held_out_only: return res
    res['main_job_s'] = main_job(model, threads, dtype, guidance)
    return res

def lora_gain(per_scene:dict, without:str='without', with_lora:str='with_lora') -> str:
    "A held-out LoRA's gain scene by scene (`paired_interval`), as '+gain (low .. high)'; '' for results saved without their scenes."
    if not per_scene: return ''
    d = paired_interval(per_scene[without], per_scene[with_lora])
    return f" (gain {d['diff']:+.3f}, {d['low']:+.3f} .. {d['high']:+.3f})"

def print_tables(results:list):
    for r in results:
        if 'world' not in r:   # --held-out-only
            print(f"\n### {r['model']} ({r['size']}, {r['steps']} steps, {r.get('layout', 'planned')} layouts, {r.get('dtype', 'float32')}, guidance {r.get('guidance', '?')}): held-out LoRAs\n")
            print('| measure | | | SR3AI off | SR3AI on |\n|---|---|---|---|---|')
            print_held_out(r)
            continue
        print(f"\n### {r['model']} ({r['size']}, {r['steps']} steps, {r['scenes']} held-out stories, {r.get('layout', 'planned')} layouts, {r.get('dtype', 'float32')}, guidance {r.get('guidance', '?')})\n")
        print('| measure | world (acted) | through the VAE | SR3AI off | SR3AI on |\n|---|---|---|---|---|')
        names = dict(NAMES, on_time=f"{NAMES['on_time']} (chance {r['on_time_chance']:.2f})") if 'on_time_chance' in r else NAMES
        for k in SCENE_METRICS + tuple(k for k in ACTED if k in r['sr3ai']):   # results saved before the acted rows have none
            print(f"| {names[k]} | {r['world'][k]:.3f} | {r['vae'][k]:.3f} | {r['plain'][k]:.3f} | {r['sr3ai'][k]:.3f} |")
        if 'held_out_motion' not in r:   # --stories-only
            print(f"| seconds per scene | | | {r['s_per_scene_plain']:.2f} | {r['s_per_scene_sr3ai']:.2f} |")
            continue
        print_held_out(r)
        print(f"| seconds per scene | | | {r['s_per_scene_plain']:.2f} | {r['s_per_scene_sr3ai']:.2f} |")
        print(f"| README main job, empty cache (s) | | | | {r['main_job_s']:.1f} |")

def print_held_out(r:dict):
    "The table rows of the held-out motion's and character's LoRAs, each gain with its 95% interval over the scenes."
    m, c = r['held_out_motion'], r['held_out_character']
    print(f"| held-out motion {m['motion']!r}: motion accuracy ({m['clips']} scenes, LoRA lr {r.get('adapter_lr', 1e-3):g}) | | | without LoRA {m['without']:.3f} | with LoRA {m['with_lora']:.3f}{lora_gain(m.get('per_scene'))} |")
    how = 'trained under SR3AI regions' if c.get('regions') else 'trained on whole frames'
    if 'colour_without' in c:
        gain = lora_gain(c.get('per_scene'), 'colour_without', 'colour_with_lora')
        print(f"| held-out character {c['character']!r}: colour identity ({c['scenes']} scenes, LoRA {how}) | | | without LoRA {c['colour_without']:.3f} | with LoRA {c['colour_with_lora']:.3f}{gain} |")
    print(f"| held-out character {c['character']!r}: whole-character identity ({c['scenes']} scenes) | | | without LoRA {c['without']:.3f} | with LoRA {c['with_lora']:.3f}{lora_gain(c.get('per_scene'))} |")

def print_comparison(results:list):
    "Each model against the first, story by story on the held-out stories with SR3AI (`paired_difference`): the gap and its 95% interval."
    base = results[0]
    for r in results[1:]:
        if 'per_scene' not in base or 'per_scene' not in r or base['scenes'] != r['scenes']: continue
        print(f"\n### {r['model']} minus {base['model']}, SR3AI on, story by story ({r['scenes']} held-out stories; 95% bootstrap interval)\n")
        print('| measure | difference | interval | stories with the measure in both |\n|---|---|---|---|')
        a, b = base['per_scene']['sr3ai'], r['per_scene']['sr3ai']
        both = tuple(k for k in ACTED if k in a[0] and k in b[0])   # results saved before the acted rows have none
        for k in SCENE_METRICS + both:
            d = paired_difference(a, b, k) if k in SCENE_METRICS else paired_interval([x[k] for x in a], [x[k] for x in b])
            if d['scenes']: print(f"| {NAMES[k]} | {d['diff']:+.3f} | {d['low']:+.3f} .. {d['high']:+.3f} | {d['scenes']} |")
        if r.get('on_time_chance') != base.get('on_time_chance'):   # a blind guess scores differently at other frame counts
            print(f"\nOn time: a blind guess scores {r['on_time_chance']:.2f} at {r['size']} and {base['on_time_chance']:.2f} at {base['size']}; "
                  'compare each model with its own chance, not with each other.')

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--models', nargs='+', default=['embedded'], help="pipeline folders; 'embedded' is the shipped model")
    ap.add_argument('--scenes', type=int, default=24, help='held-out one-scene stories')
    ap.add_argument('--steps', type=int, default=None, help="denoising steps (default: each model's own, 25 unless its folder declares steps)")
    ap.add_argument('--guidance', type=float, default=None, help="guidance scale (default: each model's own)")
    ap.add_argument('--stories-only', action='store_true', help='only the held-out stories: no LoRAs, no main job')
    ap.add_argument('--held-out-only', action='store_true', help="only the held-out motion's and character's LoRAs: no stories, no main job")
    ap.add_argument('--held-out-scenes', type=int, nargs=2, default=(6, 3), metavar=('MOTION', 'CHARACTER'),
                    help="scenes of the held-out motion and of the held-out character (default 6 3)")
    ap.add_argument('--threads', type=int, default=1)
    ap.add_argument('--dtype', default=None, choices=('float32', 'bfloat16'), help="every model's weights in this dtype (default: each model's own)")
    ap.add_argument('--adapter-lr', type=float, default=None, help="the held-out LoRAs' learning rate (default: each model's own)")
    ap.add_argument('--json', default=None, help='also save the results here')
    ap.add_argument('--load', nargs='+', default=None, help='print the tables of results saved by --json (measure nothing)')
    args = ap.parse_args()
    if args.load:
        results = [r for f in args.load for r in json.loads(Path(f).read_text())]
        print_tables(results); print_comparison(results)
        return
    torch.set_num_threads(args.threads)
    import datasets; datasets.disable_progress_bars()
    results = []
    for m in args.models:
        results.append(measure(None if m == 'embedded' else m, args.scenes, args.steps, args.threads, dtype=args.dtype, guidance=args.guidance,
                               stories_only=args.stories_only, adapter_lr=args.adapter_lr,
                               held_out_only=args.held_out_only, motion_scenes=args.held_out_scenes[0], character_scenes=args.held_out_scenes[1]))
        if args.json: Path(args.json).write_text(json.dumps(results, indent=1) + '\n')
    print_tables(results)
    print_comparison(results)
    print(f'\n{args.threads} thread(s), torch {torch.__version__}; adapters with the pipeline\'s default settings')

if __name__ == '__main__': main()
