#!/usr/bin/env python
"""Render nbs/index.ipynb to README.md offline (nbdev_readme needs Quarto).

Markdown cells are copied; code cells become ```python blocks without their `#|` directives;
cells marked `#| hide` are left out; outputs are not rendered (notebooks are committed clean).
`--check` exits with status 1 when README.md differs from what the notebook renders to."""
import json, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEADER = '<!-- Generated from nbs/index.ipynb by tools/readme.py: edit the notebook, not this file. -->\n\n'

def _source(cell) -> str:
    src = cell['source']
    return ''.join(src) if isinstance(src, list) else src

def render(nb_path: Path) -> str:
    parts = []
    for cell in json.loads(nb_path.read_text(encoding='utf-8'))['cells']:
        src = _source(cell)
        if cell['cell_type'] == 'markdown': parts.append(src.strip())
        elif cell['cell_type'] == 'code':
            lines = src.splitlines()
            if any(l.strip().replace(' ', '') in ('#|hide', '#|exporti') for l in lines): continue
            code = '\n'.join(l for l in lines if not l.lstrip().startswith('#|')).strip()
            if code: parts.append(f'```python\n{code}\n```')
    return HEADER + '\n\n'.join(p for p in parts if p) + '\n'

def main(argv):
    text, readme = render(ROOT/'nbs'/'index.ipynb'), ROOT/'README.md'
    if '--check' in argv:
        if not readme.exists() or readme.read_text(encoding='utf-8') != text:
            print('README.md is out of date with nbs/index.ipynb: run python tools/readme.py', file=sys.stderr)
            return 1
        print('README.md is up to date')
        return 0
    readme.write_text(text, encoding='utf-8')
    print(f'wrote {readme}')
    return 0

if __name__ == '__main__': sys.exit(main(sys.argv[1:]))
