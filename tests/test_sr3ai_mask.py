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

def test_all_official_plans_follow_the_rule():
    plans = _plans()
    assert len(plans) == (400 if FILES else 7)
    for name, scene in plans.items():
        covers = reference_covers(scene)
        captions = list(covers)                                   # first-appearance order
        covered = set().union(*covers.values())
        covers['background'] = set(range(GRID.n_video)) - covered
        mask = region_mask(scene_slots(scene, GRID))
        K, T = len(captions) + 1, (len(captions) + 1) * 226
        assert mask.shape == (T + GRID.n_video,) * 2, name
        assert mask[T:, T:].all(), name                           # video <-> video always
        for i, cap in enumerate(captions + ['background']):
            s = slice(i * 226, (i + 1) * 226)
            want = torch.zeros(GRID.n_video, dtype=torch.bool); want[list(covers[cap])] = True
            assert mask[s, s].all(), name                         # own text
            assert not mask[s, :T].sum() - 226 * 226, name        # no other slot's text
            assert (mask[s, T:] == want).all() and (mask[T:, s] == want[:, None]).all(), (name, cap)
        assert mask.any(1).all(), name                            # no empty row
