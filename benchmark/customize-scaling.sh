#!/usr/bin/env bash
# seattle:customize at scale, through the real goal with donors from a directory: for each number of donors,
# every donor's installer for three platforms, against a plain `cp` loop making the same copies of the base
# files. Prints a table; asserts nothing.
#
#   benchmark/customize-scaling.sh [SIZES]        default: "10 100 1000 10000"
#
# Figures per size: the goal's own time (its summary: from the first check to the last file in place, so
# without Maven's start-up), the whole Maven run's wall time, the time per installer of the goal and of the
# cp loop and their ratio, bytes written, the Maven JVM's peak resident memory (/usr/bin/time -v) and its
# largest heap after a garbage collection (-Xlog:gc), CPU time over wall time (how many cores worked: the
# goal signs on one thread per core), and the load average before each side ran (each waits, up to two
# minutes, for the load to drop below one process per core: on a shared machine the figures vary).
#
# The plugin of this working tree is installed into a local repository of its own under $WORK (default
# /tmp/seattle-customize-scaling), resolving everything else from ~/.m2/repository through a file:// mirror:
# nothing is installed into ~/.m2 and nothing is downloaded. The operator key is the example's TEST-ONLY
# RSA-3072 key. Sizes below SMALL_FROM (default 10000) customize the real bases (the runtime and its
# dependencies, about 4.9 MB each); sizes from SMALL_FROM on customize bases of about SMALL_BYTES (default
# 1000000) made by MakeSmallBases.java, since 10,000 x 3 real installers would need about 150 GB; the size
# SMALL_FROM/10 (1,000) is then run with the small bases as well, to compare like with like. Outputs are
# deleted after each run: the disk needs room for one size at a time (3 x size x base), checked first.
set -euo pipefail

SIZES=${1:-"10 100 1000 10000"}
SMALL_FROM=${SMALL_FROM:-10000}
SMALL_BYTES=${SMALL_BYTES:-1000000}
WORK=${WORK:-/tmp/seattle-customize-scaling}
REPO=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
KEY="$REPO/examples/operator-build/keys/TEST-ONLY-operator.pem"
PLUGIN=io.github.seattleinstaller:seattle-maven-plugin:0.1.0-SNAPSHOT
unset SEATTLE_OPERATOR_KEY SEATTLE_OPERATOR_KEY_PASSPHRASE MAVEN_ARGS MAVEN_OPTS || true

mkdir -p "$WORK/logs"
# shellcheck source=benchmark/common.sh
. "$(dirname "$0")/common.sh"
mirror_settings "$WORK/settings.xml"
MVN=("$REPO/mvnw" -B -s "$WORK/settings.xml" -Dmaven.repo.local="$WORK/repo")

echo "Installing the plugin of $REPO into $WORK/repo" >&2
(cd "$REPO" && "${MVN[@]}" -q -DskipTests -pl seattle-maven-plugin -am install) >&2

mkdir -p "$WORK/project"
cat > "$WORK/project/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId>
  <artifactId>bench</artifactId>
  <version>1.0</version>
  <packaging>pom</packaging>
  <properties>
    <project.build.outputTimestamp>2026-11-01T00:00:00Z</project.build.outputTimestamp>
  </properties>
  <build>
    <plugins>
      <plugin>
        <groupId>io.github.seattleinstaller</groupId>
        <artifactId>seattle-maven-plugin</artifactId>
        <version>0.1.0-SNAPSHOT</version>
        <configuration>
          <operatorKeyFile>$KEY</operatorKeyFile>
        </configuration>
      </plugin>
    </plugins>
  </build>
</project>
POM

# The real bases, made by the goal.
if [ ! -f "$WORK/bases-real/bench-1.0-windows.zip" ]; then
    "${MVN[@]}" -q -f "$WORK/project/pom.xml" "$PLUGIN:base-installers" -Dseattle.outputDirectory="$WORK/bases-real" >&2
fi
# Small bases, by the builder's base-installer code (see MakeSmallBases.java).
if [ ! -f "$WORK/bases-small/bench-1.0-windows.zip" ]; then
    (cd "$REPO" && "${MVN[@]}" -q -pl seattle-installer-builder dependency:build-classpath \
        -Dmdep.outputFile="$WORK/builder.classpath") >&2
    java -cp "$WORK/repo/io/github/seattleinstaller/seattle-installer-builder/0.1.0-SNAPSHOT/seattle-installer-builder-0.1.0-SNAPSHOT.jar:$(cat "$WORK/builder.classpath")" \
        "$REPO/benchmark/MakeSmallBases.java" "$KEY" "$WORK/bases-small" "$SMALL_BYTES" bench-1.0 "$WORK/small-work"
fi

# donors N: a directory of N vesselinfo files with the clearinghouse's split (the example's keys).
donors() {
    local count=$1 directory="$WORK/donors-$1"
    if [ ! -f "$directory/donor$(printf %05d "$count").vesselinfo" ]; then
        rm -rf "$directory"
        python3 - "$directory" "$count" "$REPO/examples/operator-build/keys" <<'PYTHON'
import os, subprocess, sys
directory, count, keys = sys.argv[1], int(sys.argv[2]), sys.argv[3]
def seattle(name):
    return open(os.path.join(keys, name)).read().strip()
modulus = subprocess.run(['openssl', 'rsa', '-pubin', '-in', os.path.join(keys, 'operator.pub.pem'), '-noout',
                          '-modulus'], check=True, capture_output=True, text=True).stdout.strip().split('=')[1]
operator = '65537 %d' % int(modulus, 16)
owners = [seattle('alice.publickey'), seattle('bob-student.publickey')]
os.makedirs(directory)
for n in range(1, count + 1):
    with open(os.path.join(directory, 'donor%05d.vesselinfo' % n), 'w') as out:
        out.write('Percent 80\nOwner %s\nUser %s\nPercent 20\nOwner %s\n' % (owners[n % 2], owners[1 - n % 2], operator))
PYTHON
    fi
    echo "$directory"
}

need_space() {
    local bytes=$1 free
    free=$(df --output=avail -B1 "$WORK" | tail -1)
    if [ "$free" -lt $((bytes + 2 * 1024 * 1024 * 1024)) ]; then
        echo "Not enough disk space in $WORK: need $((bytes / 1024 / 1024)) MiB and 2 GiB to spare, have $((free / 1024 / 1024)) MiB" >&2
        exit 1
    fi
}

# measure N BASES LABEL: one run of the goal and one cp loop; appends a line to the results.
measure() {
    local count=$1 bases=$2 label=$3 log="$WORK/logs/customize-$1-$3"
    local directory out="$WORK/out" base_bytes
    directory=$(donors "$count")
    base_bytes=$(stat -c %s "$bases"/bench-1.0-*.tar.gz "$bases"/bench-1.0-*.zip | awk '{ total += $1 } END { print total }')
    need_space $((count * base_bytes))
    rm -rf "$out"
    sync
    wait_for_idle 120
    local load_before
    load_before=$(cut -d' ' -f1 /proc/loadavg)
    echo "customize: $count donors, $label bases (load $load_before)" >&2
    MAVEN_OPTS="-Xlog:gc:file=$log.gc" /usr/bin/time -v -o "$log.time" "${MVN[@]}" -f "$WORK/project/pom.xml" \
        "$PLUGIN:customize" -Dseattle.donorsDirectory="$directory" -Dseattle.baseInstallersDirectory="$bases" \
        -Dseattle.outputDirectory="$out" -Dseattle.attach=none > "$log.log" 2>&1 \
        || { echo "customize failed: see $log.log" >&2; exit 1; }
    local written goal_s wall_s rss_kb cpu_pct heap_mb
    written=$(du -sb "$out" | cut -f1)
    goal_s=$(sed -n 's/.*Customized [0-9]* donors*: .* in \([0-9.]*\) s (.*/\1/p' "$log.log")
    wall_s=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$log.time")
    rss_kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$log.time")
    cpu_pct=$(awk -F': ' '/Percent of CPU/ { sub("%", "", $2); print $2 }' "$log.time")
    heap_mb=$(sed -n 's/.*->\([0-9]*\)M(.*/\1/p' "$log.gc" | sort -n | tail -1)
    rm -rf "$out"
    sync

    mkdir -p "$out"
    wait_for_idle 120
    local started ended cp_s load_cp
    load_cp=$(cut -d' ' -f1 /proc/loadavg)
    echo "cp loop: $count donors, $label bases (load $load_cp)" >&2
    started=$(date +%s.%N)
    for donor in $(seq -f 'donor%05g' 1 "$count"); do
        for base in "$bases"/bench-1.0-linux.tar.gz "$bases"/bench-1.0-macos.tar.gz "$bases"/bench-1.0-windows.zip; do
            cp "$base" "$out/${donor}-$(basename "$base")"
        done
    done
    ended=$(date +%s.%N)
    cp_s=$(echo "$ended - $started" | bc)
    rm -rf "$out"
    sync
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$count" "$label" "$((base_bytes / 3))" "$goal_s" "$wall_s" \
        "$cp_s" "$written" "$rss_kb" "${heap_mb:-?}" "$cpu_pct" "$load_before / $load_cp" >> "$WORK/results.tsv"
}

: > "$WORK/results.tsv"
for count in $SIZES; do
    if [ "$count" -ge "$SMALL_FROM" ]; then
        measure "$count" "$WORK/bases-small" small
    else
        measure "$count" "$WORK/bases-real" real
        if [ "$count" -eq $((SMALL_FROM / 10)) ]; then
            measure "$count" "$WORK/bases-small" small
        fi
    fi
done

echo "seattle:customize, donors from a directory, 3 platforms each; $(nproc) cores; RSA-3072 operator key"
echo
python3 - "$WORK/results.tsv" <<'PYTHON'
import sys
print('| donors | base (bytes) | goal (s) | Maven run (s) | per installer: goal / cp (ms) | ratio | written | peak RSS | heap after GC | CPU | load before: goal / cp |')
print('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
for line in open(sys.argv[1]):
    count, label, base, goal, wall, cp, written, rss, heap, cpu, load = line.rstrip('\n').split('\t')
    installers = 3 * int(count)
    goal_ms, cp_ms = 1000 * float(goal) / installers, 1000 * float(cp) / installers
    print(f"| {int(count):,} | {int(base):,} ({label}) | {float(goal):.1f} | {float(wall):.1f} | {goal_ms:.2f} / {cp_ms:.2f}"
          f" | {goal_ms / cp_ms:.2f} | {int(written) / 2**30:.2f} GiB | {int(rss) / 1024:.0f} MiB | {heap} MiB | {cpu}% | {load} |")
PYTHON
