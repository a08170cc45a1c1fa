"The benchmark scripts run and print their tables (tiny shapes: the numbers are measured where they matter, not here)."
import contextlib, io, runpy, subprocess, sys
import pytest
from conftest import ROOT

def _run(script:str, args, stdout, stderr):
    "Run a benchmark script as `python script ARGS` would, in this process (its imports paid once for all)."
    argv = sys.argv
    try:
        sys.argv = [script, *map(str, args)]
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr): runpy.run_path(str(ROOT/'benchmarks'/script), run_name='__main__')
    finally: sys.argv = argv

def bench(script:str, *args) -> str:
    "What a benchmark script prints (stdout) as it runs on `args` in this process."
    out = io.StringIO(); _run(script, args, out, io.StringIO())
    return out.getvalue()

def refused(script:str, *args) -> str:
    "What a benchmark script, run in this process, says on stderr as it refuses `args`."
    err = io.StringIO()
    with pytest.raises(SystemExit) as e: _run(script, args, io.StringIO(), err)
    assert e.value.code != 0
    return err.getvalue()

def test_attention_benchmark_wan():
    for family in ('wan',):   # the joint form's code path is the older one, and shared with it
        out = bench('attention.py', '--family', family, '--grids', '2x4x4', '--slots', '2', '--runs', '1', '--heads', '2', '--head-dim', '8')
        header, row = out.splitlines()[-2:]
        assert 'flex/un' in header and row.split()[0] == '2x4x4' and row.split()[1] == '3'

def test_training_group_benchmark():
    "One process, one with two threads, and a training group of two: each trains and is timed (model 1's small grid here)."
    r = subprocess.run([sys.executable, str(ROOT/'benchmarks'/'training_group.py'), '--config', 'v1', '--batch', '2', '--steps', '1'],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    rows = [l for l in r.stdout.splitlines() if l.startswith('| ') and 'x' in l.split('|')[1] and 'processes' not in l]
    assert [l.split('|')[1].strip() for l in rows] == ['1 x 1', '1 x 2', '2 x 1'] and all(float(l.split('|')[2]) > 0 for l in rows), r.stdout

def test_noise_levels_benchmark():
    "The shipped model finishes a held-out story from the world's own video noised halfway, and from pure noise: one row each."
    out = bench('noise_levels.py', '--scenes', '1', '--levels', '0.5,1', '--steps', '2')
    rows = [l.split('|') for l in out.splitlines() if l.startswith('| 0.5') or l.startswith('| 1 ')]
    assert [row[1].strip() for row in rows] == ['0.5 (1)', '1 (2)'], out
    assert all(0 <= float(row[4]) <= 1 for row in rows), out   # colour identity is measured at both levels
    assert 'noise levels are in (0, 1]' in refused('noise_levels.py', '--levels', '0,1')

def test_shape_words_benchmark():
    "The shipped model's first held-out story with its own captions and with its shape words swapped: one row of counts."
    out = bench('shape_words.py', '--scenes', '1', '--steps', '2')
    n, own, pair, swapped_own, swapped_pair = [int(x) for x in next(l for l in out.splitlines() if l.startswith('| embedded')).split('|')[2:-1]]
    assert n == 2 and own + pair <= n and swapped_own + swapped_pair <= n and min(own, pair, swapped_own, swapped_pair) >= 0, out

def test_vae_ceiling_benchmark():
    "The world, a linear codec and the shipped model's VAE, each measured on one held-out story: one row each."
    from dreamrunner.toymodel import toy_model_path
    out = bench('vae_ceiling.py', '--config', 'v1', '--scenes', '1', '--components', '4', '--fit', '2', '--vaes', toy_model_path())
    rows = {l.split('|')[1].strip(): l.split('|')[2:-1] for l in out.splitlines() if l.startswith('| ') and 'round trip' not in l}
    assert list(rows)[:2] == ['world (acted)', 'linear codec, k = 4'] and list(rows)[2].startswith('VAE '), out
    assert float(rows['world (acted)'][2]) == 1.0, out   # the world's own rendering: every character's colour where planned
    assert 'v1 (80x80x9, 4 frames a latent frame)' in out, out
    half = bench('vae_ceiling.py', '--config', 'v1', '--vae-time', '2', '--scenes', '1', '--components', '4', '--fit', '2')
    assert '| linear codec, k = 4 |' in half and '2 frames a latent frame' in half, half
    assert 'no VAE at no/such/vae.pt' in refused('vae_ceiling.py', '--vaes', 'no/such/vae.pt')

def test_train_step_benchmark():
    "A v17 step split into its parts for both kinds of batch, and the steps a second the workers and the main process keep up."
    out = bench('train_step.py', '--batch', '2', '--runs', '1', '--stories', '4', '--workers', '3')
    rows = {l.split('|')[1].strip(): [float(x) for x in l.split('|')[2:-1]] for l in out.splitlines() if l.startswith(('| whole', '| one'))}
    assert list(rows) == ['whole clips', 'one latent frame'] and all(len(r) == 5 and min(r) >= 0 for r in rows.values()), out
    assert rows['one latent frame'][4] < rows['whole clips'][4], out   # one latent frame of 13 costs less to train on
    assert '(3 workers)' in out and 'samples/s' in out, out

def test_character_adapter_benchmark():
    "The held-out character's LoRA at one tiny setting on the shipped model, trained each way: two rows of identities, each a share."
    out = bench('character_adapter.py', '--settings', '2:1e-3', '--scenes', '1', '--steps', '2', '--regions', 'both')
    rows = [l.split('|')[1:-1] for l in out.splitlines() if l.startswith('| 2 |')]
    assert [r[3] for r in rows] == [' whole frames ', ' SR3AI regions '], out
    for row in rows:
        assert row[:3] == [' 2 ', ' 0.001 ', ' 8 '] and float(row[4]) > 0, out
        assert all(0 <= float(x) <= 1 for cell in row[5:] for x in cell.split('/')), out
    assert 'a setting is STEPS:LR[:RANK]' in refused('character_adapter.py', '--settings', '0:1e-3')

def test_positions_benchmark(tmp_path):
    # two transformers, rotary and absolute, trained two steps on 4 stories encoded by model 13's VAE
    out = bench('positions.py', '--stories', '4', '--steps', '2', '--batch', '2', '--scenes', '1', '--denoising', '2', '--probes', '1', '--out', tmp_path)
    rows = [l for l in out.splitlines() if l.startswith(('| rotary', '| absolute'))]
    test = lambda l: [float(x) for x in l.split('|')[3:-1]]
    assert len(rows) == 4 and all(len(test(r)) == 5 and min(test(r)) > 0 for r in rows), out
    assert '| seconds a scene |' in out and (tmp_path/'absolute'/'transformer.checkpoint.pt').exists()

def test_embedded_model_comparison(tmp_path):
    "Two models on the same held-out stories are compared story by story; the shipped model against itself differs by exactly 0."
    saved = tmp_path/'results.json'
    out = bench('embedded_model.py', '--models', 'embedded', 'embedded', '--scenes', '2', '--steps', '2', '--stories-only', '--json', saved)
    rows = [l.split('|')[1:-1] for l in out.splitlines() if 'minus embedded' in out and l.startswith('| layout IoU |')]
    assert len(rows) == 3, out   # each model's table, then the comparison
    assert [c.strip() for c in rows[-1][1:3]] == ['+0.000', '+0.000 .. +0.000'] and int(rows[-1][3]) > 0, out
    again = bench('embedded_model.py', '--load', saved)
    assert again.split('### embedded minus')[1] == out.split('### embedded minus')[1].split('\n\n1 thread')[0] + '\n', again

def test_embedded_model_scores_layout_where_the_world_acts(tmp_path):
    """Models that ask for different boxes (model 1 the planner's, the shipped model tracked ones) are also scored against
    one reference, where the world acts each plan; for a model that asks for those very boxes the two scores agree."""
    import json
    saved = tmp_path/'results.json'
    out = bench('embedded_model.py', '--models', ROOT/'training'/'model1'/'pipeline', 'embedded', '--scenes', '2', '--steps', '2', '--stories-only',
                '--json', saved)
    model1, shipped = json.loads(saved.read_text())
    assert (model1['layout'], shipped['layout']) == ('planned', 'tracked')
    for r in shipped['per_scene']['sr3ai'] + shipped['per_scene']['plain']:
        assert (r['acted_layout_iou'], r['acted_inside']) == (r['layout_iou'], r['layout_inside'])
    # the planner's boxes are larger than the characters the world draws in them: its own acting fits the tracked ones better
    assert model1['world']['layout_iou'] < model1['world']['acted_layout_iou'] and shipped['world']['acted_layout_iou'] > 0.8
    compared = out.split('### embedded minus')[1]
    assert '| layout IoU against where the world acts the plan |' in compared and '| pixels inside where the world acts it |' in compared, out

def test_embedded_model_held_out_only():
    "The held-out LoRAs alone: each row's gain comes with its interval over the scenes, and the stories' table is left out."
    out = bench('embedded_model.py', '--held-out-only', '--held-out-scenes', '1', '1', '--steps', '2')
    rows = [l for l in out.splitlines() if l.startswith('| held-out')]
    assert len(rows) == 3 and all('(gain ' in l and ' .. ' in l for l in rows), out
    assert '| layout IoU |' not in out and 'held-out LoRAs' in out, out
    for l in rows:
        without, with_lora = (float(c.split()[2]) for c in l.split('|')[4:6])
        assert 0 <= without <= 1 and 0 <= with_lora <= 1, l

def test_layout_errors():
    "Layout IoU split into specks and the body: the world's own acting has no specks and keeps every pixel inside its box."
    out = bench('layout_errors.py', '--scenes', '1', '--steps', '2')
    rows = {l.split('|')[1].strip(): [float(c) for c in l.split('|')[2:4]] for l in out.splitlines()
            if l.startswith('| ') and l.split('|')[2].strip().replace('.', '').isdigit() and '.' in l.split('|')[2]}
    assert len(rows) >= 6 and all(0 <= v <= 1 for k, (m, w) in rows.items() if 'area' not in k for v in (m, w)), out
    assert rows['share of its pixels that are specks'][1] == 0 and rows['pixels inside the box, all'][1] == 1, out
    assert rows['layout IoU, its main part alone'][0] > 0 and '| box share of the frame |' in out and '| motion |' in out, out
