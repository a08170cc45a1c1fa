"A story over two processes with accelerate (CPU, gloo): a killed process, a resume, and then the same run folder and video as one process."
import json, os, signal, subprocess, sys, time
from pathlib import Path
import numpy as np
import pytest
from safetensors.torch import load_file


def start(d:Path, out:str, *extra):
    "`dreamrunner run` into `d/out` with an adapter cache of its own (so each run trains its adapters)."
    args = ['run', d/'s.story', '--out', d/out, '--model', d/'model', '--library', d/'library', '--steps', 2, '--motion_steps', 3,
            '--character_steps', 2, '--quiet', *extra]
    env = {**os.environ, 'DREAMRUNNER_CACHE': str(d/f'cache_{out}'), 'OMP_NUM_THREADS': '1'}
    return subprocess.Popen([str(Path(sys.executable).parent/'dreamrunner'), *map(str, args)], env=env, start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

def finish(p) -> str:
    out, err = p.communicate(timeout=600)
    assert p.returncode == 0, err
    return out

def stages(d:Path, out:str) -> dict: return json.loads((d/out/'run.json').read_text())['stages']

def same_run(d:Path, a:str, b:str):
    "Two run folders hold the same stages, adapters and scene videos, to the last bit."
    sa, sb = stages(d, a), stages(d, b)
    assert list(sa) == list(sb)
    for k, v in sa.items():
        assert v.get('adapters') == sb[k].get('adapters') and v.get('retrieved') == sb[k].get('retrieved'), k
        if v.get('adapter'):
            wa, wb = load_file(v['adapter']), load_file(sb[k]['adapter'])
            assert wa.keys() == wb.keys() and all((wa[n] == wb[n]).all() for n in wa), k
    for i in (1, 2, 3):
        fa, fb = (np.load(d/r/f'scene_{i:02d}.npz')['frames'] for r in (a, b))
        assert np.array_equal(fa, fb), f'scene {i}'

def worker(p, rank:int):
    "The process of `rank` that `accelerate launch` (torchrun) started under the launch `p`."
    import psutil
    for c in psutil.Process(p.pid).children(recursive=True):
        try:
            if c.environ().get('RANK') == str(rank) and 'dreamrunner.cli' in ' '.join(c.cmdline()): return c
        except psutil.Error: pass

def test_two_processes_equal_one_and_resume_after_a_kill(world):
    "One process, then two: process 1 is killed once the first adapter is in, the launch fails, the same command finishes the run."
    finish(start(world, 'one'))
    p = start(world, 'two', '--processes', 2)
    t0 = time.time()
    while time.time() - t0 < 300 and p.poll() is None:
        try:
            if any(k.startswith(('motion:', 'character:')) for k in stages(world, 'two')): break
        except (FileNotFoundError, json.JSONDecodeError): pass
        time.sleep(0.05)
    assert p.poll() is None, f'the launch ended before its first adapter (exit status {p.returncode}): {p.communicate()[1][-3000:]}'
    worker(p, 1).kill()
    p.communicate(timeout=300)
    assert p.returncode != 0 and 'stitch' not in stages(world, 'two')   # the launch failed: the other process was stopped too
    out = finish(start(world, 'two', '--processes', 2))                 # the same command goes on: unfinished stages are done again
    assert 'Two friends: 3 scenes' in out and out.count('stage times') == 1   # only the main process reports
    same_run(world, 'one', 'two')                                        # adapters and scenes, two processes and a kill later
