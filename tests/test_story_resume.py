"A story run killed with SIGKILL in the middle of a scene resumes: finished stages and scenes are kept, nothing is lost, and the video equals an uninterrupted run's."
import json, os, signal, subprocess, sys, time
from pathlib import Path
import numpy as np
import pytest


# Runs the story; with a marker path, scene 2 announces itself there and takes long enough to be killed in.
SCRIPT = '''
import sys, time, torch
from pathlib import Path
torch.set_num_threads(1)
import datasets; datasets.disable_progress_bars()
from dreamrunner.pipeline import DreamRunnerPipeline
from dreamrunner.videodb import VideoDB
folder, marker = sys.argv[1], sys.argv[2]
real = DreamRunnerPipeline.generate_scene
def slow_scene_2(self, scene, *a, **k):
    if marker != '-' and scene.background == 'a room':
        Path(marker).write_text('in scene 2'); time.sleep(60)
    Path(folder, 'generated.log').open('a').write(scene.background + '\\n')
    return real(self, scene, *a, **k)
DreamRunnerPipeline.generate_scene = slow_scene_2
pipe = DreamRunnerPipeline.from_pretrained(sys.argv[3], library=VideoDB.load(sys.argv[4]), cache_dir=sys.argv[5])
pipe(Path(sys.argv[6]).read_text(), out=folder, progress=False, steps=2, motion_steps=2, character_steps=2, clips_per_motion=2)
'''

def story(world, out, marker='-', cache='cache', **kw):
    args = [sys.executable, '-c', SCRIPT, str(out), str(marker), str(world/'model'), str(world/'library'), str(world/cache), str(world/'s.story')]
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)

def generated(out): return (out/'generated.log').read_text().split('\n')[:-1]

def test_kill_mid_scene_and_resume(world):
    straight = world/'straight'
    p = story(world, straight); _, err = p.communicate(timeout=300)
    assert p.returncode == 0, err
    killed, marker = world/'killed', world/'marker'
    p = story(world, killed, marker, cache='cache2')   # its own adapter cache: adapters are trained, not reused, before the kill
    deadline = time.time() + 240
    while not marker.exists() and time.time() < deadline and p.poll() is None: time.sleep(0.05)
    os.kill(p.pid, signal.SIGKILL); p.wait()
    assert marker.exists(), 'the run never reached scene 2'
    m = json.loads((killed/'run.json').read_text())   # the manifest survived the kill intact
    done = set(m['stages'])
    assert {'plan', 'motion:walking', 'motion:jumping', 'character:ruby', 'character:bluey', 'scene:01'} <= done
    assert 'scene:02' not in done and 'stitch' not in done and not (killed/'scene_02.npz').exists()
    assert not list(killed.glob('*.tmp*'))
    scene_1 = np.load(killed/'scene_01.npz')['frames']
    p = story(world, killed); _, err = p.communicate(timeout=300)
    assert p.returncode == 0, err
    assert generated(killed) == ['a meadow', 'a room', 'a forest']    # scene 1 once, scene 2 redone after the kill, scene 3
    m2 = json.loads((killed/'run.json').read_text())
    assert all(m2['stages'][k] == m['stages'][k] for k in done)       # finished stages untouched
    np.testing.assert_array_equal(np.load(killed/'scene_01.npz')['frames'], scene_1)
    for name in ('scene_01.npz', 'scene_02.npz', 'scene_03.npz'):
        np.testing.assert_array_equal(np.load(killed/name)['frames'], np.load(straight/name)['frames'])
    assert (killed/'story.mp4').stat().st_size > 0 and (killed/'contact_sheet.png').exists()

# The command line, with scene 2 made slow (and announced at a marker path) so that a signal lands in it.
CLI_SCRIPT = '''
import sys, time
from pathlib import Path
from dreamrunner.pipeline import DreamRunnerPipeline
from dreamrunner.cli import main
marker = sys.argv[1]
real = DreamRunnerPipeline.generate_scene
def slow_scene_2(self, scene, *a, **k):
    if marker != '-' and scene.background == 'a room':
        Path(marker).write_text('in scene 2'); time.sleep(60)
    return real(self, scene, *a, **k)
DreamRunnerPipeline.generate_scene = slow_scene_2
sys.exit(main(sys.argv[2:]))
'''

@pytest.mark.parametrize('sig', [signal.SIGINT, signal.SIGTERM], ids=['SIGINT', 'SIGTERM'])
def test_interrupt_says_where_and_resumes(world, sig):
    out, marker = world/f'interrupted_{sig.name}', world/f'marker_{sig.name}'
    args = ['run', str(world/'s.story'), '--out', str(out), '--model', str(world/'model'), '--library', str(world/'library'),
            '--steps', '2', '--motion_steps', '2', '--character_steps', '2', '--quiet']
    env = {**os.environ, 'DREAMRUNNER_CACHE': str(world/f'cache_{sig.name}'), 'OMP_NUM_THREADS': '1'}
    p = subprocess.Popen([sys.executable, '-c', CLI_SCRIPT, str(marker), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    deadline = time.time() + 240
    while not marker.exists() and time.time() < deadline and p.poll() is None: time.sleep(0.05)
    assert marker.exists(), p.communicate()[1]
    p.send_signal(sig); out_text, err = p.communicate(timeout=60)
    assert p.returncode == 130, (p.returncode, err)
    assert err.strip() == (f'dreamrunner run: interrupted during scene:02; run the same command again to resume '
                           f'(finished stages are kept in {out})'), err
    assert 'Traceback' not in err and not list(out.glob('.*tmp*'))
    if sig != signal.SIGINT: return   # both signals stop a run the same way: one resume shows what is kept
    p = subprocess.run([sys.executable, '-c', CLI_SCRIPT, '-', *args], capture_output=True, text=True, env=env, timeout=300)
    assert p.returncode == 0, p.stderr
    assert 'reused plan, motion:walking, motion:jumping, character:ruby, character:bluey, scene:01' in p.stdout, p.stdout
    assert (out/'story.mp4').exists()
