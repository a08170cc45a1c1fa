# A second Shapes-world story for the embedded model; 'shrinking' is another motion it never saw in
# training and learns from retrieved clips.
title: The Night Race

characters:
  sunny [v4]: yellow star
  plum [v5]: purple hexagon with a cyan hat

scene: the night sky
  narration: Sunny flies across the night sky while Plum bounces below.
  sunny: flying
  plum: bouncing

scene: a desert
  narration: In the desert Plum runs and then shrinks in the heat; Sunny spins.
  plum: running, shrinking
  sunny: spinning
