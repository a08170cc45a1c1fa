"""`dreamrunner run` with bad input, as a user meets it: refused at once with one message that names the problem, no
traceback, no adapter trained, and every file that was in the output folder before still there, byte for byte."""
import json, os, subprocess, sys, time
from dataclasses import replace
from pathlib import Path
import pytest
from conftest import EXAMPLES, in_process

EXE = Path(sys.executable).parent/'dreamrunner'
FRIENDS = (EXAMPLES/'shapes_friends.story').read_text()
MINE = {'thesis.tex': b'\\section{mine}', 'data/plot.png': b'\x89PNG not really', 'story.mp4': b'my own video'}

def story_file(tmp, text=FRIENDS, name='s.story'):
    p = tmp/name; p.write_text(text) if isinstance(text, str) else p.write_bytes(text); return p

def manifest(**kw): return json.dumps({'mark': 'dreamrunner run folder', 'format': 2, 'identity': {'story': 'another'}, 'stages': {},
                                       'notes': [], 'files': [], **kw})

# case: (arguments after `run` with S = a good story file and O = the output folder, message, how to prepare O, story text)
CASES = {
    'missing story file': (['nope.story', '--out', 'O'], 'no such story file', None, None),
    'story is a folder': (['O', '--out', 'O2'], 'is a folder, not a story file', 'mine', None),
    'binary story file': (['S', '--out', 'O'], 'not a UTF-8 text file', None, b'\xff\xfe\x00\x81'),
    'story without a title': (['S', '--out', 'O'], "missing 'title:' line", None, FRIENDS.replace("title: Ruby and Bluey's Day Out", '')),
    'unknown character in a scene': (['S', '--out', 'O'], "unknown character 'dog'", None, FRIENDS.replace('ruby: waving', 'dog: waving')),
    'negative steps': (['S', '--out', 'O', '--steps', '-3'], 'steps must be a whole number >= 1; got -3', None, None),
    'zero steps': (['S', '--out', 'O', '--steps', '0'], 'steps must be a whole number >= 1; got 0', None, None),
    'frames between latent frames': (['S', '--out', 'O', '--frames', '10'], 'num_frames (frames per scene) must be ', None, None),
    'height not a multiple': (['S', '--out', 'O', '--height', '81'], 'height must be a positive multiple of 8 for this model', None, None),
    'zero width': (['S', '--out', 'O', '--width', '0'], 'width must be a positive multiple of 8 for this model', None, None),
    'negative guidance': (['S', '--out', 'O', '--guidance', '-1'], 'guidance must be a number from 0 to 100', None, None),
    'zero fps': (['S', '--out', 'O', '--fps', '0'], 'fps must be a whole number from 1 to 120', None, None),
    'cross-fade longer than a scene': (['S', '--out', 'O', '--frames', '9', '--crossfade', '9'], 'crossfade must be fewer frames than a scene has (9)', None, None),
    'negative seed': (['S', '--out', 'O', '--seed', '-1'], 'seed must be a whole number from 0', None, None),
    'zero adapter steps': (['S', '--out', 'O', '--motion_steps', '0'], 'motion_steps must be a whole number >= 1', None, None),
    'adapter window wider than a frame': (['S', '--out', 'O', '--height', '80', '--width', '80', '--adapter_window', '11'],
                                          'adapter_window must be at most 10 tokens (a frame of 80x80 has 10 on its short side); got 11', None, None),
    'zero threads': (['S', '--out', 'O', '--threads', '0'], 'threads must be a whole number >= 1; got 0', None, None),
    'output is a file': (['S', '--out', 'O/thesis.tex'], 'is a file, not a folder', 'mine', None),
    'output under a file': (['S', '--out', 'O/thesis.tex/run'], 'thesis.tex is a file', 'mine', None),
    "output folder of the user's files": (['S', '--out', 'O'], 'holds files dreamrunner did not write (data, story.mp4, thesis.tex)', 'mine', None),
    "force on the user's files": (['S', '--out', 'O', '--force'], 'holds files dreamrunner did not write', 'mine', None),
    'run folder of another story': (['S', '--out', 'O'], 'holds a run of another story or other settings (changed: the story text', 'run', None),
    'run.json not written by dreamrunner': (['S', '--out', 'O', '--force'], 'holds a run.json that dreamrunner did not write', 'foreign', None),
    'run folder of an earlier version': (['S', '--out', 'O', '--force'], 'made by an earlier dreamrunner', 'format1', None),
    'no GPU': (['S', '--out', 'O', '--device', 'cuda'], 'this machine has no CUDA GPU', None, None),
    'unknown device': (['S', '--out', 'O', '--device', 'gpu9'], 'device must be a torch device', None, None),
    'float16 on the CPU': (['S', '--out', 'O', '--dtype', 'float16'], 'dtype float16 needs a GPU', None, None),
    'offload without a GPU': (['S', '--out', 'O', '--offload'], '--offload moves the model between a CUDA GPU and the CPU', None, None),
    'LLM model for the rule planner': (['S', '--out', 'O', '--llm_model', 'gpt'], '--llm_model is for an LLM planner', None, None),
    'LLM server missing': (['S', '--out', 'O', '--llm', 'openai', '--llm-model', 'm'], 'no LLM server configured', None, None),
    'local LLM folder missing': (['S', '--out', 'O', '--llm', 'transformers', '--llm_model', 'O/none'], 'no local model folder', None, None),
    'model folder is no pipeline': (['S', '--out', 'O2', '--model', 'O'], 'is not a diffusers pipeline folder', 'mine', None),
    "model folder's settings.json broken": (['S', '--out', 'O2', '--model', 'O'], "settings.json declares 'seed'", 'model', None),
    'video database missing': (['S', '--out', 'O', '--library', 'nowhere'], 'no video database at nowhere', None, None),
    'story outside the Shapes world': (['S', '--out', 'O'], "does not know: character 'witch'", None, (EXAMPLES/'witch_and_cat.story').read_text()),
    'unknown motion': (['S', '--out', 'O'], "motion 'moonwalking' (scene 2)", None, FRIENDS.replace('ruby: waving', 'ruby: moonwalking')),
    'interaction line': (['S', '--out', 'O2', '--model', 'O'], "interaction line 'ruby & bluey: dancing' (scene 1; this model draws one character per region)",
                         'one per region', FRIENDS.replace('  ruby: walking\n  bluey: jumping\n', '  ruby & bluey: dancing\n')),
    'unknown place': (['S', '--out', 'O'], "place 'a moonlit castle' (scene 1)", None, FRIENDS.replace('scene: a meadow', 'scene: a moonlit castle')),
    'bad plan.json': (['S', '--out', 'O'], 'not valid JSON', None, '{"title": "x", "scenes": ['),
}

def prepare(folder:Path, how):
    if how is None: return
    folder.mkdir()
    for name, data in MINE.items(): (folder/name).parent.mkdir(exist_ok=True); (folder/name).write_bytes(data)
    if how == 'run': (folder/'run.json').write_text(manifest())
    if how == 'foreign': (folder/'run.json').write_text('{"experiment": 7}')
    if how == 'format1': (folder/'run.json').write_text(json.dumps({'format': 1, 'settings': {}, 'stages': {}}))
    if how == 'model':   # the embedded model's files, and a settings.json declaring what a model folder may not
        link_embedded_model(folder, but='settings.json')
        (folder/'settings.json').write_text('{"seed": 50}')
    if how == 'one per region':   # the embedded model, declaring that it draws one character per region
        from dreamrunner.pipeline import Vocabulary
        replace(Vocabulary.load(link_embedded_model(folder, but='vocabulary.json')), interactions=False).save(folder)

def link_embedded_model(folder:Path, but:str) -> Path:
    "Link the embedded model's files into `folder`, all but `but` (written there instead: through a link it would change the installed model); the model's folder."
    from dreamrunner.toymodel import toy_model_path
    for f in toy_model_path().iterdir():
        if f.name != but: (folder/f.name).symlink_to(f)
    return toy_model_path()

def snapshot(root:Path) -> dict: return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob('*') if p.is_file()}

def setup_case(case:str, tmp:Path) -> list:
    "Prepare the case's folder under `tmp`; its command-line arguments."
    args, message, how, text = CASES[case]
    out = tmp/'O'
    prepare(out, how)
    story = story_file(tmp, FRIENDS if text is None else text, 'plan.json' if case == 'bad plan.json' else 's.story')
    def arg(a):
        if a == 'S': return str(story)
        if a == 'O2': return str(tmp/'O2')
        return str(out) + a[1:] if a == 'O' or a.startswith('O/') else a
    return ['run', *map(arg, args)]

def check_refusal(case, rc, stdout, stderr, took, before, tmp):
    assert rc == 1, (rc, stdout, stderr)
    assert CASES[case][1] in stderr and stderr.startswith('dreamrunner run: error: '), stderr
    assert 'Traceback' not in stderr + stdout, stderr
    assert took < 60, f'refused only after {took:.0f}s'
    assert not (tmp/'cache'/'adapters').exists(), 'an adapter was trained'
    assert snapshot(tmp) == before, 'the folder changed'
    assert not (tmp/'runs').exists()

@pytest.mark.parametrize('case', CASES, ids=str)
def test_bad_input_is_refused_at_once(case, tmp_path, monkeypatch):
    "Each case through the command's `main`, in this process (the imports are paid once for all cases)."
    argv = setup_case(case, tmp_path)
    for k in [k for k in os.environ if 'LLM' in k or k.startswith('OPENAI')]: monkeypatch.delenv(k)
    monkeypatch.setenv('DREAMRUNNER_CACHE', str(tmp_path/'cache')); monkeypatch.chdir(tmp_path)
    before = snapshot(tmp_path)
    t0 = time.time()
    rc, stdout, stderr = in_process(*argv)
    check_refusal(case, rc, stdout, stderr, time.time() - t0, before, tmp_path)

@pytest.mark.parametrize('case', ['story outside the Shapes world', "force on the user's files"], ids=str)
def test_bad_input_as_a_user_meets_it(case, tmp_path):
    "A few cases through the installed console script, as a new process: the same message, and refused within seconds."
    argv = setup_case(case, tmp_path)
    env = {k: v for k, v in os.environ.items() if 'LLM' not in k and not k.startswith('OPENAI')}
    env.update(DREAMRUNNER_CACHE=str(tmp_path/'cache'), OMP_NUM_THREADS='1')
    before = snapshot(tmp_path)
    t0 = time.time()
    r = subprocess.run([str(EXE), *argv], capture_output=True, text=True, cwd=tmp_path, env=env, timeout=180)
    check_refusal(case, r.returncode, r.stdout, r.stderr, time.time() - t0, before, tmp_path)

def test_bad_option_value_is_a_usage_error(tmp_path):
    r = subprocess.run([str(EXE), 'run', str(story_file(tmp_path)), '--attention', 'sparse'], capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert r.returncode == 2 and "invalid choice: 'sparse'" in r.stderr and 'Traceback' not in r.stderr
    assert list(tmp_path.iterdir()) == [tmp_path/'s.story']

@pytest.mark.skipif(hasattr(os, 'geteuid') and os.geteuid() == 0, reason='root may write anywhere')
def test_read_only_output_folder(tmp_path):
    ro = tmp_path/'ro'; ro.mkdir(); ro.chmod(0o555)
    try:
        r = subprocess.run([str(EXE), 'run', str(story_file(tmp_path)), '--out', str(ro/'run')], capture_output=True, text=True, timeout=120)
        assert r.returncode == 1 and 'is not writable' in r.stderr and 'Traceback' not in r.stderr, r.stderr
    finally: ro.chmod(0o755)

def test_at_least_25_cases(): assert len(CASES) >= 25
