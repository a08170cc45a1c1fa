"The benchmark scripts run and print their tables (tiny shapes: the numbers are measured where they matter, not here)."
import contextlib, io, runpy, subprocess, sys
import pytest
from conftest import ROOT

def refused(script:str, *args) -> str:
    "What a benchmark script, run in this process (its imports already paid), says on stderr as it refuses `args`."
    err, argv = io.StringIO(), sys.argv
    try:
        sys.argv = [script, *args]
        with contextlib.redirect_stderr(err), pytest.raises(SystemExit) as e: runpy.run_path(str(ROOT/'benchmarks'/script), run_name='__main__')
    finally: sys.argv = argv
    assert e.value.code != 0
    return err.getvalue()

def test_attention_benchmark_wan():
    for family in ('wan',):   # the joint form's code path is the older one, and shared with it
        r = subprocess.run([sys.executable, str(ROOT/'benchmarks'/'attention.py'), '--family', family, '--grids', '2x4x4', '--slots', '2',
                            '--runs', '1', '--heads', '2', '--head-dim', '8'], capture_output=True, text=True, timeout=300)
        assert r.returncode == 0, r.stderr
        header, row = r.stdout.splitlines()[-2:]
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
    r = subprocess.run([sys.executable, str(ROOT/'benchmarks'/'noise_levels.py'), '--scenes', '1', '--levels', '0.5,1', '--steps', '2'],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    rows = [l.split('|') for l in r.stdout.splitlines() if l.startswith('| 0.5') or l.startswith('| 1 ')]
    assert [row[1].strip() for row in rows] == ['0.5 (1)', '1 (2)'], r.stdout
    assert all(0 <= float(row[4]) <= 1 for row in rows), r.stdout   # colour identity is measured at both levels
    assert 'noise levels are in (0, 1]' in refused('noise_levels.py', '--levels', '0,1')

def test_shape_words_benchmark():
    "The shipped model's first held-out story with its own captions and with its shape words swapped: one row of counts."
    r = subprocess.run([sys.executable, str(ROOT/'benchmarks'/'shape_words.py'), '--scenes', '1', '--steps', '2'],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    n, own, pair, swapped_own, swapped_pair = [int(x) for x in next(l for l in r.stdout.splitlines() if l.startswith('| embedded')).split('|')[2:-1]]
    assert n == 2 and own + pair <= n and swapped_own + swapped_pair <= n and min(own, pair, swapped_own, swapped_pair) >= 0, r.stdout

def test_vae_ceiling_benchmark():
    "The world, a linear codec and the shipped model's VAE, each measured on one held-out story: one row each."
    from dreamrunner.toymodel import toy_model_path
    r = subprocess.run([sys.executable, str(ROOT/'benchmarks'/'vae_ceiling.py'), '--config', 'v1', '--scenes', '1', '--components', '4',
                        '--fit', '2', '--vaes', str(toy_model_path())], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    rows = {l.split('|')[1].strip(): l.split('|')[2:-1] for l in r.stdout.splitlines() if l.startswith('| ') and 'round trip' not in l}
    assert list(rows)[:2] == ['world (acted)', 'linear codec, k = 4'] and list(rows)[2].startswith('VAE '), r.stdout
    assert float(rows['world (acted)'][2]) == 1.0, r.stdout   # the world's own rendering: every character's colour where planned
    assert 'v1 (80x80x9, 4 frames a latent frame)' in r.stdout, r.stdout
    half = subprocess.run([sys.executable, str(ROOT/'benchmarks'/'vae_ceiling.py'), '--config', 'v1', '--vae-time', '2', '--scenes', '1',
                           '--components', '4', '--fit', '2'], capture_output=True, text=True, timeout=300)
    assert half.returncode == 0 and '| linear codec, k = 4 |' in half.stdout and '2 frames a latent frame' in half.stdout, half.stderr + half.stdout
    assert 'no VAE at no/such/vae.pt' in refused('vae_ceiling.py', '--vaes', 'no/such/vae.pt')
