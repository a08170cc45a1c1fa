#!/usr/bin/env python
"""SR3AI attention cost: unmasked SDPA vs dense-masked SDPA (the boolean mask as given, and its additive log M made once
by `log_mask`, as the SR3AI processor uses it) vs FlexAttention, at CogVideoX-2B's joint attention
shape or (--family wan) at Wan2.1-1.3B's cross-attention shape (video queries, S x 512 text keys).

Prints, per (slots S, grid), the median time of several runs, the ratios masked/unmasked and the mask
memory. Not a test: run it where you want the numbers, e.g.
    python benchmarks/attention.py                               # CPU-sized grids
    python benchmarks/attention.py --device cuda --grids 12x30x45 --slots 2 4 7 --compile
    python benchmarks/attention.py --family wan --device cuda --grids 21x30x52 --slots 2 4 7
"""
import argparse, statistics, time, warnings
import torch
import torch.nn.functional as F
from torch.nn.attention.flex_attention import flex_attention
from dreamrunner.plan import KeyFrame, Region, Scene
from dreamrunner.sr3ai import TokenGrid, flex_attention_on, flex_block_mask, log_mask, region_mask, scene_slots
from dreamrunner.wan import WAN_TEXT_LEN, cross_block_mask, cross_mask

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
    ap.add_argument('--family', choices=['cogvideox', 'wan'], default='cogvideox',
                    help='cogvideox: joint attention over [text, video]; wan: cross-attention from video to text')
    ap.add_argument('--heads', type=int, default=None, help='default: 30 (CogVideoX-2B) or 12 (Wan2.1-1.3B)')
    ap.add_argument('--head-dim', type=int, default=None, help='default: 64 (CogVideoX-2B) or 128 (Wan2.1-1.3B)')
    ap.add_argument('--runs', type=int, default=5); ap.add_argument('--device', default='cpu')
    ap.add_argument('--dtype', default=None, help='float32 (CPU default) or bfloat16/float16 (GPU default bfloat16)')
    ap.add_argument('--compile', action='store_true', help='torch.compile flex_attention on the CPU (always compiled on a GPU)')
    args = ap.parse_args()
    wan = args.family == 'wan'
    args.heads, args.head_dim = args.heads or (12 if wan else 30), args.head_dim or (128 if wan else 64)
    dev = torch.device(args.device)
    dtype = getattr(torch, args.dtype or ('bfloat16' if dev.type == 'cuda' else 'float32'))
    sync = torch.cuda.synchronize if dev.type == 'cuda' else (lambda: None)
    # on a GPU, the very callable the SR3AI processor uses (compiled); on the CPU, compiled only if asked
    flex = flex_attention_on(dev) if dev.type == 'cuda' else torch.compile(flex_attention, dynamic=False) if args.compile else flex_attention
    warnings.filterwarnings('ignore', message='.*flex_attention.*')
    print(f'{args.family} {"cross-attention (queries: video; keys: S slots of text)" if wan else "joint attention"}, device {dev}, {dtype}, '
          f'{args.heads} heads x {args.head_dim}, median of {args.runs} runs, flex compiled: {args.compile or dev.type == "cuda"}')
    print(f"{'grid':>10} {'S':>3} {'Lq x Lk':>14} {'unmasked ms':>12} {'dense ms':>9} {'logM ms':>8} {'flex ms':>9} {'dense/un':>9} {'logM/un':>8} {'flex/un':>8} {'dense MB':>9} {'block MB':>9} {'sparsity':>9}")
    for g in args.grids:
        f, r, c = map(int, g.split('x'))
        grid = TokenGrid(f, r, c, text_len=WAN_TEXT_LEN if wan else 226)
        for s in args.slots:
            slots = scene_slots(demo_scene(s), grid)
            Lq, Lk = (grid.n_video, slots.text_len) if wan else (slots.seq_len, slots.seq_len)
            q = torch.randn(1, args.heads, Lq, args.head_dim, device=dev, dtype=dtype)
            k, v = (torch.randn(1, args.heads, Lk, args.head_dim, device=dev, dtype=dtype) for _ in range(2))
            dense = (cross_mask(slots) if wan else region_mask(slots)).to(dev)[None, None]
            block = cross_block_mask(slots, device=dev) if wan else flex_block_mask(slots, device=dev)
            t_un = timed(lambda: F.scaled_dot_product_attention(q, k, v), args.runs, sync)
            t_dense = timed(lambda: F.scaled_dot_product_attention(q, k, v, attn_mask=dense), args.runs, sync)
            additive = log_mask(dense, dtype, dev)   # made once per scene by the processor
            t_log = timed(lambda: F.scaled_dot_product_attention(q, k, v, attn_mask=additive), args.runs, sync)
            t_flex = timed(lambda: flex(q, k, v, block_mask=block), args.runs, sync)
            block_mb = sum(t.numel() * t.element_size() for t in block.as_tuple() if torch.is_tensor(t)) / 2**20
            print(f'{g:>10} {slots.n_slots:>3} {f"{Lq}x{Lk}":>14} {1e3 * t_un:>12.1f} {1e3 * t_dense:>9.1f} {1e3 * t_log:>8.1f} {1e3 * t_flex:>9.1f} '
                  f'{t_dense / t_un:>9.2f} {t_log / t_un:>8.2f} {t_flex / t_un:>8.2f} {dense.numel() / 2**20:>9.1f} {block_mb:>9.3f} {block.sparsity():>8.1f}%')

if __name__ == '__main__': main()
