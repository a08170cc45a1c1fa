"""The README's main job (`dreamrunner run examples/shapes_friends.story`, empty adapter cache) on a quiet machine and
beside a second process that keeps one core busy, for each thread setting; prints the times and their ratio in one run.

    python benchmarks/threads.py [--threads default 2] [--story examples/shapes_friends.story]

Goal: with the default setting, the busy/quiet ratio stays within 1.5x (torch's own default threading, one thread per
core, collapses when another process takes a core).
"""
import argparse, multiprocessing, os, subprocess, sys, tempfile, time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

def busy(stop):
    "Keep one core busy until `stop` is set."
    x = 0
    while not stop.is_set():
        for _ in range(100_000): x += 1

def main_job(story:Path, threads:str) -> float:
    "Seconds of one cold-cache main job; `threads` is 'default' (the command's own default) or a number."
    with tempfile.TemporaryDirectory() as d:
        env = {k: v for k, v in os.environ.items() if k != 'OMP_NUM_THREADS'}
        env['DREAMRUNNER_CACHE'] = str(Path(d)/'cache')
        args = [str(Path(sys.executable).parent/'dreamrunner'), 'run', str(story), '--out', str(Path(d)/'run'), '--quiet']
        if threads == 'torch': args += ['--threads', str(os.cpu_count())]     # torch's own default: a thread per core
        elif threads != 'default': args += ['--threads', threads]
        t0 = time.time()
        subprocess.run(args, check=True, capture_output=True, env=env)
        return time.time() - t0

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--threads', nargs='+', default=['default', 'torch'], help="'default', 'torch' (a thread per core) or numbers")
    ap.add_argument('--story', default=str(ROOT/'examples'/'shapes_friends.story'))
    args = ap.parse_args()
    print(f'{os.cpu_count()} cores; the main job on {Path(args.story).name}, adapters trained afresh each time\n')
    print('| threads | quiet machine (s) | beside a busy process (s) | busy / quiet |\n|---|---|---|---|')
    for t in args.threads:
        quiet = main_job(Path(args.story), t)
        stop = multiprocessing.Event()
        hog = multiprocessing.Process(target=busy, args=(stop,)); hog.start()
        try: loaded = main_job(Path(args.story), t)
        finally: stop.set(); hog.join()
        print(f'| {t} | {quiet:.1f} | {loaded:.1f} | {loaded / quiet:.2f}x |', flush=True)

if __name__ == '__main__': main()
