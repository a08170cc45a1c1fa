"""Where an embedded model loses what its VAE can show: each held-out story as the Shapes world acts it is encoded, noised
to a level (the share of the sampler's steps left to run, as the `strength` of diffusers' CogVideoX video-to-video
pipeline) and finished by the model with SR3AI; the scene measures at each level. Level 1 is generation from pure noise;
at a low level the world has already fixed every character's shape and path, and the model only draws the detail.

    python benchmarks/noise_levels.py [--model embedded|PATH] [--levels 0.3,0.6,0.9,1] [--scenes 12] [--steps 25] [--threads 1]
"""
import argparse
import numpy as np
import torch
from PIL import Image
from dreamrunner.worldmetrics import SCENE_METRICS, mean_scores, scene_scores

def finish(dr, scene, frames:np.ndarray, level:float, steps:int, guidance:float, seed:int) -> np.ndarray:
    "uint8 frames of `scene` finished by the model from the world's `frames` noised to `level` (1: from pure noise)."
    from diffusers import CogVideoXVideoToVideoPipeline
    from dreamrunner.sr3ai import install_sr3ai, scene_frames, sr3ai_inputs
    F, H, W = frames.shape[:3]
    if level >= 1: return scene_frames(dr.video, scene, H, W, F, True, steps, guidance, seed=seed)
    install_sr3ai(dr.video.transformer)
    v2v = CogVideoXVideoToVideoPipeline(**dr.video.components)   # the same weights and scheduler
    kw = sr3ai_inputs(dr.video, scene, H, W, F); kw.pop('num_frames')   # the number of frames is the video's
    # with patches in time (patch_size_t), video-to-video takes only whole token frames: pad the video at the front with its first
    # frame, as text-to-video pads its latents, and drop those frames again
    t, p = dr.video.vae_scale_factor_temporal, dr.video.transformer.config.patch_size_t or 1
    extra = -((F - 1) // t + 1) % p * t
    video = [Image.fromarray(frames[0])] * extra + [Image.fromarray(f) for f in frames]
    out = v2v(video=video, strength=level, num_inference_steps=steps, guidance_scale=guidance,
              output_type='np', generator=torch.Generator().manual_seed(seed), **kw)
    return (out.frames[0][extra:] * 255).round().astype(np.uint8)

def measure(model, levels:list, n_scenes:int, steps:int, seed:int=999) -> dict:
    "Mean scene measures of `model` (None: the shipped one) at each noise level, on `n_scenes` held-out stories."
    from dreamrunner.pipeline import DreamRunnerPipeline, StorySettings
    from dreamrunner.shapes import render_scene
    from dreamrunner.toymodel2 import story_scene
    dr = DreamRunnerPipeline.from_pretrained(model)
    st = dr.resolve_settings(StorySettings(steps=steps))
    scenes = [story_scene(i, seed) for i in range(n_scenes)]
    renders = [render_scene(s, n_frames=st.num_frames, size=(st.width, st.height), seed=i, act=True).frames for i, s in enumerate(scenes)]
    return {level: mean_scores([scene_scores(finish(dr, s, f, level, steps, st.guidance, i), s) for i, (s, f) in enumerate(zip(scenes, renders))])
            for level in levels}

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--model', default='embedded', help="a pipeline folder; 'embedded' is the shipped model")
    ap.add_argument('--levels', default='0.3,0.6,0.9,1', help='noise levels, comma-separated, in (0, 1]')
    ap.add_argument('--scenes', type=int, default=12, help='held-out one-scene stories')
    ap.add_argument('--steps', type=int, default=25, help="the sampler's steps from pure noise")
    ap.add_argument('--threads', type=int, default=1)
    args = ap.parse_args()
    levels = [float(x) for x in args.levels.split(',')]
    if not all(0 < x <= 1 for x in levels): ap.error(f'noise levels are in (0, 1]; got {args.levels}')
    torch.set_num_threads(args.threads)
    res = measure(None if args.model == 'embedded' else args.model, levels, args.scenes, args.steps)
    print(f'| noise level (steps run) | ' + ' | '.join(SCENE_METRICS) + ' |')
    print('|---' * (len(SCENE_METRICS) + 1) + '|')
    for level, r in res.items():
        print(f'| {level:g} ({int(args.steps * level)}) | ' + ' | '.join(f'{r[k]:.3f}' for k in SCENE_METRICS) + ' |')
    print(f'\n{args.model}, {args.scenes} held-out stories, {args.threads} thread(s), torch {torch.__version__}')

if __name__ == '__main__': main()
