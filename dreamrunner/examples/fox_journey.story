# One character, one or two motions a scene.
title: The Little Fox Goes Home

characters:
  fox [v1]: little red fox with a white-tipped tail

scene: a snowy meadow at dawn
  narration: The little fox wakes in the snow and stretches.
  fox: sitting, stretching

scene: a frozen river between birch trees
  narration: It runs along the frozen river, then jumps over a log.
  fox: running, jumping

scene: a warm burrow under an old oak tree
  narration: At last it curls up at home and falls asleep.
  fox: walking, sleeping
