"""Does an embedded model draw the shape its captions name? Each held-out story is generated twice with one seed and SR3AI:
with its own captions, and with every shape word swapped (circle<->square, triangle<->hexagon, star<->diamond; the characters'
tokens and colours kept). For each run, how many characters show their own shape and how many their pair's. A model that reads
the word draws the pair's shape when its captions name it; one that ties the shape to the character keeps its own.

    python benchmarks/shape_words.py [--model embedded|PATH] [--scenes 24] [--steps 25] [--threads 1]
"""
import argparse, dataclasses
import torch

SWAP = dict(circle='square', square='circle', triangle='hexagon', hexagon='triangle', star='diamond', diamond='star')

def swap_shape_words(caption:str) -> str: return ' '.join(SWAP.get(w, w) for w in caption.split(' '))

def measure(model, n_scenes:int, steps:int, seed:int=999) -> dict:
    "Counts of characters showing their own / their pair's shape, with their own captions and with the shape words swapped."
    from dreamrunner.pipeline import DreamRunnerPipeline, StorySettings
    from dreamrunner.sr3ai import pipeline_grid, scene_frames, scene_slots
    from dreamrunner.toymodel2 import story_scene
    from dreamrunner.worldmetrics import looks_per_character
    dr = DreamRunnerPipeline.from_pretrained(model)
    st = dr.resolve_settings(StorySettings(steps=steps))
    H, W, F = st.height, st.width, st.num_frames
    counts = {k: 0 for k in ('characters', 'own: own', "own: pair's", 'swapped: own', "swapped: pair's")}
    for i in range(n_scenes):
        scene = story_scene(i, seed)
        slots = scene_slots(scene, pipeline_grid(dr.video, H, W, F))
        swapped = dataclasses.replace(slots, captions=[swap_shape_words(c) for c in slots.captions])
        for name, sl in (('own', None), ('swapped', swapped)):
            frames = scene_frames(dr.video, scene, H, W, F, True, steps, st.guidance, seed=i, slots=sl)
            shown = looks_per_character(frames, scene)
            for ch, (shape, _) in shown.items():
                counts[f'{name}: own'] += shape == ch.shape; counts[f"{name}: pair's"] += shape == SWAP[ch.shape]
        counts['characters'] += len(shown)
    return counts

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--model', default='embedded', help="a pipeline folder; 'embedded' is the shipped model")
    ap.add_argument('--scenes', type=int, default=24, help='held-out one-scene stories')
    ap.add_argument('--steps', type=int, default=25, help='denoising steps')
    ap.add_argument('--threads', type=int, default=1)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    c = measure(None if args.model == 'embedded' else args.model, args.scenes, args.steps)
    print("| model | characters | own captions: own shape | own captions: pair's shape | swapped words: own shape | swapped words: pair's (named) shape |")
    print('|---|---|---|---|---|---|')
    print(f'| {args.model} | ' + ' | '.join(str(v) for v in c.values()) + ' |')
    print(f'\n{args.scenes} held-out stories, {args.steps} steps, {args.threads} thread(s), torch {torch.__version__}')

if __name__ == '__main__': main()
