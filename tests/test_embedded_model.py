"The embedded Shapes-world model ships inside the package: its weights are the recorded ones, and it loads and generates offline."
import os, subprocess, sys
from pathlib import Path
import numpy as np
import pytest

def test_shipped_weights_are_the_recorded_ones():
    from dreamrunner.toymodel import SHIPPED_WEIGHTS_SHA256, toy_model_path, weights_digest
    path = toy_model_path()
    assert sorted(p.relative_to(path).as_posix() for p in path.rglob('*.safetensors')) == [
        'text_encoder/model.safetensors', 'transformer/diffusion_pytorch_model.safetensors', 'vae/diffusion_pytorch_model.safetensors']
    # a retrain is a deliberate change: update SHIPPED_WEIGHTS_SHA256 in nbs/30_toymodel.ipynb with the new weights
    assert weights_digest(path) == SHIPPED_WEIGHTS_SHA256
    assert sum(p.stat().st_size for p in path.rglob('*.safetensors')) <= 50 * 2**20
    assert (path/'README.md').is_file()   # the model card

SCRIPT = '''
import torch
from diffusers import CogVideoXPipeline
from dreamrunner.pipeline import default_size
from dreamrunner.toymodel import toy_model_path
pipe = CogVideoXPipeline.from_pretrained(toy_model_path())
h, w, n = default_size(pipe)   # the size it was trained at
out = pipe("a [v1] red circle with a yellow hat is walking", height=h, width=w, num_frames=n, num_inference_steps=3,
           max_sequence_length=24, output_type="np", generator=torch.Generator().manual_seed(0)).frames
print(out.shape == (1, n, h, w, 3), float(out.std()))
'''

def test_loads_and_generates_offline():
    env = {**os.environ, 'HF_HUB_OFFLINE': '1', 'HF_DATASETS_OFFLINE': '1', 'TRANSFORMERS_OFFLINE': '1',
           'HF_HOME': '/nonexistent/hf-home', 'https_proxy': 'http://127.0.0.1:9', 'http_proxy': 'http://127.0.0.1:9'}
    r = subprocess.run([sys.executable, '-c', SCRIPT], capture_output=True, text=True, env=env, timeout=300)
    assert r.returncode == 0, r.stderr
    right_size, std = r.stdout.strip().rsplit(' ', 1)
    assert right_size == 'True' and float(std) > 0.01   # a picture of the model's size, not a constant

def test_installed_package_carries_the_model(tmp_path):
    "A wheel built from the project holds the embedded model's folder."
    root = Path(__file__).resolve().parent.parent
    r = subprocess.run([sys.executable, '-m', 'pip', 'wheel', '--no-deps', '--no-build-isolation', '-w', str(tmp_path), str(root)],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    import zipfile
    names = zipfile.ZipFile(next(tmp_path.glob('*.whl'))).namelist()
    assert 'dreamrunner/models/shapes-cogvideox/model_index.json' in names
    assert 'dreamrunner/models/shapes-cogvideox/transformer/diffusion_pytorch_model.safetensors' in names
