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
