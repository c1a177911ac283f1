# What the benchmarks share; sourced by them, not run.

# mirror_settings FILE: Maven settings that resolve everything from ~/.m2/repository through a file:// mirror,
# so that a benchmark's own local repository fills without downloading anything.
mirror_settings() {
    cat > "$1" <<SETTINGS
<settings>
  <mirrors>
    <mirror>
      <id>local-m2</id>
      <mirrorOf>*</mirrorOf>
      <url>file://$HOME/.m2/repository</url>
    </mirror>
  </mirrors>
</settings>
SETTINGS
}

# wait_for_idle SECONDS: waits, at most SECONDS, while the load is above one process per core: other builds
# on the machine make the figures noisy.
wait_for_idle() {
    local limit=$1 cores waited=0
    cores=$(nproc)
    while awk -v cores="$cores" '{ exit !($1 >= cores) }' /proc/loadavg && [ "$waited" -lt "$limit" ]; do
        sleep 5
        waited=$((waited + 5))
    done
}
