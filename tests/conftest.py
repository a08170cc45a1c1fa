"Shared test settings: offline, headless, single-threaded, paths of the project and its shared data."
import os
from pathlib import Path

for var in ('HF_HUB_OFFLINE', 'HF_DATASETS_OFFLINE', 'TRANSFORMERS_OFFLINE'): os.environ.setdefault(var, '1')
os.environ.setdefault('MPLBACKEND', 'Agg')

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent/'shared'
EXAMPLES = ROOT/'dreamrunner'/'examples'
LLM_REPLIES = EXAMPLES/'llm'
