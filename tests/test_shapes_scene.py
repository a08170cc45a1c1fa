"The world acting out rule-planned scenes: every motion shows in its own span, as the motion recogniser knows it from `render_clip`."
from collections import defaultdict
import numpy as np
from dreamrunner.planner import RulePlanner
from dreamrunner.shapes import CAST, MOTIONS, PLACES, color_box, render_scene
from dreamrunner.worldmetrics import character_regions, find_place, motion_parts, recognise_motion, transition_timing

M = list(MOTIONS)

def script(lines:list, place:str) -> str:
    "A one-scene story script: `lines` pairs a tuple of cast members (two: an interaction) with their motions."
    cast = list(dict.fromkeys(c for who, _ in lines for c in who))
    return ('title: t\ncharacters:\n' + ''.join(f'  {c.name} {c.tag}: {c.looks}\n' for c in cast) + f'scene: a {place}\n' +
            ''.join(f'  {" & ".join(c.name for c in who)}: {", ".join(ms)}\n' for who, ms in lines))

def scenes() -> list:
    "For every motion: alone, first of two, and second of two beside another character doing it (with other casts and places)."
    out = []
    for i, m in enumerate(M):
        a, b, place = CAST[i % 10], CAST[(i + 3) % 10], PLACES[i % len(PLACES)]
        out += [script([((a,), [m])], place), script([((a,), [m, M[(i + 5) % 16]])], place),
                script([((a,), [M[(i + 3) % 16], m]), ((b,), [m])], PLACES[(i + 2) % len(PLACES)])]
    return [RulePlanner()(s).scenes[0] for s in out]

def test_every_motion_is_recognised_and_timed():
    seen, changes = defaultdict(list), []
    for k, scene in enumerate(scenes()):
        frames, place = render_scene(scene, n_frames=25, size=(80, 80), seed=k, act=True).frames, find_place(scene.background)
        for ch, (boxes, motions) in character_regions(scene, 25).items():
            for m, a, b in motion_parts(motions): seen[m].append(recognise_motion(frames[a:b], ch, place, boxes[a:b]) == m)
        changes += transition_timing(frames, scene)
    per_motion = {m: np.mean(seen[m]) for m in M}
    overall = np.mean([x for v in seen.values() for x in v])
    assert set(seen) == set(M) and overall >= 0.9, (overall, per_motion)
    assert min(per_motion.values()) >= 2 / 3, per_motion   # no motion lost
    on_time = np.mean([t['error'] is not None and t['error'] <= 2 for t in changes])
    assert len(changes) == 32 and on_time >= 0.9, (on_time, [t for t in changes if not (t['error'] or 0) <= 2])

def shared(ch, cast) -> bool: return any({ch.color, ch.accent} & {c.color, c.accent} for c in cast if c != ch)

def test_boxes_are_the_drawings_and_inside_the_plan():
    rng = np.random.default_rng(0)
    for k in range(24):
        who = [CAST[i] for i in rng.choice(10, 3, replace=False)]
        ms = [M[i] for i in rng.choice(16, 4, replace=False)]
        lines = [((who[0], who[1]), ms[:2]), ((who[2],), ms[2:])] if k % 2 else [((who[0],), ms[:2]), ((who[1],), ms[2:])]
        scene = RulePlanner()(script(lines, PLACES[k % len(PLACES)])).scenes[0]
        clip = render_scene(scene, n_frames=9, size=(96, 80), seed=k, act=True)
        assert (render_scene(scene, n_frames=9, size=(96, 80), seed=k, act=True).frames == clip.frames).all()   # deterministic per seed
        names = [c.name for c in clip.characters]
        for f in range(9):
            for r in scene.regions_at((f + 0.5) / 9):
                for ch in (c for c in clip.characters if c.name in r.entity.split(' & ')):
                    b = clip.boxes[names.index(ch.name), f]
                    if not shared(ch, clip.characters): assert np.allclose(color_box(clip.frames[f], ch), b)
                    # inside its box: sideways to the pixel; up and down inside the boxes of the key frames on either side,
                    # since between two motions' boxes (sky to ground) each motion keeps to its own
                    x0, y0, x1, y1 = r.box
                    m = (f + 0.5) / 9 * len(scene.key_frames) - 0.5
                    near = [q.box for kf in {int(np.floor(max(m, 0))), int(np.ceil(min(m, len(scene.key_frames) - 1)))}
                            for q in scene.key_frames[kf].regions if q.name == r.name]
                    top, bottom = min(q[1] for q in near), max(q[3] for q in near)
                    assert b[0] >= x0 - 1 / 96 and b[2] <= x1 + 1 / 96 and b[1] >= top - 1 / 80 and b[3] <= bottom + 1 / 80, (k, f, ch.name, b, r.box)
