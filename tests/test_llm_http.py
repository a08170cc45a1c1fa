"The OpenAI-compatible backend and LLM planner against a real HTTP server on loopback serving recorded replies."
import json, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
import pytest
from dreamrunner.llm import LLMError, LLMPlanner, OpenAIChat, PlannerError, get_planner
from conftest import LLM_REPLIES

class Recorded:
    "A loopback chat-completions server: each POST gets the next scripted answer; requests are kept."
    def __init__(self):
        self.answers, self.requests = [], []
        outer = self
        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *a): pass
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers['Content-Length'])))
                outer.requests.append({'path': self.path, 'headers': dict(self.headers), 'body': body})
                status, payload, delay = outer.answers.pop(0)
                time.sleep(delay)
                data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
                try:
                    self.send_response(status); self.send_header('Content-Type', 'application/json')
                    self.send_header('Content-Length', str(len(data))); self.end_headers(); self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError): pass
        self.server = ThreadingHTTPServer(('127.0.0.1', 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f'http://127.0.0.1:{self.server.server_address[1]}/v1'

    def reply(self, name, status=200, delay=0.0):
        self.answers.append((status, (LLM_REPLIES/name).read_bytes(), delay)); return self

    def error(self, status, message='busy', delay=0.0):
        self.answers.append((status, {'error': {'message': message}}, delay)); return self

@pytest.fixture
def server():
    s = Recorded(); yield s; s.server.shutdown()

def chat(server, **kw): return OpenAIChat('planner-test', server.url, api_key='sk-test', **{'backoff': 0.01, 'timeout': 5, **kw})

def test_request_shape(server):
    server.reply('story.json')
    text = chat(server)([{'role': 'user', 'content': 'hello'}])
    assert text.startswith('Here is the story plan.')
    req = server.requests[0]
    assert req['path'] == '/v1/chat/completions'
    assert req['headers']['Authorization'] == 'Bearer sk-test'
    assert req['body']['model'] == 'planner-test' and req['body']['messages'][0]['content'] == 'hello'
    assert 'response_format' not in req['body']

def test_structured_output_sends_the_schema(server):
    server.reply('layout_scene2.json')
    chat(server, structured=True)([{'role': 'user', 'content': 'x'}], schema={'title': 'SceneLayout', 'type': 'object'})
    assert server.requests[0]['body']['response_format']['json_schema']['name'] == 'SceneLayout'

def test_whole_story_with_a_corrected_reply(server):
    server.reply('story.json').reply('layout_scene1_bad_box.json').reply('layout_scene1.json').reply('layout_scene2.json')
    planner = get_planner('openai', model='planner-test', base_url=server.url)
    story = planner('The witch and her cat.')
    assert [len(s.key_frames) for s in story.scenes] == [6, 6]
    assert story.scenes[1].key_frames[0].regions[0].entity == 'witch & cat'
    retry = server.requests[2]['body']['messages']
    assert [m['role'] for m in retry] == ['user', 'assistant', 'user']
    assert "key frame 1, region 'cat': x0=0.95 is not < x1=0.65" in retry[-1]['content']

def test_server_errors_are_retried_with_backoff(server):
    server.error(503).error(429).reply('story.json')
    assert 'story plan' in chat(server, max_retries=3)([{'role': 'user', 'content': 'x'}])
    assert len(server.requests) == 3

def test_client_errors_fail_at_once(server):
    server.error(401, 'invalid api key')
    with pytest.raises(LLMError, match='answered HTTP 401.*invalid api key'): chat(server)([{'role': 'user', 'content': 'x'}])
    assert len(server.requests) == 1

def test_timeouts_are_retried_then_reported(server):
    server.error(200, delay=1.0).error(200, delay=1.0)
    with pytest.raises(LLMError, match='failed 2 times; last error: .*timed out'):
        chat(server, timeout=0.2, max_retries=1)([{'role': 'user', 'content': 'x'}])

def test_body_that_is_not_a_completion(server):
    server.reply('not_a_completion.json')
    with pytest.raises(LLMError, match='not a chat completion'): chat(server)([{'role': 'user', 'content': 'x'}])

def test_malformed_replies_end_in_a_planner_error(server):
    server.reply('story.json').reply('truncated_json.json').reply('truncated_json.json')
    planner = LLMPlanner(chat(server), max_tries=2)
    with pytest.raises(PlannerError, match="scene 1: layout: no valid plan after 2 tries; last problem: the reply holds no complete JSON object"):
        planner('The witch and her cat.')

def test_cli_with_the_http_backend(server, tmp_path):
    import subprocess, sys
    from pathlib import Path
    server.reply('story.json').reply('layout_scene1.json').reply('layout_scene2.json')
    story = tmp_path/'witch.txt'; story.write_text('The witch and her cat.')
    exe = Path(sys.executable).parent/'dreamrunner'
    r = subprocess.run([str(exe), 'plan', str(story), '--llm', 'openai', '--base_url', server.url, '--llm_model', 'planner-test',
                        '--out', str(tmp_path/'out'), '--no_animatic'], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert 'planned by llm' in r.stdout
    plan = json.loads((tmp_path/'out'/'plan.json').read_text())
    assert plan['title'] == 'The Witch and Her Cat' and len(plan['scenes']) == 2
    assert 'sk-' not in (tmp_path/'out'/'plan.json').read_text()
