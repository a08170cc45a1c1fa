# Shapes-world characters, places and motions: the embedded model knows them, so this story runs
# offline on a laptop CPU in a few minutes. 'zigzagging' is a motion the embedded model never saw
# in training; its motion adapter learns it from clips retrieved from the Shapes library.
title: Ruby and Bluey's Day Out

characters:
  ruby [v1]: red circle with a yellow hat
  bluey [v2]: blue square with an orange bow

scene: a meadow
  narration: Ruby walks across the meadow while Bluey jumps for joy.
  ruby: walking
  bluey: jumping

scene: a forest
  narration: In the forest Bluey spins around and then zigzags between the trees, and Ruby waves.
  bluey: spinning, zigzagging
  ruby: waving
