"The Shapes-world metrics that see motion: the recogniser, shapes and identity, and motion-change timing, on the world's own renders."
from dataclasses import replace
from pathlib import Path
import numpy as np
import pytest
from dreamrunner.evaluate import evaluate_run
from dreamrunner.planner import RulePlanner
from dreamrunner.shapes import CAST, MOTIONS, PLACES, render_clip, render_scene
from dreamrunner.worldmetrics import (change_frame, character_identity, character_looks, motion_features, motion_recogniser,
                                      recognise_motion, shape_accuracy, track_character, transition_timing, world_tracks)

TWO_MOTIONS = '''title: t
characters:
  ruby [v1]: red circle with a yellow hat
  sunny [v4]: yellow star
scene: a desert
  ruby: spinning, waving
  sunny: walking, spinning
'''
CH = {c.name: c for c in CAST}

@pytest.mark.parametrize('n_frames', [9, 25])
def test_recogniser_on_held_out_world_renders(n_frames):
    # fitted on seed 0 at 64x64; judged on other clips (seed 2) at 80x80
    tracks, truth = world_tracks(n_frames, 8, seed=2, size=(80, 80))
    seen = motion_recogniser(n_frames).predict(np.stack([motion_features(t) for t in tracks]))
    accuracy = np.mean([a == b for a, b in zip(truth, seen)])
    assert accuracy >= 0.95, f'{n_frames} frames: {accuracy:.1%} of {len(truth)} clips recognised'

def test_recogniser_reads_the_direction_of_time_and_stillness():
    ruby = CH['ruby']
    growing = render_clip(['growing'], [ruby], 'meadow', 25, (80, 80), seed=3).frames
    assert recognise_motion(growing, ruby, 'meadow') == 'growing'
    assert recognise_motion(growing[::-1], ruby, 'meadow') == 'shrinking'
    walking = render_clip(['walking'], [ruby], 'meadow', 25, (80, 80), seed=3).frames
    assert recognise_motion(walking, ruby, 'meadow') == 'walking'
    assert recognise_motion(np.repeat(walking[12:13], 25, 0), ruby, 'meadow') != 'walking'
    assert recognise_motion(np.zeros_like(walking), ruby, 'meadow') is None

def test_shape_and_accessory_of_every_character():
    rng, wrong = np.random.default_rng(0), []
    for ch in CAST:
        for motion in ('spinning', 'bouncing'):   # turned and squashed
            clip = render_clip([motion], [ch], PLACES[int(rng.integers(len(PLACES)))], 25, (80, 80), int(rng.integers(1 << 31)))
            looks = character_looks(clip.frames, ch, clip.place)
            if looks != (ch.shape, ch.accessory): wrong.append((ch.name, motion, looks))
    assert not wrong, wrong

def test_shape_and_identity_against_a_plan():
    scene = RulePlanner()(TWO_MOTIONS).scenes[0]
    truth = render_scene(scene, n_frames=25, size=(80, 80)).frames
    assert shape_accuracy(truth, scene) == character_identity(truth, scene) == 1.0
    # the same boxes filled by other characters (tagged as the planned ones) are not the planned ones
    others = render_scene(scene, [replace(CH['rosa'], tag='[v1]'), replace(CH['plum'], tag='[v4]')], n_frames=25, size=(80, 80)).frames
    assert character_identity(others, scene) == 0.0

def test_transition_timing_on_a_two_motion_render():
    scene = RulePlanner()(TWO_MOTIONS).scenes[0]
    timing = transition_timing(render_scene(scene, n_frames=25, size=(80, 80)).frames, scene)
    assert [(t['character'], t['planned']) for t in timing] == [('ruby', 12), ('sunny', 12)]
    assert all(t['error'] <= 2 for t in timing), timing

@pytest.mark.parametrize('key', [8, 16])
def test_change_found_off_the_middle(key):
    # the world jumping until `key`, then rolling (same character, place and variation): the change is not where a guess would put it
    fern = CH['fern']
    a, b = (render_clip([m], [fern], 'snow', 25, (80, 80), seed=5).frames for m in ('jumping', 'rolling'))
    found = change_frame(track_character(np.concatenate([a[:key], b[key:]]), fern, 'snow'), motion_recogniser(25).frame_scale)
    assert abs(found - key) <= 2, (key, found)

def test_evaluate_run_reports_them(tmp_path:Path):
    story = RulePlanner()(TWO_MOTIONS)
    story.save(tmp_path/'plan.json')
    np.savez(tmp_path/'scene_01.npz', frames=render_scene(story.scenes[0], n_frames=25, size=(80, 80)).frames)
    res = evaluate_run(tmp_path)
    m = res['metrics']
    assert m['world shape'] == m['world character'] == 100 and m['world transition_on_time'] == 100
    assert 'world motion_recognised' in m and 'world transition_on_time' not in res['skipped']
