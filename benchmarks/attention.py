#!/usr/bin/env python
"""SR3AI attention cost: unmasked SDPA vs dense-masked SDPA vs FlexAttention at CogVideoX-2B attention shape.

Prints, per (slots S, grid), the median time of several runs, the ratios masked/unmasked and the mask
memory. Not a test: run it where you want the numbers, e.g.
    python benchmarks/attention.py                               # CPU-sized grids
    python benchmarks/attention.py --device cuda --grids 12x30x45 --slots 2 4 7 --compile
"""
import argparse, statistics, time, warnings
import torch
import torch.nn.functional as F
from torch.nn.attention.flex_attention import flex_attention
from dreamrunner.plan import KeyFrame, Region, Scene
from dreamrunner.sr3ai import TokenGrid, flex_attention_on, flex_block_mask, region_mask, scene_slots

def demo_scene(n_captions:int) -> Scene:
    "A 6-key-frame scene with `n_captions` distinct captions: lanes side by side, most changing motion half way."
    lanes = (n_captions + 1) // 2
    def caption(i, k): return f'entity {i} doing motion {2 * i + int(k >= 3 and 2 * i + 1 < n_captions)}'
    return Scene('a plain background', [KeyFrame([Region(f'entity {i}', 'moving', caption(i, k), (i / lanes, 0.2, (i + 0.8) / lanes, 0.9))
                                                  for i in range(lanes)]) for k in range(6)])

def timed(fn, runs, sync):
    fn(); sync()  # warm up (and compile)
    ts = []
    for _ in range(runs):
        t = time.perf_counter(); fn(); sync(); ts.append(time.perf_counter() - t)
    return statistics.median(ts)

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--grids', nargs='+', default=['6x8x12', '12x8x12'], help='latent frames x rows x cols')
    ap.add_argument('--slots', nargs='+', type=int, default=[2, 4], help='captions per scene (plus the background slot)')
    ap.add_argument('--heads', type=int, default=30); ap.add_argument('--head-dim', type=int, default=64)
    ap.add_argument('--runs', type=int, default=5); ap.add_argument('--device', default='cpu')
    ap.add_argument('--dtype', default=None, help='float32 (CPU default) or bfloat16/float16 (GPU default bfloat16)')
    ap.add_argument('--compile', action='store_true', help='torch.compile flex_attention on the CPU (always compiled on a GPU)')
    args = ap.parse_args()
    dev = torch.device(args.device)
    dtype = getattr(torch, args.dtype or ('bfloat16' if dev.type == 'cuda' else 'float32'))
    sync = torch.cuda.synchronize if dev.type == 'cuda' else (lambda: None)
    # on a GPU, the very callable the SR3AI processor uses (compiled); on the CPU, compiled only if asked
    flex = flex_attention_on(dev) if dev.type == 'cuda' else torch.compile(flex_attention, dynamic=False) if args.compile else flex_attention
    warnings.filterwarnings('ignore', message='.*flex_attention.*')
    print(f'device {dev}, {dtype}, {args.heads} heads x {args.head_dim}, median of {args.runs} runs, flex compiled: {args.compile or dev.type == "cuda"}')
    print(f"{'grid':>10} {'S':>3} {'L':>7} {'unmasked ms':>12} {'dense ms':>9} {'flex ms':>9} {'dense/un':>9} {'flex/un':>8} {'dense MB':>9} {'block MB':>9} {'sparsity':>9}")
    for g in args.grids:
        f, r, c = map(int, g.split('x'))
        grid = TokenGrid(f, r, c, text_len=226)
        for s in args.slots:
            slots = scene_slots(demo_scene(s), grid)
            L = slots.seq_len
            q, k, v = (torch.randn(1, args.heads, L, args.head_dim, device=dev, dtype=dtype) for _ in range(3))
            dense = region_mask(slots).to(dev)[None, None]
            block = flex_block_mask(slots, device=dev)
            t_un = timed(lambda: F.scaled_dot_product_attention(q, k, v), args.runs, sync)
            t_dense = timed(lambda: F.scaled_dot_product_attention(q, k, v, attn_mask=dense), args.runs, sync)
            t_flex = timed(lambda: flex(q, k, v, block_mask=block), args.runs, sync)
            block_mb = sum(t.numel() * t.element_size() for t in block.as_tuple() if torch.is_tensor(t)) / 2**20
            print(f'{g:>10} {slots.n_slots:>3} {L:>7} {1e3 * t_un:>12.1f} {1e3 * t_dense:>9.1f} {1e3 * t_flex:>9.1f} '
                  f'{t_dense / t_un:>9.2f} {t_flex / t_un:>8.2f} {dense.numel() / 2**20:>9.1f} {block_mb:>9.3f} {block.sparsity():>8.1f}%')

if __name__ == '__main__': main()
