# Three characters, up to four motions a scene.
title: The Robot Gardener

characters:
  robot [v1]: small round robot with a green watering can
  bird [v2]: yellow songbird
  owl [v3]: grey owl with big amber eyes

scene: a sunny vegetable garden with a wooden fence
  narration: The robot rolls along the beds, then waters the tomatoes while a songbird flies overhead.
  robot: rolling, watering plants
  bird: flying

scene: the same garden at dusk with a crescent moon
  narration: As night falls, the owl lands on the fence and the robot waves goodnight.
  owl: landing, sitting
  robot: waving
