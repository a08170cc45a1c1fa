"Every notebook runs top to bottom (its tests included), skipping cells flagged in settings.ini's tst_flags."
from configparser import ConfigParser
import pytest
from nbdev.test import test_nb as run_notebook
from conftest import ROOT

def _flags():
    cfg = ConfigParser(); cfg.read(ROOT/'settings.ini')
    return cfg['DEFAULT'].get('tst_flags', '').split()

NOTEBOOKS = sorted(p for p in (ROOT/'nbs').glob('*.ipynb') if not p.name.startswith('_'))

def test_every_notebook_is_collected(): assert len(NOTEBOOKS) >= 6

@pytest.mark.parametrize('nb', NOTEBOOKS, ids=lambda p: p.name)
def test_notebook(nb):
    ok, secs = run_notebook(nb, skip_flags=_flags())
    assert ok, f'{nb.name} failed (its traceback is printed above)'
