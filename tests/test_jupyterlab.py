"""10_sr3ai as a student meets it: opened in a real JupyterLab in headless Chromium and Run All, then the attention
explorer's and the mask lab's sliders moved with the keyboard. Any cell error, any error inside a widget callback, or a
slider that changes nothing fails. Needs Chromium and the playwright package (no browser download: the system's)."""
import importlib.util, json, os, shutil, signal, socket, subprocess, sys, time, urllib.request
from pathlib import Path
import pytest
from conftest import ROOT

CHROMIUM = next((p for p in map(shutil.which, ('chromium', 'chromium-browser', 'google-chrome')) if p), None)
if os.environ.get('DREAMRUNNER_REQUIRE_BROWSER') and not (CHROMIUM and importlib.util.find_spec('playwright')):
    raise RuntimeError('DREAMRUNNER_REQUIRE_BROWSER is set but Chromium or the playwright package is missing')
pytestmark = pytest.mark.skipif(not (CHROMIUM and importlib.util.find_spec('playwright')), reason='needs Chromium and playwright')
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
    env = {**os.environ, 'OMP_NUM_THREADS': '1', 'JUPYTER_CONFIG_DIR': str(tmp_path/'config'), 'JUPYTER_RUNTIME_DIR': str(tmp_path/'runtime')}
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

PROMPTS = "() => [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')].map(p => p.innerText.trim())"
WIDGET_STATE = """(box) => ({imgs: [...box.querySelectorAll('img')].map(i => i.src.length + ':' + i.src.slice(-48)).join('|'),
                    errors: [...box.querySelectorAll('[data-mime-type="application/vnd.jupyter.stderr"]')].map(n => n.innerText)})"""

def _run_all(page, timeout:float=900):
    "Run All from the Run menu, then wait until every code cell has run (no [*] or [ ] prompt left)."
    page.get_by_role('menuitem', name='Run', exact=True).click()
    page.get_by_role('menuitem', name='Run All Cells', exact=True).click()
    t0 = time.time()
    while time.time() - t0 < timeout:
        time.sleep(2)
        prompts = page.evaluate(PROMPTS)
        if prompts and all(p.startswith('[') and p[1:-2].isdigit() for p in prompts): return time.time() - t0
    pytest.fail(f'Run All did not finish in {timeout} s; prompts: {page.evaluate(PROMPTS)}')

def _nudge_sliders(page, box) -> dict:
    "Press the right arrow twice on every slider handle in a widget's output; its pictures before and after, and errors."
    before = box.evaluate(WIDGET_STATE)
    handles = box.locator('.noUi-handle')
    for k in range(handles.count()):
        handles.nth(k).focus()
        for _ in range(2): page.keyboard.press('ArrowRight'); time.sleep(0.3)
        time.sleep(2)                                                        # the callback redraws through the kernel
    page.wait_for_timeout(3000)
    return dict(handles=handles.count(), before=before['imgs'], after=box.evaluate(WIDGET_STATE)['imgs'], errors=box.evaluate(WIDGET_STATE)['errors'])

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
        page.wait_for_timeout(3000)                                          # the kernel connection settles
        seconds = _run_all(page)
        print(f'Run All of {NOTEBOOK} in JupyterLab: {seconds:.0f} s')
        errors = page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').all_inner_texts()
        assert not [e for e in errors if 'Traceback' in e or 'Error' in e.split('\n')[0]], errors

        boxes = page.locator('.jp-OutputArea-output:has(.noUi-handle)')
        explorer = boxes.filter(has=page.locator('.widget-interact')).first
        mask_lab = boxes.filter(has=page.get_by_role('button', name='generate')).first
        for name, box in (('attention explorer', explorer), ('mask lab', mask_lab)):
            box.scroll_into_view_if_needed()
            r = _nudge_sliders(page, box)
            assert r['handles'] >= 3, (name, r)
            assert not r['errors'], (name, r['errors'])
            assert r['before'] != r['after'], f'moving the {name} sliders changed no picture'
        browser.close()
    assert not page_errors, page_errors
