"""What a latent of a VAE's size can hold, and what VAEs keep of it: the Shapes-world measures of held-out stories as the world
acts them, after a linear codec of the VAE's compression (`toymodel2.BlockCodec`: the top k principal directions of blocks of
4x4 pixels over the frames a latent frame holds, fitted on training stories) and after a round trip through each given VAE. Nothing is generated:
these are the ceilings a transformer works under.

    python benchmarks/vae_ceiling.py [--config v3] [--components 8,16,32] [--fit 64] [--vaes PATH ...] [--scenes 24] [--threads 1]

A VAE is a pipeline folder (its `vae` is used) or a VAE stage checkpoint (`vae.checkpoint.pt` or `decoder.checkpoint.pt`;
then `--config` gives its sizes, and `--latent-channels` and `--vae-time` its latent channels and temporal compression if they differ).
"""
import argparse, dataclasses, time
from pathlib import Path
import torch

def load_vae(path:str, cfg):
    "The VAE of a pipeline folder, or of a VAE stage checkpoint built at `cfg`'s sizes."
    from diffusers import AutoencoderKLCogVideoX
    from dreamrunner.toymodel import build_toy_pipeline
    p = Path(path)
    if p.is_dir(): return AutoencoderKLCogVideoX.from_pretrained(p/'vae' if (p/'vae').is_dir() else p).eval()
    vae = build_toy_pipeline(cfg).vae
    vae.load_state_dict(torch.load(p, weights_only=False, map_location='cpu')['vae'])
    return vae.eval()

def rows(cfg, components:list, vaes:list, n_scenes:int, n_fit:int) -> dict:
    "{name: mean scene measures} for the world itself, each codec of `components` numbers a block, and each VAE."
    from dreamrunner.toymodel2 import BlockCodec, story_frames, vae_ceiling, world_ceiling
    out = {'world (acted)': world_ceiling(lambda f: f, cfg, n_scenes)}
    train = [story_frames(i, cfg) for i in range(n_fit)]   # training stories (data seed 0); the measured ones are held out
    for k in components: out[f'linear codec, k = {k}'] = world_ceiling(BlockCodec.fit(train, k, t=cfg.vae_time).round_trip, cfg, n_scenes)
    for path in vaes: out[f'VAE {path}'] = vae_ceiling(load_vae(path, cfg), cfg, n_scenes)
    return out

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--config', default='v3', help="the embedded-model configuration whose frames (and VAE sizes) to use")
    ap.add_argument('--latent-channels', type=int, default=None, help="a checkpoint's latent channels, where not the configuration's")
    ap.add_argument('--vae-time', type=int, default=None, help="a checkpoint's temporal compression (frames a latent frame holds), where not the configuration's")
    ap.add_argument('--components', default='8,16,32', help='numbers a block of the linear codecs, comma-separated (empty: none)')
    ap.add_argument('--fit', type=int, default=64, help='training stories the codecs are fitted on')
    ap.add_argument('--vaes', nargs='*', default=[], help='pipeline folders or VAE stage checkpoints')
    ap.add_argument('--scenes', type=int, default=24, help='held-out one-scene stories')
    ap.add_argument('--threads', type=int, default=1)
    args = ap.parse_args()
    from dreamrunner.toymodel2 import toy_config
    from dreamrunner.worldmetrics import SCENE_METRICS
    torch.set_num_threads(args.threads)
    cfg = toy_config(args.config)
    if args.latent_channels: cfg = dataclasses.replace(cfg, latent_channels=args.latent_channels)
    if args.vae_time: cfg = dataclasses.replace(cfg, vae_time=args.vae_time)
    components = [int(k) for k in args.components.split(',') if k]
    if any(k < 1 for k in components): ap.error(f'components are positive; got {args.components}')
    missing = [v for v in args.vaes if not Path(v).exists()]   # before minutes of measuring, not after
    if missing: ap.error(f"no VAE at {', '.join(missing)}: give pipeline folders or VAE stage checkpoints")
    t0 = time.time()
    res = rows(cfg, components, args.vaes, args.scenes, args.fit)
    print('| round trip | ' + ' | '.join(SCENE_METRICS) + ' |')
    print('|---' * (len(SCENE_METRICS) + 1) + '|')
    for name, r in res.items(): print(f'| {name} | ' + ' | '.join(f'{r[k]:.3f}' for k in SCENE_METRICS) + ' |')
    fitted = f', codecs fitted on {args.fit} training stories' if components else ''
    print(f'\n{args.config} ({cfg.width}x{cfg.height}x{cfg.num_frames}, {cfg.vae_time} frames a latent frame), {args.scenes} held-out stories{fitted}, '
          f'{time.time() - t0:.0f} s on {args.threads} thread(s), torch {torch.__version__}')

if __name__ == '__main__': main()
