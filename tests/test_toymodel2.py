"Model 2 of the embedded model: its pipeline generates a 25-frame SR3AI scene at its size, and every training stage steps and resumes."
import json
import numpy as np
import pytest
import torch
from dreamrunner.sr3ai import pipeline_grid, scene_frames
from dreamrunner.toymodel import build_toy_pipeline
from dreamrunner.adapt import Adapter, AdaptConfig
from dreamrunner.toymodel2 import STAGES, config_grid, story_frames, story_scene, toy_config, train

def test_pipeline_generates_a_scene_at_its_size():
    torch.set_num_threads(1)
    cfg = toy_config('v2')
    pipe = build_toy_pipeline(cfg)
    pipe.set_progress_bar_config(disable=True)
    assert pipeline_grid(pipe, cfg.height, cfg.width, cfg.num_frames) == config_grid(cfg)
    scene = next(s for s in map(story_scene, range(50)) if len(s.captions) >= 3)   # two motions in a row or two lines, and more
    frames = scene_frames(pipe, scene, cfg.height, cfg.width, cfg.num_frames, steps=2, seed=0)
    assert frames.shape == (25, 96, 96, 3) and frames.dtype == np.uint8
    assert config_grid(cfg).latent_frames == 7

def test_every_stage_steps_and_resumes(tmp_path):
    "Stopped after one step of every stage (one shard of latents), each stage goes on from where it stopped."
    torch.set_num_threads(1)
    kw = dict(config='v2', vae_steps=2, shard=1, batch=1, progress=False)
    assert train(tmp_path, stages=('vae',), **{**kw, 'vae_steps': 1}) is None
    assert train(tmp_path, stages=('vae', 'latents', 'transformer', 'decoder'), stories=2, transformer_steps=1, decoder_steps=1, **kw) is not None
    first = {s: torch.load(tmp_path/f'{s}.checkpoint.pt', weights_only=False)['losses'] for s in ('vae', 'transformer', 'decoder')}
    folder = train(tmp_path, stories=3, transformer_steps=2, decoder_steps=2, **kw)
    runs = [r['stages'] for r in json.loads((tmp_path/'training.json').read_text())['runs']]
    assert [list(r) for r in runs] == [['vae'], list(STAGES), list(STAGES)]
    assert runs[1]['vae']['from_step'] == 1 and runs[1]['vae']['to_step'] == 2
    for s in ('transformer', 'decoder'):   # each went on from its checkpoint: its first step is not redone
        assert runs[2][s]['from_step'] == 1 and runs[2][s]['to_step'] == 2
    for s, losses in first.items(): assert torch.load(tmp_path/f'{s}.checkpoint.pt', weights_only=False)['losses'][:len(losses)] == losses
    assert runs[2]['latents']['from_step'] == 2 and runs[2]['latents']['samples'] == 3   # two shards kept, one encoded
    assert (folder/'transformer'/'diffusion_pytorch_model.safetensors').is_file() and (folder/'vocabulary.json').is_file()

def test_model_10_two_frames_a_latent_frame_trains_and_generates(tmp_path):
    """Model 10 (`vae_time=2`, `patch_t=2`): 25 frames make 13 latent frames and 7 token frames (the first padded); every stage
    of its recipe (its VAE on 24-pixel windows, decoding means), the saved pipeline (decoding 4 latent frames at once), a scene
    and a motion adapter on windows follow it."""
    from dreamrunner.pipeline import DreamRunnerPipeline, load_model_settings
    torch.set_num_threads(1)
    cfg = toy_config('v10')
    assert config_grid(cfg).latent_frames == 7
    with pytest.raises(ValueError, match="vae_crop must be a multiple of 4"): train(tmp_path/'bad', config='v10', vae_crop=30)
    assert not (tmp_path/'bad').exists()   # refused before any folder is made
    folder = train(tmp_path, config='v10', vae_steps=1, stories=1, transformer_steps=1, decoder_steps=1, shard=1, batch=1, progress=False)
    r = json.loads((tmp_path/'training.json').read_text())['recipe']
    assert (r['vae_crop'], r['vae_sample']) == (24, False)
    declared = load_model_settings(folder)
    assert (declared['decode_frames'], declared['layout']) == (4, 'tracked')   # trained on tracked layouts, it asks for them
    pipe = DreamRunnerPipeline.from_pretrained(folder).video
    assert pipe.vae.num_latent_frames_batch_size == 4
    assert (pipe.vae.config.temporal_compression_ratio, pipe.transformer.config.temporal_compression_ratio, pipe.transformer.config.patch_size_t) == (2, 2, 2)
    assert pipeline_grid(pipe, cfg.height, cfg.width, cfg.num_frames) == config_grid(cfg)
    pipe.set_progress_bar_config(disable=True)
    frames = scene_frames(pipe, story_scene(1), cfg.height, cfg.width, cfg.num_frames, steps=1, seed=0)
    assert frames.shape == (25, 96, 96, 3)
    ad = Adapter(pipe, [story_frames(1, cfg)] * 2, ['A [v1] red circle with a yellow hat is walking'] * 2,
                 AdaptConfig(steps=1, rank=4, num_frames=25, height=96, width=96, window=6), tmp_path/'motion')
    assert ad.latents[0].shape[1] == 14 and ad.rope[0].shape[0] == 7 * 6 * 6   # 13 latent frames padded to 14: 7 token frames of 6 x 6
    assert set(ad.train_step()) <= {'spatial', 'temporal'}
