"A motion-adapter training killed with SIGKILL resumes from its checkpoint and ends with the uninterrupted run's adapter."
import os, signal, subprocess, sys, time
from pathlib import Path
import pytest, torch
from safetensors.torch import load_file

SCRIPT = '''
import sys, torch
torch.set_num_threads(1)
from dreamrunner.adapt import Adapter, AdaptConfig
from dreamrunner.shapes import render_clip, CAST
from dreamrunner.tiny import tiny_pipeline
clips = [render_clip(["hopping"], [CAST[k]], "forest", n_frames=16, seed=k).frames for k in range(2)]
caps = [f"a {CAST[k].looks} is hopping" for k in range(2)]
cfg = AdaptConfig(steps=60, rank=4, num_frames=9, height=32, width=32, checkpoint_every=10, lr=1e-3)
Adapter(tiny_pipeline(rope=False, num_layers=2), clips, caps, cfg, sys.argv[1]).run(progress=False)
'''

def train(folder, **kw):
    return subprocess.Popen([sys.executable, '-c', SCRIPT, str(folder)], **kw)

def test_kill_and_resume(tmp_path):
    assert train(tmp_path/'straight').wait(timeout=300) == 0
    p = train(tmp_path/'killed')
    ckpt = tmp_path/'killed'/'motion.checkpoint.pt'
    deadline = time.time() + 120
    while not ckpt.exists() and time.time() < deadline: time.sleep(0.02)
    os.kill(p.pid, signal.SIGKILL); p.wait()
    assert ckpt.exists() and not (tmp_path/'killed'/'motion.safetensors').exists(), 'the run finished before it could be killed'
    step = torch.load(ckpt, weights_only=False)['step']
    assert 0 < step < 60
    assert train(tmp_path/'killed').wait(timeout=300) == 0
    a, b = load_file(tmp_path/'straight'/'motion.safetensors'), load_file(tmp_path/'killed'/'motion.safetensors')
    assert sorted(a) == sorted(b) and all(torch.equal(a[k], b[k]) for k in a)
