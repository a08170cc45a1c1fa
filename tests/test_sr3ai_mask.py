"The SR3AI mask equals the paper's rule on all official plans at the CogVideoX-2B grid (reference written from the rule)."
import os
import pytest, torch
from dreamrunner.plan import read_official_plans, repair_boxes
from dreamrunner.sr3ai import TokenGrid, region_mask, scene_slots
from conftest import SHARED, EXAMPLES

FILES = sorted((SHARED/'data'/'dreamrunner-t2vcompbench-plans').glob('*.jsonl'))
GRID = TokenGrid(latent_frames=12, rows=30, cols=45, text_len=226)   # 720x480x48 on CogVideoX-2B

def _plans():
    files = FILES or ([] if os.environ.get('DREAMRUNNER_REQUIRE_SHARED') else [EXAMPLES/'t2vcompbench_plans_excerpt.jsonl'])
    return {f'{f.stem}/{k}': repair_boxes(s)[0] for f in files for k, s in read_official_plans(f).items()}

def reference_covers(scene):
    "Per caption, the set of video token indices its regions cover, straight from the paper's rule."
    covers = {}
    for f, kf in enumerate(scene.key_frames):                    # key frame f fills latent frames 2f, 2f+1
        for r in kf.regions:
            left, top, right, bottom = r.box
            cells = covers.setdefault(r.caption, set())
            for t in (2 * f, 2 * f + 1):
                for row in range(round(top * 30), round(bottom * 30)):
                    for col in range(round(left * 45), round(right * 45)):
                        cells.add(t * 30 * 45 + row * 45 + col)
    return covers

def reference_ownership(scene):
    "[captions + background, n_video] video tokens each slot owns, from the rule (captions in first-appearance order)."
    covers = reference_covers(scene)
    own = torch.zeros(len(covers) + 1, GRID.n_video, dtype=torch.bool)
    for i, cells in enumerate(covers.values()): own[i, list(cells)] = True
    own[-1] = ~own[:-1].any(0)                                    # background: what no region covers
    return own

def test_all_official_plans_follow_the_rule():
    "Every plan's slot ownership equals the rule's, and the whole joint mask built from it for the first plan of each number of slots."
    plans, seen = _plans(), set()
    assert len(plans) == (400 if FILES else 7)
    for name, scene in plans.items():
        own, slots = reference_ownership(scene), scene_slots(scene, GRID)
        assert slots.n_slots == len(own), name
        assert torch.equal(slots.regions.reshape(slots.n_slots, -1), own), name
        if slots.n_slots in seen: continue   # a dense mask is 0.3 GB: one per shape of the joint sequence (13 on the official plans)
        seen.add(slots.n_slots)
        mask = region_mask(slots)                                 # [L, L], L = K * 226 + 16200
        K, T = len(own), len(own) * 226
        # the rule block by block (no second dense mask)
        assert mask[T:, T:].all(), name                           # video <-> video always: so no row is empty
        assert torch.equal(mask[:T, :T], torch.block_diag(*[torch.ones(226, 226, dtype=torch.bool)] * K)), name   # each slot's own text only
        text_video = own.repeat_interleave(226, 0)                # text <-> video inside its region
        assert torch.equal(mask[:T, T:], text_video) and torch.equal(mask[T:, :T], text_video.T), name
