"""dreamrunner: storytelling video generation with retrieval-augmented motion adaptation (DreamRunner, arXiv 2411.16657).

A story script goes in; a multi-scene video comes out:

    from dreamrunner import DreamRunnerPipeline
    pipe = DreamRunnerPipeline.from_pretrained()        # the embedded Shapes-world CogVideoX, or a CogVideoX folder
    video = pipe(open('examples/shapes_friends.story').read(), out='runs/shapes_friends')

The main API is importable from here (loaded on first use, so `import dreamrunner` stays light):
`DreamRunnerPipeline`, `StorySettings`, `Vocabulary` (pipeline); `Story`, `Scene` (plan); `RulePlanner`,
`read_story` (planner); `get_planner` (llm); `TokenGrid`, `Slots`, `scene_slots`, `region_mask`,
`install_sr3ai`, `sr3ai_inputs`, `scene_frames`, `AttentionRecorder` (SR3AI). Each stage is a notebook in
`nbs/` and a module here.
"""
__version__ = "0.1.0"

_API = {'DreamRunnerPipeline': 'pipeline', 'StorySettings': 'pipeline', 'StoryVideo': 'pipeline', 'Vocabulary': 'pipeline',
        'Story': 'plan', 'Scene': 'plan', 'Character': 'plan', 'PlanError': 'plan',
        'RulePlanner': 'planner', 'read_story': 'planner', 'get_planner': 'llm',
        'TokenGrid': 'sr3ai', 'Slots': 'sr3ai', 'scene_slots': 'sr3ai', 'region_mask': 'sr3ai', 'install_sr3ai': 'sr3ai',
        'sr3ai_inputs': 'sr3ai', 'scene_frames': 'sr3ai', 'AttentionRecorder': 'sr3ai'}
__all__ = list(_API)

def __getattr__(name):
    if name not in _API: raise AttributeError(f'module dreamrunner has no attribute {name!r}')
    import importlib
    return getattr(importlib.import_module(f'dreamrunner.{_API[name]}'), name)

def __dir__(): return sorted(list(globals()) + __all__)
