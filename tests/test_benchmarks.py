"The benchmark scripts run and print their tables (tiny shapes: the numbers are measured where they matter, not here)."
import subprocess, sys
from conftest import ROOT

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
