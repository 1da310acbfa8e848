#!/usr/bin/env python3
"""Benchmark of `dcnum process` against the reference dcnum's recorded numbers.

Run through bench/run.sh (it builds the binary and gives h5py the zstd filter). Makes the
inputs it needs (bench_20000.rtdc: the 2000 real frames of ../shared/data/bench_2000.rtdc
tiled ten times with fresh noise, written like an acquisition file), runs each configuration
several times as a separate process, and prints one Markdown table: wall time (median),
frames/s, events/s, peak RSS (ru_maxrss of the process), the stage times from the run's own
log, and the ratio to the reference. Timing lives here, never in the unit tests.
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import time

import h5py
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
# ../shared beside the checkout (or beside the worktrees' folder, for a worktree under /work/wt)
SHARED = next((d for d in (os.path.join(os.path.dirname(ROOT), "shared"), os.path.join(os.path.dirname(os.path.dirname(ROOT)), "shared"))
               if os.path.isdir(d)), os.path.join(os.path.dirname(ROOT), "shared"))

# The reference dcnum on this kind of machine (2 cores, 2 workers, default pipeline): issue 8
# (drain, medians of repeated runs) and ../shared/golden/bench_2000__tap.json (tap, one run).
REFERENCE = {
    ("bench_2000", "drain"): {"wall_s": 9.8, "rss_mb": 1800},
    ("bench_2000", "tap"): {"wall_s": 12.078, "rss_mb": 1823168 / 1024},
    ("bench_20000", "drain"): {"wall_s": 68.5, "rss_mb": 2100},
}

# Torch segmentation (issue 14): the reference's own run of the golden, 2 workers.
def torch_reference(golden):
    import json
    with open(os.path.join(SHARED, "golden", golden + ".json")) as f:
        ref = json.load(f)
    return {"wall_s": ref["wall_s"], "rss_mb": ref["maxrss_self_kb"] / 1024}


TORCH_ARGS = {"torchmpo-g1": ["-s", "torchmpo", "-ks", "model_file=" + os.path.join(SHARED, "data", "unet-dcnum-test_g1_910c2.dcnm"),
                              "--skip-validation"]}

# Stage lines of the run log (logs/dcnum-log-*), seconds summed over the worker threads.
STAGES = [
    ("background", r"Background computation time: ([0-9.]+)s"),
    ("load", r"Data load time: ([0-9.]+)s"),
    ("segment", r"Segmentation time: ([0-9.]+)s"),
    ("label", r"Labeling time: ([0-9.]+)s"),
    ("process labels", r"Label processing time: ([0-9.]+)s"),
    ("features", r"Feature extraction time: ([0-9.]+)s"),
    ("writer", r"Event spooling time: ([0-9.]+)s"),
]


def make_tiled_input(source, target, tiles, seed):
    """source's frames tiled `tiles` times with ±2 grey levels of noise, zstd-5 + Fletcher32 like the source."""
    rng = np.random.default_rng(seed)
    tmp = target + ".part"
    with h5py.File(source, "r") as src, h5py.File(tmp, "w") as dst:
        images = src["events/image"]
        n, h, w = images.shape
        t = src["events/time"][:]
        frame = src["events/frame"][:]
        period = (t[-1] - t[0]) + (t[1] - t[0])
        frame_period = int(frame[-1] - frame[0] + 1)
        total = n * tiles
        for key, value in src.attrs.items():
            dst.attrs[key] = value
        dst.attrs["experiment:event count"] = total
        opts = dict(compression=32015, compression_opts=(5,), fletcher32=True)
        ev = dst.create_group("events")
        image = ev.create_dataset("image", (total, h, w), dtype=np.uint8, chunks=images.chunks, **opts)
        for key, value in images.attrs.items():
            image.attrs[key] = value
        ev.create_dataset("time", data=np.concatenate([t + k * period for k in range(tiles)]), chunks=(1000,), **opts)
        ev.create_dataset("frame", data=np.concatenate([frame + k * frame_period for k in range(tiles)]).astype(frame.dtype),
                          chunks=(1000,), **opts)
        block = 500
        for k in range(tiles):
            for start in range(0, n, block):
                part = images[start:start + block].astype(np.int16)
                part += rng.integers(-2, 3, size=part.shape, dtype=np.int16)
                image[k * n + start:k * n + start + len(part)] = np.clip(part, 0, 255).astype(np.uint8)
    os.replace(tmp, target)


def run_once(binary, path_in, path_out, mode, workers, segmenter=None):
    # One worker runs on one core (taskset), so that 1 vs 2 measures how the run scales with cores:
    # with --num-cpus 1 alone the writer's compression would still use the second core.
    pin = ["taskset", "-c", "0"] if workers == 1 else []
    # A fresh output each time: replacing an existing 40 MB file makes the final rename free its
    # blocks, which is no part of processing.
    if os.path.exists(path_out):
        os.remove(path_out)
    args = [*pin, binary, "process", path_in, path_out, "-kb", "offset_correction=true", "--num-cpus", str(workers),
            "--progress", "none"]
    if mode == "drain":
        args.append("--drain-basins")
    args += TORCH_ARGS.get(segmenter, [])
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    out = proc.stdout.read().decode()
    err = proc.stderr.read().decode()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(f"bench: {' '.join(args)} failed ({proc.returncode}): {err.strip()}")
    events = int(re.search(r"into (\d+) events", out).group(1))
    stages = {}
    with h5py.File(path_out, "r") as f:
        for name in f["logs"]:
            if name.startswith("dcnum-log-"):
                text = "\n".join(x.decode() if isinstance(x, bytes) else x for x in f["logs"][name][:])
                for stage, pattern in STAGES:
                    m = re.search(pattern, text)
                    if m:
                        stages[stage] = float(m.group(1))
    return {"wall": wall, "rss_mb": usage.ru_maxrss / 1024, "cpu": usage.ru_utime + usage.ru_stime,
            "events": events, "stages": stages}


def startup(binary, args, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([binary, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--bin", default=os.path.join(ROOT, "out", "bin", "dcnum"))
    p.add_argument("--work", default=os.path.join(HERE, "work"))
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--quick", action="store_true", help="bench_2000 only, one repeat")
    p.add_argument("--torch", action="store_true", help="only the torchmpo configurations (bench_2000, g1 model)")
    a = p.parse_args()
    os.makedirs(a.work, exist_ok=True)
    bench_2000 = os.path.join(SHARED, "data", "bench_2000.rtdc")
    bench_20000 = os.path.join(a.work, "bench_20000.rtdc")
    if not a.quick and not a.torch and not os.path.exists(bench_20000):
        print(f"making {bench_20000} (2000 real frames tiled 10x with noise) ...", file=sys.stderr)
        make_tiled_input(bench_2000, bench_20000, 10, seed=20000)
    repeat = 1 if a.quick else a.repeat
    configs = [("bench_2000", bench_2000, "drain", 2), ("bench_2000", bench_2000, "drain", 1),
               ("bench_2000", bench_2000, "tap", 2)]
    torch = [("bench_2000", bench_2000, "tap", 2, "torchmpo-g1"), ("bench_2000", bench_2000, "tap", 1, "torchmpo-g1")]
    configs = torch if a.torch else configs + torch
    if not a.quick and not a.torch:
        configs += [("bench_20000", bench_20000, "drain", 2), ("bench_20000", bench_20000, "drain", 1),
                    ("bench_20000", bench_20000, "tap", 2)]

    rows = []
    for name, path, mode, workers, *seg in configs:
        segmenter = seg[0] if seg else None
        with h5py.File(path, "r") as f:
            frames = f["events/image"].shape[0]
        runs = [run_once(a.bin, path, os.path.join(a.work, f"{name}_{mode}_{workers}_dcn.rtdc"), mode, workers, segmenter)
                for _ in range(repeat)]
        wall = statistics.median(r["wall"] for r in runs)
        rss = max(r["rss_mb"] for r in runs)
        cpu = statistics.median(r["cpu"] for r in runs)
        stages = {s: statistics.median(r["stages"].get(s, 0.0) for r in runs) for s, _ in STAGES}
        ref = torch_reference(f"{name}__{segmenter}-{mode}") if segmenter else REFERENCE.get((name, mode))
        if segmenter:
            mode = f"{mode}, {segmenter}"
        rows.append((name, mode, workers, frames, runs[0]["events"], wall, cpu, rss, stages, ref))
        print(f"{name} {mode} {workers} workers: {wall:.2f} s, {frames / wall:.0f} frames/s, {rss:.0f} MB", file=sys.stderr)

    print(f"| input | basins | threads | wall s | frames/s | events/s | CPU s | peak RSS MB | "
          + " | ".join(s for s, _ in STAGES) + " | reference wall s | × reference frames/s | reference RSS MB |")
    print("|" + "---|" * (11 + len(STAGES)))
    for name, mode, workers, frames, events, wall, cpu, rss, stages, ref in rows:
        ref_cols = (f"{ref['wall_s']:.1f} | {ref['wall_s'] / wall:.1f}× | {ref['rss_mb']:.0f}" if ref and workers == 2
                    else "– | – | –")
        print(f"| {name} | {mode} | {workers} | {wall:.2f} | {frames / wall:.0f} | {events / wall:.0f} | {cpu:.2f} | {rss:.0f} | "
              + " | ".join(f"{stages[s]:.2f}" for s, _ in STAGES) + f" | {ref_cols} |")
    scaling = [(r[0], r[1]) for r in rows if r[2] == 1]
    for name, mode in scaling:
        one = next(r for r in rows if r[0] == name and r[1] == mode and r[2] == 1)
        two = next(r for r in rows if r[0] == name and r[1] == mode and r[2] == 2)
        print(f"\n{name} {mode}: 2 threads on 2 cores give {one[5] / two[5]:.2f}× the frames/s of 1 thread on 1 core")
    cytoshot = os.path.join(SHARED, "data", "cytoshot-test-data.rtdc")
    print(f"\nstart-up (median of 50 runs incl. process spawn): `--version` {startup(a.bin, ['--version'], 50):.1f} ms, "
          f"`info cytoshot-test-data.rtdc` {startup(a.bin, ['info', cytoshot], 50):.1f} ms")


if __name__ == "__main__":
    main()
