"""10_sr3ai as a student meets it: opened in a real JupyterLab in headless Chromium and Run All; any cell error, or a
cell left unrun, fails; the attention explorer and the mask lab must be on the page with their sliders, and moving
their sliders must redraw their pictures without an error. Opt-in (DREAMRUNNER_BROWSER_TEST=1; CI sets it where it
could install Chromium): it needs Chromium and the playwright package (`pip install playwright`; the system's browser,
no download)."""
import importlib.util, json, os, shutil, signal, socket, subprocess, sys, time, urllib.request
from pathlib import Path
import pytest
from conftest import ROOT

CHROMIUM = next((p for p in map(shutil.which, ('chromium', 'chromium-browser', 'google-chrome')) if p), None)
WANTED = os.environ.get('DREAMRUNNER_BROWSER_TEST') == '1'
if WANTED and not (CHROMIUM and importlib.util.find_spec('playwright')):
    raise RuntimeError('DREAMRUNNER_BROWSER_TEST=1 but Chromium or the playwright package is missing')
pytestmark = pytest.mark.skipif(not WANTED, reason='browser test: set DREAMRUNNER_BROWSER_TEST=1 (needs Chromium and playwright)')
NOTEBOOK = '10_sr3ai.ipynb'

def _free_port() -> int:
    with socket.socket() as s: s.bind(('127.0.0.1', 0)); return s.getsockname()[1]

@pytest.fixture
def lab(tmp_path):
    "A JupyterLab server on loopback over a copy of nbs/ (Run All writes outputs); yields (url, token, folder)."
    nbs, port, token = tmp_path/'nbs', _free_port(), 'dreamrunner-test'
    shutil.copytree(ROOT/'nbs', nbs)
    settings = tmp_path/'config'/'lab'/'user-settings'/'@jupyterlab'/'notebook-extension'
    settings.mkdir(parents=True)
    (settings/'tracker.jupyterlab-settings').write_text(json.dumps({'windowingMode': 'none'}))   # every cell in the page
    log = open(tmp_path/'jupyterlab.log', 'w')
    env = {k: v for k, v in os.environ.items() if k != 'MPLBACKEND'}   # the kernel draws as in a user's JupyterLab (inline)
    env = {**env, 'OMP_NUM_THREADS': '1', 'JUPYTER_CONFIG_DIR': str(tmp_path/'config'), 'JUPYTER_RUNTIME_DIR': str(tmp_path/'runtime')}
    server = subprocess.Popen([sys.executable, '-m', 'jupyterlab', '--no-browser', f'--port={port}', '--ip=127.0.0.1',
                               f'--IdentityProvider.token={token}', f'--ServerApp.root_dir={nbs}', '--ServerApp.allow_root=True',
                               '--LabApp.news_url=',
                               '--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate'],
                              stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    url = f'http://127.0.0.1:{port}'
    try:
        for _ in range(120):
            try: urllib.request.urlopen(f'{url}/api/status?token={token}', timeout=2); break
            except OSError:
                if server.poll() is not None: break
                time.sleep(0.5)
        else: pytest.fail('JupyterLab did not start: ' + (tmp_path/'jupyterlab.log').read_text()[-2000:])
        if server.poll() is not None: pytest.fail('JupyterLab stopped: ' + (tmp_path/'jupyterlab.log').read_text()[-2000:])
        yield url, token, nbs
    finally:
        os.killpg(server.pid, signal.SIGTERM)          # the server and the kernels it started
        try: server.wait(30)
        except subprocess.TimeoutExpired: os.killpg(server.pid, signal.SIGKILL)
        log.close()

IMAGES = "n => [...n.querySelectorAll('img')].map(i => i.src).join('|')"
STDERR = "n => [...n.querySelectorAll('[data-mime-type=\"application/vnd.jupyter.stderr\"]')].map(e => e.innerText).join('\\n')"

def _move_sliders(page, box) -> tuple:
    "Press the right arrow twice on every slider handle of a widget output; (its images before, after, its stderr)."
    before = box.evaluate(IMAGES)
    for handle in box.locator('.noUi-handle').all():
        handle.click()
        for _ in range(2): page.keyboard.press('ArrowRight'); page.wait_for_timeout(150)
    page.wait_for_timeout(2000)
    page.wait_for_selector('.jp-Notebook-ExecutionIndicator[data-status="idle"]', timeout=120_000)   # the kernel redrew
    page.wait_for_timeout(2000)
    return before, box.evaluate(IMAGES), box.evaluate(STDERR)

PROMPTS = "() => [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')].map(p => p.innerText.trim())"
def _kernel_idle(url:str, token:str, timeout:float=180):
    "Wait until the notebook's kernel has started and says it is idle (the page can show 'idle' before it has one)."
    t0 = time.time()
    while time.time() - t0 < timeout:
        try: sessions = json.load(urllib.request.urlopen(f'{url}/api/sessions?token={token}', timeout=5))
        except OSError: sessions = []
        if any(s.get('kernel', {}).get('execution_state') == 'idle' for s in sessions): return
        time.sleep(1)
    pytest.fail(f'the kernel of {NOTEBOOK} did not start in {timeout} s')

def _click_run_all(page, wait:float=30) -> bool:
    "Run All from the Run menu; whether a cell started (is running or has run) within `wait` seconds."
    page.get_by_role('menuitem', name='Run', exact=True).click()
    page.get_by_role('menuitem', name='Run All Cells', exact=True).click()
    t0 = time.time()
    while time.time() - t0 < wait:
        time.sleep(2)
        if any(p == '[*]:' or p[1:-2].isdigit() for p in page.evaluate(PROMPTS)): return True
    return False

def _run_all(page, timeout:float=900, tries:int=3) -> float:
    """Run All; wait until nothing is queued or running (a cell error stops Run All); its seconds.
    A click that started nothing (the menu or the kernel was not ready) is made again."""
    t0 = time.time()
    if not any(_click_run_all(page) for _ in range(tries)):
        pytest.fail(f'Run All started no cell after {tries} clicks; prompts: {page.evaluate(PROMPTS)}')
    quiet = 0
    while time.time() - t0 < timeout:
        time.sleep(2)
        busy = any(p == '[*]:' for p in page.evaluate(PROMPTS)) or page.locator('.jp-Notebook-ExecutionIndicator[data-status="busy"]').count()
        quiet = 0 if busy else quiet + 1
        if quiet >= 3: return time.time() - t0
    pytest.fail(f'Run All did not finish in {timeout} s; prompts: {page.evaluate(PROMPTS)}')

def test_sr3ai_notebook_in_jupyterlab(lab):
    from playwright.sync_api import sync_playwright
    url, token, nbs = lab
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=['--no-sandbox', '--disable-gpu'])
        page = browser.new_page(viewport={'width': 1280, 'height': 1000})
        page_errors = []
        page.on('pageerror', lambda e: page_errors.append(str(e)))
        page.goto(f'{url}/lab/tree/{NOTEBOOK}?token={token}', timeout=120_000)
        page.wait_for_selector('.jp-Notebook .jp-CodeCell', timeout=120_000)
        page.wait_for_selector('.jp-Notebook-ExecutionIndicator[data-status="idle"]', timeout=120_000)
        _kernel_idle(url, token)
        page.wait_for_timeout(3000)                                          # the kernel connection settles
        seconds = _run_all(page)
        print(f'Run All of {NOTEBOOK} in JupyterLab: {seconds:.0f} s')
        errors = page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').all_inner_texts()
        assert not [e for e in errors if 'Traceback' in e or 'Error' in e.split('\n')[0]], errors
        prompts = page.evaluate(PROMPTS)
        assert all(p == '' or p[1:-2].isdigit() for p in prompts), f'cells that did not run: {prompts}'   # '': a collapsed cell

        boxes = page.locator('.jp-OutputArea-output:has(.noUi-handle)')
        explorer = boxes.filter(has=page.locator('.widget-interact'))
        mask_lab = boxes.filter(has=page.get_by_role('button', name='generate'))
        assert explorer.count() == 1 and explorer.locator('.noUi-handle').count() == 3      # step, block, latent frame
        assert mask_lab.count() == 1 and mask_lab.locator('.noUi-handle').count() == 5      # latent frame, left/right, top/bottom
        for name, box in (('attention explorer', explorer), ('mask lab', mask_lab)):
            box.scroll_into_view_if_needed()
            before, after, stderr = _move_sliders(page, box)
            assert before and after != before, f'moving the sliders of the {name} did not redraw it'
            assert not stderr, f'the {name} wrote an error: {stderr}'
        browser.close()
    assert not page_errors, page_errors
