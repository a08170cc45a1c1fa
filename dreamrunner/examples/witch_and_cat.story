# Two characters; the witch changes motion inside the first scene.
title: The Witch and Her Cat

characters:
  witch [v1]: girl witch in a purple pointed hat
  cat [v2]: small black cat with green eyes

scene: a moonlit forest clearing with tall pine trees
  narration: The witch strolls through the clearing, then stops to wave at the moon; her cat hops along beside her.
  witch: walking, waving
  cat: hopping

scene: a cosy cottage kitchen with a bubbling cauldron
  narration: Back home, the witch stirs her cauldron while the cat sits by the fire.
  witch: stirring a cauldron
  cat: sitting

scene: a starry night sky above the cottage roof
  narration: At midnight the two dance together on the roof under the stars.
  witch & cat: dancing together
