#!/usr/bin/env bash
# How long each seattle goal takes on examples/operator-build above Maven's own start-up, for two versions
# of the plugin measured side by side: for every goal, the median over RUNS runs of (the goal's wall time
# minus the wall time of a `validate` of the same POM in the same run), in milliseconds.
#
#   benchmark/goal-times.sh [BEFORE_REF] [AFTER_REF] [RUNS]        defaults: 8e1311f HEAD 5
#
# Each version is checked out (committed state only) in a worktree of its own under $WORK (default
# /tmp/seattle-goal-times) and its plugin installed into a local repository of its own there, which
# resolves everything else from ~/.m2/repository through a file:// mirror: nothing is installed into
# ~/.m2 and nothing is downloaded. Each step runs for both versions back to back, so that load on the
# machine falls on both alike, and each version's first Maven in a run (cold caches) is not counted. Load
# from other processes still shows in wall times; CPU times (also printed) are steadier.
# Goals, as a CI pipeline would call them on the example:
#   help                        seattle:help: what Maven takes to load this plugin for any goal
#   base-installers (fresh)     seattle:base-installers after removing target/
#   base-installers (up to date) the same again, which must say it is up to date
#   customize                   seattle:customize@donor-installers on target/seattle's bases, two donors
#   verify                      seattle:verify@gate: three bases and six donor installers, pinned key
#   keygen                      seattle:keygen into a new directory (RSA-3072: key generation dominates)
set -euo pipefail

BEFORE_REF=${1:-8e1311f}
AFTER_REF=${2:-HEAD}
RUNS=${3:-5}
WORK=${WORK:-/tmp/seattle-goal-times}
REPO=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
PLUGIN=io.github.seattleinstaller:seattle-maven-plugin:0.1.0-SNAPSHOT
unset SEATTLE_OPERATOR_KEY SEATTLE_OPERATOR_KEY_PASSPHRASE MAVEN_ARGS MAVEN_OPTS || true

# shellcheck source=benchmark/common.sh
. "$(dirname "$0")/common.sh"
mkdir -p "$WORK"
mirror_settings "$WORK/settings.xml"

# prepare LABEL REF: a worktree of REF, its plugin installed in its own local repository, a copy of the example.
prepare() {
    local label=$1 ref=$2 src="$WORK/$1-src"
    local commit
    commit=$(git -C "$REPO" rev-parse --verify "$ref^{commit}")
    if [ -d "$src" ] && [ "$(git -C "$src" rev-parse HEAD)" != "$commit" ]; then
        git -C "$REPO" worktree remove --force "$src"
    fi
    [ -d "$src" ] || git -C "$REPO" worktree add --detach "$src" "$commit" >/dev/null
    echo "$label: $(git -C "$src" log --oneline -1)" >&2
    (cd "$src" && ./mvnw -B -q -s "$WORK/settings.xml" -Dmaven.repo.local="$WORK/$label-repo" -DskipTests \
        -pl seattle-maven-plugin -am install) >&2
    rm -rf "$WORK/$label-example"
    cp -r "$src/examples/operator-build" "$WORK/$label-example"
}

# mvn_ms LABEL LOG ARGS...: Maven of the version's worktree on its example copy; prints "wall-ms cpu-ms"
# (cpu: user + system time of Maven and everything it ran, which load from other processes disturbs less).
mvn_ms() {
    local label=$1 log=$2
    shift 2
    if ! /usr/bin/time -f "%e %U %S" -o "$log.time" "$WORK/$label-src/mvnw" -B -s "$WORK/settings.xml" \
        -Dmaven.repo.local="$WORK/$label-repo" -f "$WORK/$label-example/pom.xml" "$@" > "$log" 2>&1; then
        echo "failed: $label mvn $* (see $log)" >&2
        exit 1
    fi
    awk '{ printf "%d\t%d\n", $1 * 1000, ($2 + $3) * 1000 }' "$log.time"
}


# step LABEL RUN NAME ARGS...: one measured Maven run of a version, appended to the times as a line.
step() {
    local label=$1 run=$2 name=$3
    shift 3
    local log="$WORK/logs/$label-$run/${name// /-}.log"
    printf '%s\t%s\t%s\t%s\n' "$label" "$run" "$name" "$(mvn_ms "$label" "$log" "$@")" >> "$times"
}

prepare before "$BEFORE_REF"
prepare after "$AFTER_REF"
times="$WORK/times.tsv"
: > "$times"
for run in $(seq 1 "$RUNS"); do
    echo "run $run of $RUNS" >&2
    # Every step runs for both versions one right after the other, which of them first alternating by run,
    # so that the load on the machine at that moment falls on both alike.
    if [ $((run % 2)) -eq 1 ]; then order="before after"; else order="after before"; fi
    wait_for_idle 60
    for label in $order; do
        mkdir -p "$WORK/logs/$label-$run"
        rm -rf "$WORK/$label-example/target" "$WORK/keys-$label-$run"
        # Not counted: the first Maven of a version in a run pays for cold file caches.
        mvn_ms "$label" "$WORK/logs/$label-$run/warm-up.log" validate > /dev/null
    done
    for label in $order; do step "$label" "$run" floor validate; done
    for label in $order; do step "$label" "$run" "help (loading the plugin, no work)" "$PLUGIN:help"; done
    for label in $order; do step "$label" "$run" "base-installers (fresh)" "$PLUGIN:base-installers"; done
    for label in $order; do
        step "$label" "$run" "base-installers (up to date)" "$PLUGIN:base-installers"
        grep -q "Base installers are up to date" "$WORK/logs/$label-$run/base-installers-(up-to-date).log" \
            || { echo "$label: the second base-installers was not up to date" >&2; exit 1; }
    done
    for label in $order; do
        step "$label" "$run" customize "$PLUGIN:customize@donor-installers" \
            -Dseattle.baseInstallersDirectory="$WORK/$label-example/target/seattle"
    done
    for label in $order; do step "$label" "$run" verify "$PLUGIN:verify@gate"; done
    for label in $order; do
        step "$label" "$run" keygen "$PLUGIN:keygen" -Dseattle.keyDirectory="$WORK/keys-$label-$run"
    done
done

python3 - "$times" "$BEFORE_REF" "$AFTER_REF" "$RUNS" <<'PYTHON'
import statistics, sys
from collections import defaultdict
path, before, after, runs = sys.argv[1:]
wall, cpu = defaultdict(dict), defaultdict(dict)
goals = []
for line in open(path):
    label, run, goal, wall_ms, cpu_ms = line.rstrip("\n").split("\t")
    wall[(label, goal)][run] = int(wall_ms)
    cpu[(label, goal)][run] = int(cpu_ms)
    if goal != "floor" and goal not in goals:
        goals.append(goal)
def above_floor(ms, label, goal):
    return statistics.median(ms[(label, goal)][run] - ms[(label, "floor")][run] for run in ms[(label, goal)])
for title, ms in (("Wall time", wall), ("CPU time (user + system)", cpu)):
    print(f"{title} above Maven's floor (a validate of the same POM), median of {runs} runs, ms;"
          f" before = {before}, after = {after}")
    print()
    print("| goal | before | after |")
    print("|---|---:|---:|")
    for goal in goals:
        print(f"| {goal} | {above_floor(ms, 'before', goal):.0f} | {above_floor(ms, 'after', goal):.0f} |")
    floors = [statistics.median(ms[(label, 'floor')].values()) for label in ("before", "after")]
    print(f"| (the floor itself) | {floors[0]:.0f} | {floors[1]:.0f} |")
    print()
PYTHON
