#!/usr/bin/env bash
# Memory stays flat: trains bench/memory.json for 10 epochs through ./host (tcmalloc preloaded
# when installed) and compares the resident memory the host reports after epoch 10 with
# after epoch 2. Epoch 1 is left out on purpose: it allocates libtorch's pools and caches.
# Exit status 1 when epoch 10 is more than 5% above epoch 2.
#   bench/memory.sh               # with tcmalloc (what ./host does)
#   DOGGAN_NO_TCMALLOC=1 bench/memory.sh   # glibc's allocator, for comparison
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
if [ -n "${DOGGAN_NO_TCMALLOC:-}" ]; then
  dotnet build "$here/src/Host/Host.csproj" -c Release -v quiet -nologo >&2
  run=(dotnet "$here/artifacts/bin/Host/release/DogGan.Host.dll")
else
  run=("$here/host")
fi
DOGGAN_SCHEMA=${DOGGAN_SCHEMA:-bench} "${run[@]}" run "$here/bench/memory.json" --out "$out/runs" | tee "$out/log" >&2
awk '
  /^epoch / { for (i = 1; i <= NF; i++) if ($i == "rss") rss[$2 + 0] = $(i + 1) }
  END {
    if (!(2 in rss) || !(10 in rss)) { print "memory: epoch 2 or 10 missing from the log"; exit 1 }
    change = (rss[10] - rss[2]) / rss[2] * 100
    printf "memory: rss after epoch 2 %d MB, after epoch 10 %d MB, change %+.1f%% (limit +5%%)\n", rss[2], rss[10], change
    for (e = 1; e <= 10; e++) printf "%s%d", (e > 1 ? " " : "  per epoch (MB): "), rss[e]
    print ""
    exit (change > 5 ? 1 : 0)
  }' "$out/log"
