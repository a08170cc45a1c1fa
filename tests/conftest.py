"Shared test settings: offline, headless, single-threaded, paths of the project and its shared data."
import os
from pathlib import Path

for var in ('HF_HUB_OFFLINE', 'HF_DATASETS_OFFLINE', 'TRANSFORMERS_OFFLINE'): os.environ.setdefault(var, '1')
os.environ.setdefault('MPLBACKEND', 'Agg')
os.environ.setdefault('OMP_NUM_THREADS', '1')   # two test workers share the cores: torch's threads must not compete

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent/'shared'
EXAMPLES = ROOT/'dreamrunner'/'examples'
LLM_REPLIES = EXAMPLES/'llm'

import pytest

SMALL_STORY = '''title: Two friends
characters:
  ruby [v1]: red circle with a yellow hat
  bluey [v2]: blue square with an orange bow
scene: a meadow
  ruby: walking
  bluey: jumping
scene: a room
  bluey: walking
scene: a forest
  ruby: jumping
'''

@pytest.fixture(scope='module')
def world(tmp_path_factory):
    "A folder with a tiny CogVideoX (`model`), a small motion library (`library`) and a three-scene story (`s.story`)."
    from dreamrunner.tiny import tiny_pipeline
    from dreamrunner.videodb import shapes_library
    d = tmp_path_factory.mktemp('world')
    tiny_pipeline().save_pretrained(d/'model')
    shapes_library(d/'library', motions=['walking', 'jumping'], clips_per_motion=4)
    (d/'s.story').write_text(SMALL_STORY)
    return d

def in_process(*args):
    "`dreamrunner ARGS` run by the console script's `main` in this process (imports paid once for many refusals): (exit status, stdout, stderr)."
    import contextlib, io
    from dreamrunner.cli import main
    o, e = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(o), contextlib.redirect_stderr(e): rc = main(list(args))
    return rc, o.getvalue(), e.getvalue()
