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
