"The dreamrunner console script, run as a user runs it: examples plan offline; bad input ends in one clear line."
import json, os, subprocess, sys
from pathlib import Path
import pytest
from dreamrunner.plan import Story
from conftest import EXAMPLES, ROOT, in_process

def dreamrunner(*args, cwd=None):
    exe = Path(sys.executable).parent/'dreamrunner'
    return subprocess.run([str(exe), *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=300)

@pytest.mark.parametrize('story', sorted(EXAMPLES.glob('*.story')), ids=lambda p: p.name)
def test_examples_plan_offline(story, tmp_path):
    r = dreamrunner('plan', story, '--out', tmp_path/'run')
    assert r.returncode == 0, r.stderr
    out = tmp_path/'run'
    s = Story.load(out/'plan.json')
    assert len(s.scenes) >= 2 and all(len(x.key_frames) == 6 for x in s.scenes)
    for i in range(1, len(s.scenes) + 1):
        for name in ('key_frames.png', 'timeline.png', 'plan.txt', 'animatic.mp4', 'animatic.gif'):
            assert (out/f'scene_{i:02d}_{name}').stat().st_size > 0
    assert (out/'story.png').stat().st_size > 0
    assert 'warning' not in r.stdout  # the rule planner keeps its own layout rules

def test_example_with_two_characters_and_a_motion_change():
    from dreamrunner.planner import RulePlanner
    story = RulePlanner()((EXAMPLES/'witch_and_cat.story').read_text())
    first = story.scenes[0]
    assert len(story.characters) == 2 and len(first.characters) == 2
    witch = [r.motion for kf in first.key_frames for r in kf.regions if r.entity == 'witch']
    assert witch == ['walking'] * 3 + ['waving'] * 3

def test_default_out_folder_is_runs(tmp_path):
    r = dreamrunner('plan', EXAMPLES/'fox_journey.story', '--no_animatic', cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert (tmp_path/'runs'/'fox_journey'/'plan.json').exists()

def test_help_and_unknown_command():
    r = dreamrunner('--help'); assert r.returncode == 0 and 'plan' in r.stdout
    r = dreamrunner('plan', '--help'); assert r.returncode == 0 and '--llm' in r.stdout
    r = dreamrunner('paint'); assert r.returncode == 2 and "unknown command 'paint'" in r.stderr

WITCH = (EXAMPLES/'witch_and_cat.story').read_text()

def _plan_json(tmp_path, edit):
    "A valid plan.json of the witch story, edited by `edit(dict)`."
    from dreamrunner.planner import RulePlanner
    d = RulePlanner()(WITCH).to_dict()
    edit(d)
    p = tmp_path/'plan.json'; p.write_text(json.dumps(d)); return p

def _region(d, scene=1, kf=1, region=1): return d['scenes'][scene - 1]['key_frames'][kf - 1]['regions'][region - 1]

def _set(d, path, value):
    *keys, last = path
    for k in keys: d = d[k]
    d[last] = value

BAD_STORIES = {
    'unknown character': (WITCH.replace('cat: hopping', 'dog: hopping'), "witch_and_cat.story, line 11: unknown character 'dog' (known: witch, cat)"),
    'missing tag': (WITCH.replace('witch [v1]:', 'witch:'), "line 5: expected 'name [tag]: looks'"),
    'no scenes': ('title: t\ncharacters:\n  a [v1]: an owl\n', "no 'scene:' block"),
    'no title': (WITCH.replace('title: The Witch and Her Cat', ''), "missing 'title:' line"),
    'stray line': (WITCH.replace('characters:', 'characters:\nonce upon a time'), "expected 'title:', 'characters:' or 'scene:'"),
    'duplicate tag': (WITCH.replace('cat [v2]', 'cat [v1]'), "character 'cat': tag [v1] is used by two characters"),
    'too many motions': (WITCH.replace('cat: hopping', 'cat: hopping, sitting, waving'), 'scene 1: has 5 motions; at most 4'),
    'three motions in a row for 6 key frames': (WITCH.replace('witch: walking, waving', 'witch: walking, waving, jumping, sitting').replace('  cat: hopping\n', ''),
                                                '4 motions in a row need at least 8 key frames'),
}

@pytest.mark.parametrize('case', BAD_STORIES, ids=str)
def test_bad_story_scripts(case, tmp_path):
    text, message = BAD_STORIES[case]
    p = tmp_path/'witch_and_cat.story'; p.write_text(text)
    r = dreamrunner('plan', p, '--out', tmp_path/'out')
    assert r.returncode == 1, r.stdout
    assert message in r.stderr and 'Traceback' not in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert not (tmp_path/'out'/'plan.json').exists()

BAD_PLANS = {
    'box outside [0,1]': (lambda d: _set(_region(d), ['box', 2], 1.3), "scene 1, key frame 1, region 'witch': x1=1.3 is outside [0, 1]"),
    'inverted box': (lambda d: _set(_region(d, 2, 3), ['box', 0], 0.95), "scene 2, key frame 3, region 'witch': x0=0.95 is not < x1="),
    'empty caption': (lambda d: _set(_region(d, 1, 2, 2), ['caption'], ''), "scene 1, key frame 2, region 'cat': caption is empty"),
    'unknown tag': (lambda d: _set(_region(d, 1, 4, 2), ['caption'], 'A [v7] dog is hopping'), "scene 1, key frame 4, region 'cat': caption 'A [v7] dog is hopping' uses unknown character tag [v7]"),
    'motion on one key frame': (lambda d: _set(_region(d, 1, 3), ['motion'], 'jumping'), "scene 1, key frame 3, region 'witch': motion 'jumping' lasts only 1 key frame"),
    'missing field': (lambda d: _region(d, 1, 1, 1).pop('box'), "scene 1, key frame 1, region 1: missing field 'box'"),
    'box of 3 numbers': (lambda d: _set(_region(d), ['box'], [0.1, 0.2, 0.3]), 'box must be 4 numbers'),
    'unknown character in motions': (lambda d: _set(d['scenes'][0]['motions'][0], ['who'], ['wizard']), "scene 1, motion 'walking': unknown character 'wizard'"),
    'future format': (lambda d: _set(d, ['format'], 'dreamrunner-plan/9'), "unsupported plan format 'dreamrunner-plan/9'"),
}

@pytest.mark.parametrize('case', BAD_PLANS, ids=str)
def test_bad_plan_json(case, tmp_path):
    edit, message = BAD_PLANS[case]
    r = dreamrunner('plan', _plan_json(tmp_path, edit), '--out', tmp_path/'out', '--no_animatic')
    assert r.returncode == 1, r.stdout
    assert message in r.stderr and 'Traceback' not in r.stderr, r.stderr

def test_malformed_json_file(tmp_path):
    p = tmp_path/'plan.json'; p.write_text('{"title": "t", "scenes": [')
    r = dreamrunner('plan', p)
    assert r.returncode == 1 and 'not valid JSON' in r.stderr and str(p) in r.stderr

def test_missing_story_file(tmp_path):
    r = dreamrunner('plan', tmp_path/'nope.story')
    assert r.returncode == 1 and 'no such story file' in r.stderr

def test_binary_story_file(tmp_path):
    p = tmp_path/'x.story'; p.write_bytes(b'\xff\xfe\x00\x81')
    r = dreamrunner('plan', p)
    assert r.returncode == 1 and 'not a UTF-8 text file' in r.stderr

def test_llm_backends_need_configuration(tmp_path):
    env = {k: v for k, v in os.environ.items() if 'LLM' not in k and not k.startswith('OPENAI')}
    exe = Path(sys.executable).parent/'dreamrunner'
    r = subprocess.run([str(exe), 'plan', str(EXAMPLES/'fox_journey.story'), '--llm', 'openai', '--llm_model', 'm'],
                       capture_output=True, text=True, env=env, timeout=60)
    assert r.returncode == 1 and 'no LLM server configured' in r.stderr and 'Traceback' not in r.stderr
    r = dreamrunner('plan', EXAMPLES/'fox_journey.story', '--llm', 'transformers', '--llm_model', tmp_path/'none')
    assert r.returncode == 1 and 'no local model folder' in r.stderr

def test_readme_main_job_tells_the_example_story(tmp_path):
    "The README's main command, as written there, on the embedded model with an empty adapter cache."
    env = {**os.environ, 'DREAMRUNNER_CACHE': str(tmp_path/'cache')}
    r = subprocess.run([str(Path(sys.executable).parent/'dreamrunner'), 'run', 'examples/shapes_friends.story', '--out', str(tmp_path/'run'), '--quiet'],
                       capture_output=True, text=True, cwd=ROOT, env=env, timeout=900)
    assert r.returncode == 0, r.stderr[-3000:]
    out = tmp_path/'run'
    for name in ('story.mp4', 'story.gif', 'contact_sheet.png', 'plan.json', 'run.json', 'scene_01.mp4', 'scene_02.mp4'):
        assert (out/name).stat().st_size > 0, name
    m = json.loads((out/'run.json').read_text())
    assert m['identity']['model'].startswith('embedded:') and m['stages']['motion:zigzagging']['adapter']
    import numpy as np
    frames = np.load(out/'scene_01.npz')['frames']
    st = m['identity']['settings']
    assert frames.shape == (st['num_frames'], st['height'], st['width'], 3) and frames.std() > 5   # a picture at the model's size, not a flat frame
    r = subprocess.run([str(Path(sys.executable).parent/'dreamrunner'), 'eval', str(out)], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0 and 'world layout_iou' in r.stdout, r.stderr

def test_train_runs_a_stage_and_resumes(tmp_path):
    "`dreamrunner train` runs model 2's VAE stage on the CPU, records the run, and continues from its checkpoint."
    for steps in (2, 3):
        r = dreamrunner('train', '--out', tmp_path, '--config', 'v2', '--vae-steps', steps, '--stages', 'vae', '--vae-batch', 2, '--vae-crop', 24,
                        '--threads', 1)
        assert r.returncode == 0, r.stderr
        assert 'stages vae done' in r.stdout
    log = json.loads((tmp_path/'training.json').read_text())
    assert [run['stages']['vae']['from_step'] for run in log['runs']] == [0, 2] and log['stages']['vae']['steps'] == 3
    assert all(run['device'] == 'cpu' for run in log['runs']) and (log['recipe']['vae_batch'], log['recipe']['vae_crop']) == (2, 24)

@pytest.mark.parametrize('args, says', [
    (('--config', 'v1', '--stages', 'vae'), '--stories, --stages, --vae_batch and --vae_crop are for --config v2 to v14'),
    (('--config', 'v1', '--vae_batch', '4'), '--stories, --stages, --vae_batch and --vae_crop are for --config v2 to v14'),
    (('--config', 'v1', '--vae_crop', '24'), '--stories, --stages, --vae_batch and --vae_crop are for --config v2 to v14'),
    (('--config', 'v10', '--vae_crop', '22'), "--vae_crop must be a multiple of 4 (the VAE's spatial compression of v10); got 22"),
    (('--vae_crop', '0'), 'must be whole numbers >= 1; got vae_crop 0'),
    (('--stages', 'vae,bake'), "unknown stages ['bake']"),
    (('--vae_steps', '0'), 'training steps, stories, the VAE batch and crop must be whole numbers >= 1; got vae_steps 0'),
    (('--vae_batch', '0'), 'must be whole numbers >= 1; got vae_batch 0'),
    (('--device', 'cuda:7'), 'no CUDA GPU'),
    (('--config', 'v4'), '--config v4 refines a finished v3 run: give its folder with --base'),
    (('--base', 'runs/toymodel3'), '--base is for --config v4, v5, v6, v7, v8, v9, v11, v12, v14, v15, v16, v17, v18 or v19'),
    (('--config', 'v5'), '--config v5 refines a finished v3 run: give its folder with --base'),
    (('--config', 'v9'), '--config v9 refines a finished v7 run: give its folder with --base'),
    (('--config', 'v11'), '--config v11 refines a finished v10 run: give its folder with --base'),
    (('--config', 'v12'), '--config v12 refines a finished v11 run: give its folder with --base'),
    (('--config', 'v14'), '--config v14 refines a finished v13 run: give its folder with --base'),
    (('--config', 'v15'), '--config v15 refines a finished v14 run: give its folder with --base'),
    (('--config', 'v15', '--base', 'runs/toymodel14', '--stories', '8'), 'of the steps, give only --transformer_steps'),
    (('--config', 'v16'), '--config v16 refines a finished v14 run: give its folder with --base'),
    (('--config', 'v16', '--base', 'runs/toymodel14', '--transformer_steps', '8'), 'trains the decoder only: of the steps, give only --decoder_steps and --stories'),
    (('--config', 'v16', '--base', 'no/such/run'), 'holds no finished model (no pipeline folder): train it first'),
    (('--config', 'v4', '--base', 'runs/toymodel3', '--stories', '8'), 'of the steps, give only --transformer_steps'),
    (('--config', 'v14', '--base', 'runs/toymodel13', '--vae_steps', '8'), 'of the steps, give only --transformer_steps and --stories'),
    (('--config', 'v4', '--base', 'runs/toymodel3', '--stages', 'vae'), 'of the steps, give only --transformer_steps'),
    (('--config', 'v4', '--base', 'no/such/run'), 'holds no finished model (no pipeline folder): train it first'),
    (('--processes', '3'), '--processes must be at least 1 and divide --batch 8; got 3'),
    (('--config', 'v1', '--processes', '2'), '--processes is for training v2 to v16 on CPU cores'),
    (('--workers', '2'), '--workers and --seconds are for --config v17 and v18'),
    (('--config', 'v17', '--base', 'runs/toymodel14', '--seconds', '60', '--transformer_steps', '9'), 'give --seconds or --transformer_steps, not both'),
    (('--config', 'v17', '--base', 'runs/toymodel14', '--seconds', '0'), '--workers must be >= 0 and --seconds > 0'),
])
def test_train_refuses_bad_options(args, says, tmp_path):
    rc, _, err = in_process('train', '--out', tmp_path/'t', *args)
    assert rc == 1 and says in err and 'Traceback' not in err, err
    assert not (tmp_path/'t').exists()

def test_run_on_a_wan_folder(tmp_path):
    "`dreamrunner run --model` on a Wan 2.1 folder (tiny, random weights): every stage, SR3AI's cross-attention form."
    from dreamrunner.tiny import tiny_wan_pipeline
    from dreamrunner.videodb import shapes_library
    tiny_wan_pipeline().save_pretrained(tmp_path/'wan')
    shapes_library(tmp_path/'library', motions=['walking', 'jumping'], clips_per_motion=4)
    story = tmp_path/'s.story'
    story.write_text('title: Two friends\ncharacters:\n  ruby [v1]: red circle with a yellow hat\n  bluey [v2]: blue square with an orange bow\n'
                     'scene: a meadow\n  ruby: walking\n  bluey: jumping\n')
    args = ('run', story, '--out', tmp_path/'run', '--model', tmp_path/'wan', '--library', tmp_path/'library', '--height', 48, '--width', 64,
            '--frames', 9, '--steps', 2, '--motion_steps', 2, '--character_steps', 2, '--guidance', 5.0, '--quiet')
    env_cache = {'DREAMRUNNER_CACHE': str(tmp_path/'cache')}
    run = lambda *a: subprocess.run([str(Path(sys.executable).parent/'dreamrunner'), *map(str, a)], capture_output=True, text=True,
                                    timeout=300, env={**os.environ, **env_cache})
    r = run(*args)
    assert r.returncode == 0, r.stderr
    m = json.loads((tmp_path/'run'/'run.json').read_text())
    assert m['stages']['scene:01']['attention'] == 'dense'
    assert sorted(m['stages']['scene:01']['adapters']) == ['character_bluey', 'character_ruby', 'motion_jumping', 'motion_walking']
    assert (tmp_path/'run'/'story.mp4').stat().st_size > 0
    # resume, a Wan size rule (4k+1 frames) and the evaluation are checked in 40_pipeline and 90_cli: here only what the CLI adds

@pytest.mark.parametrize('config', ['v4', 'v5'])
def test_train_refines_a_finished_run(config, tmp_path):
    """`dreamrunner train --config v4|v5 --base` trains a finished v3 run on (here a small one of v3's size) into a model folder, its
    transformer stage in a training group of two processes: v4 on normalised latents, v5 on the run's own latents."""
    from dataclasses import replace
    from dreamrunner.toymodel2 import CONFIGS, train
    small = replace(CONFIGS['v3'], layers=1, vae_channels=(8, 16, 16))
    train(tmp_path/'v3', small, vae_steps=1, stories=2, shard=2, transformer_steps=1, decoder_steps=1, batch=2, progress=False)
    r = dreamrunner('train', '--out', tmp_path/config, '--config', config, '--base', tmp_path/'v3', '--transformer_steps', 1, '--batch', 2,
                    '--threads', 1, '--processes', 2)
    assert r.returncode == 0, r.stderr
    assert (tmp_path/config/'pipeline'/'settings.json').exists() and 'saved the pipeline' in r.stdout
    import torch
    assert len(torch.load(tmp_path/config/'transformer.checkpoint.pt', weights_only=False)['rng']) == 2   # each process's draws
    scale = lambda run: json.loads((tmp_path/run/'pipeline'/'vae'/'config.json').read_text())['scaling_factor']
    assert scale(config) == (1.0 if config == 'v4' else scale('v3'))
    assert (tmp_path/config/'latents').exists() == (config == 'v4')
    assert json.loads((tmp_path/config/'training.json').read_text())['name'] == config

def test_train_v14_encodes_anew_on_a_finished_v13_run(tmp_path):
    """`dreamrunner train --config v14 --base` takes a finished v13 run's VAE and text encoder (here a small one), encodes
    `--stories` stories anew at v14's 80x80 frames (in a training group where one is asked for, as `train` does), and trains a new transformer with absolute positions."""
    from dataclasses import replace
    from dreamrunner.toymodel2 import CONFIGS, train
    small = replace(CONFIGS['v13'], layers=1, vae_channels=(8, 16, 16))
    train(tmp_path/'v13', small, vae_steps=1, stories=2, shard=2, transformer_steps=1, decoder_steps=1, batch=2, progress=False, recipe_name='v13')
    rc, out, err = in_process('train', '--out', tmp_path/'v14', '--config', 'v14', '--base', tmp_path/'v13', '--stories', 4,
                              '--transformer_steps', 1, '--batch', 2, '--threads', 1)
    assert rc == 0 and 'saved the pipeline' in out, err
    import torch
    shards = sorted((tmp_path/'v14'/'latents').glob('*.pt'))
    assert len(shards) == 1 and torch.load(shards[0], weights_only=False)['latents'].shape == (4, 13, 16, 20, 20)   # 25 frames of 80x80
    t = json.loads((tmp_path/'v14'/'pipeline'/'transformer'/'config.json').read_text())
    assert (t['use_rotary_positional_embeddings'], t['patch_size_t'], t['sample_height']) == (False, None, 20)
    log = json.loads((tmp_path/'v14'/'training.json').read_text())
    assert (log['name'], log['stages']['latents']['samples'], log['stages']['transformer']['steps']) == ('v14', 4, 1)
    vae = lambda run: (tmp_path/run/'pipeline'/'vae'/'diffusion_pytorch_model.safetensors').read_bytes()
    assert vae('v14') == vae('v13')   # the base run's VAE, as it is
    assert json.loads((tmp_path/'v14'/'pipeline'/'settings.json').read_text())['decode_frames'] == 13   # a scene's latent frames at once
    from dreamrunner.toymodel2 import snapshot
    snap = snapshot(tmp_path/'v14')   # a model to look at while it trains: the base's VAE, the checkpoint's transformer
    assert snap.name == 'snapshot-1' and json.loads((snap/'settings.json').read_text())['layout'] == 'tracked'
    assert (snap/'vae'/'diffusion_pytorch_model.safetensors').read_bytes() == vae('v13')
    # v15 trains that finished v14 run's own transformer on further, on its own latents
    rc, out, err = in_process('train', '--out', tmp_path/'v15', '--config', 'v15', '--base', tmp_path/'v14', '--transformer_steps', 1,
                              '--batch', 2, '--threads', 1)
    assert rc == 0 and 'saved the pipeline' in out, err
    assert json.loads((tmp_path/'v15'/'training.json').read_text())['name'] == 'v15' and not (tmp_path/'v15'/'latents').exists()
    assert vae('v15') == vae('v13') and json.loads((tmp_path/'v15'/'pipeline'/'settings.json').read_text())['decode_frames'] == 13
    weights = lambda run: (tmp_path/run/'pipeline'/'transformer'/'diffusion_pytorch_model.safetensors').read_bytes()
    assert weights('v15') != weights('v14')
    # v16 keeps that v14 run's transformer and trains its decoder on what the model generates for training stories
    rc, out, err = in_process('train', '--out', tmp_path/'v16', '--config', 'v16', '--base', tmp_path/'v14', '--stories', 2,
                              '--decoder_steps', 2, '--threads', 1)
    assert rc == 0 and 'saved the pipeline' in out, err
    log = json.loads((tmp_path/'v16'/'training.json').read_text())
    assert (log['name'], log['stages']['samples']['samples'], log['stages']['decoder']['steps']) == ('v16', 2, 2)
    assert torch.load(tmp_path/'v16'/'samples'/'00001.pt').shape == (13, 16, 20, 20)   # a scene's latents as the pipeline returns them
    assert weights('v16') == weights('v14') and vae('v16') != vae('v14')
    settings = lambda run: json.loads((tmp_path/run/'pipeline'/'settings.json').read_text())
    assert settings('v16') == settings('v14')   # it runs as its base runs
    # v17 trains that v14 run's own transformer on, its stories rendered by worker processes and encoded anew, its batches
    # assembled by DataLoader workers (on a GPU where one is given; here on the CPU)
    rc, out, err = in_process('train', '--out', tmp_path/'v17', '--config', 'v17', '--base', tmp_path/'v14', '--stories', 4,
                              '--transformer_steps', 2, '--batch', 2, '--workers', 2, '--threads', 1)
    assert rc == 0 and 'saved the pipeline' in out, err
    lat = lambda run: torch.load(tmp_path/run/'latents'/'00000.pt', weights_only=False)['latents'].float()
    assert (lat('v17') - lat('v14')).abs().max() < 0.02   # the same stories through the same VAE (stored in half precision)
    log = json.loads((tmp_path/'v17'/'training.json').read_text())
    assert (log['name'], log['stages']['latents']['samples'], log['stages']['transformer']['steps']) == ('v17', 4, 2)
    assert vae('v17') == vae('v14') and weights('v17') not in (weights('v14'), weights('v15'))
    assert settings('v17') == settings('v14')
    # v18 trains a finished v17 run on as v17 trains, on its own seed's stories; and a v18 run on again (a chain of GPU runs)
    for out, base, seed in (('v18', 'v17', 1), ('v18b', 'v18', 2)):
        rc, out_, err = in_process('train', '--out', tmp_path/out, '--config', 'v18', '--base', tmp_path/base, '--stories', 4,
                                   '--transformer_steps', 1, '--batch', 2, '--workers', 2, '--seed', seed, '--threads', 1)
        assert rc == 0 and 'saved the pipeline' in out_, err
        assert torch.load(tmp_path/out/'latents'/'00000.pt', weights_only=False)['seed'] == seed   # other stories than the link before
        assert weights(out) != weights(base) and vae(out) == vae('v14')
    rc, _, err = in_process('train', '--out', tmp_path/'x', '--config', 'v18', '--base', tmp_path/'v14', '--transformer_steps', 1)
    assert rc == 1 and 'v18 refines a finished v17 run (or v18 run)' in err and not (tmp_path/'x').exists(), err
    # v19 distils a finished v17 or v18 run (here the chain's last link) into a model that generates at guidance 1, in one
    # pass, what it generated at guidance 3; it keeps its base's adapter learning rate
    from dreamrunner.pipeline import save_model_settings
    save_model_settings(tmp_path/'v18b'/'pipeline', **settings('v18b'), adapter_lr=0.003)
    rc, _, err = in_process('train', '--out', tmp_path/'y', '--config', 'v19', '--base', tmp_path/'v18b', '--transformer_steps', 1)
    assert rc == 1 and 'made with --seed 2: give --seed 2' in err and not (tmp_path/'y').exists(), err   # its latents are that seed's stories
    rc, out, err = in_process('train', '--out', tmp_path/'v19', '--config', 'v19', '--base', tmp_path/'v18b', '--transformer_steps', 1,
                              '--batch', 2, '--seed', 2, '--threads', 1)
    assert rc == 0 and 'saved the pipeline' in out, err
    log = json.loads((tmp_path/'v19'/'training.json').read_text())
    assert (log['name'], log['recipe']['distil'], log['stages']['transformer']['steps']) == ('v19', 3.0, 1)
    assert settings('v19') == {**settings('v18b'), 'guidance': 1.0} and not (tmp_path/'v19'/'latents').exists()
    assert weights('v19') != weights('v18b') and vae('v19') == vae('v14')
    rc, _, err = in_process('train', '--out', tmp_path/'y', '--config', 'v19', '--base', tmp_path/'v14', '--transformer_steps', 1)
    assert rc == 1 and 'v19 refines a finished v17 or v18 run; ' in err and not (tmp_path/'y').exists(), err
