"""The paper's Table 3 in miniature on the embedded model: retrieval (motion LoRAs) on/off x SR3AI on/off,
on the Shapes-world example stories, scored by the exact Shapes-world metrics (x100). Prints a markdown table.

    python benchmarks/story_ablation.py [--model DIR] [--steps N] [--seeds 2] [--threads 2]
"""
import argparse, tempfile, time
from pathlib import Path
import numpy as np
import torch

ROOT = Path(__file__).resolve().parent.parent
STORIES = sorted((ROOT/'examples').glob('shapes_*.story'))

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--model', default=None, help='pipeline folder (default: the embedded model)')
    ap.add_argument('--steps', type=int, default=None, help="denoising steps (default: the model's own)")
    ap.add_argument('--seeds', type=int, default=2, help='seeds per story and setting')
    ap.add_argument('--threads', type=int, default=2)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    import datasets; datasets.disable_progress_bars()
    from dreamrunner.evaluate import world_metrics
    from dreamrunner.pipeline import DreamRunnerPipeline, StorySettings
    dr = DreamRunnerPipeline.from_pretrained(args.model, cache_dir=Path(tempfile.mkdtemp())/'adapters')
    print(f'| retrieval | SR3AI | layout IoU | identity | motion | s per story |\n|---|---|---|---|---|---|')
    for retrieval in (False, True):
        for sr3ai in (False, True):
            scores, times = [], []
            for story in STORIES:
                for seed in range(args.seeds):
                    t0 = time.time()
                    v = dr(story, steps=args.steps, seed=seed, retrieval=retrieval, sr3ai=sr3ai, characters=True, progress=False)
                    times.append(time.time() - t0); scores.append(world_metrics(v.story, v.clips))
            m = {k: np.nanmean([s[k] for s in scores]) for k in scores[0]}
            print(f"| {'on' if retrieval else 'off'} | {'on' if sr3ai else 'off'} | {m['layout_iou']:.1f} | {m['identity']:.1f} | {m['motion']:.1f} | {np.mean(times):.1f} |")
    steps = args.steps or f"the model's own {dr.resolve_settings(StorySettings()).steps}"
    print(f'\n{len(STORIES)} stories x {args.seeds} seeds, {steps} steps, {torch.get_num_threads()} threads; '
          'character adapters on throughout; the first setting with an adapter pays for its training (cached after)')

if __name__ == '__main__': main()
