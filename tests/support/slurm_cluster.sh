#!/usr/bin/env bash
# slurm_cluster.sh start DIR | stop DIR | env DIR
#
# A real, single-node Slurm for the test suite: Debian's slurm-wlm and munge (installed by
# packaging/install-deps.sh), with everything it writes under DIR so that it needs nothing from
# /etc/slurm or /etc/munge and no systemd (CI runs as root in a chroot where none runs).
#
#   start DIR  writes DIR/slurm.conf, starts munged, slurmctld and slurmd for one node named
#              after this host with its real CPUs and memory, waits until the node is idle and
#              prints the environment a caller needs (SLURM_CONF=DIR/slurm.conf) on stdout.
#   stop DIR   cancels the cluster's jobs and stops every daemon it started (by pid file).
#   env DIR    prints the environment lines again: export $(slurm_cluster.sh env DIR)
#
# Several clusters may run at once (ctest -j2): each DIR gets its own munge key and socket and
# its own free TCP ports. Must be run as root: slurmd starts jobs as their owner.
# Env: SLURM_CLUSTER_TIMEOUT seconds to wait for the node (default 60); SLURM_CLUSTER_OWNER_PID
# a process whose end stops the cluster (the test fixture passes its own, so that a crashed
# test leaves nothing running).
set -euo pipefail

usage() {
  echo "usage: $0 start DIR | stop DIR | env DIR" >&2
  exit 2
}

# (watch DIR OWNER_PID is internal: start runs it when SLURM_CLUSTER_OWNER_PID is set.)
[ $# -eq 2 ] || { [ $# -eq 3 ] && [ "$1" = watch ]; } || usage
command=$1
dir=$(realpath -m "$2")
conf=$dir/slurm.conf
wait_s=${SLURM_CLUSTER_TIMEOUT:-60}
# The daemons are in sbin, which a test's or a non-login shell's PATH may lack.
PATH=$PATH:/usr/sbin:/sbin

log() { echo "slurm_cluster: $*" >&2; }

print_env() {
  echo "SLURM_CONF=$conf"
}

running() {  # running PID: true while PID runs; a zombie not yet reaped (state Z) has ended
  [ -r "/proc/$1/stat" ] && ! sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | grep -q '^Z'
}

pid_alive() {  # pid_alive PIDFILE: true when the file names a running process
  local pid
  [ -s "$1" ] || return 1
  pid=$(cat "$1")
  [ -n "$pid" ] && running "$pid"
}

# Ports any socket holds (listening or not), from /proc so that no iproute2 or Python is needed.
ports_in_use() {
  local port
  awk 'FNR > 1 { split($2, addr, ":"); print addr[2] }' /proc/net/tcp /proc/net/tcp6 \
    2>/dev/null | sort -u | while read -r port; do printf '%d\n' "0x$port"; done
}

free_port() {  # free_port USED...: a port in 20000-59999 that no socket holds and not in USED
  local used port tries
  used=" $(ports_in_use | tr '\n' ' ') $* "
  for tries in $(seq 200); do
    port=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
    case $used in *" $port "*) continue ;; esac
    echo "$port"
    return 0
  done
  log "no free TCP port found after $tries tries"
  return 1
}

listening() {  # listening PORT: true once a socket listens on PORT (state 0A)
  local hex
  hex=$(printf '%04X' "$1")
  awk -v p=":$hex" 'FNR > 1 && $4 == "0A" && substr($2, length($2) - 4) == p { found = 1 }
                    END { exit !found }' /proc/net/tcp /proc/net/tcp6 2>/dev/null
}

show_logs() {
  local f
  for f in "$dir"/log/*.log; do
    [ -f "$f" ] || continue
    echo "----- $f (last 40 lines)" >&2
    tail -n 40 "$f" >&2
  done
}

stop_pids() {  # stop_pids PID...: TERM all at once, then KILL what is left after 10 s
  local pid alive=()
  [ $# -gt 0 ] || return 0
  kill -TERM "$@" 2>/dev/null || true
  for _ in $(seq 100); do
    alive=()
    for pid in "$@"; do
      running "$pid" && alive+=("$pid")
    done
    [ ${#alive[@]} -eq 0 ] && return 0
    sleep 0.1
  done
  log "did not stop on TERM in 10 s, killing: ${alive[*]}"
  kill -KILL "${alive[@]}" 2>/dev/null || true
}

stop_daemons() {  # stop_daemons PIDFILE...: stops the processes the files name
  local file pids=()
  for file in "$@"; do
    pid_alive "$file" && pids+=("$(cat "$file")")
    rm -f "$file"
  done
  stop_pids "${pids[@]}"
}

# Daemons of this cluster whose pid file is gone (DIR emptied while they ran), known by their
# name and a command line that names this cluster's files.
unlisted_daemons() {
  local file pid
  grep -lsFz -e "$conf" -e "--pid-file=$dir/run/munged.pid" /proc/[0-9]*/cmdline \
    | while read -r file; do
      pid=${file#/proc/}
      pid=${pid%/cmdline}
      case $(cat "/proc/$pid/comm" 2>/dev/null) in
        munged | slurmctld | slurmd) running "$pid" && echo "$pid" ;;
      esac
    done
}

# slurmstepd processes of this cluster and everything they started. They outlive slurmd by
# design (Slurm keeps jobs running across slurmd restarts), so stopping the daemons is not
# enough. A stepd is known by the Unix socket it listens on in this cluster's spool folder.
cluster_step_processes() {
  local inodes pid stepds=()
  inodes=$(awk -v spool="$dir/spool/" 'index($8, spool) == 1 { printf "%s ", $7 }' /proc/net/unix)
  [ -n "$inodes" ] || return 0
  # find prints "/proc/PID/fd socket:[INODE]" for every socket any process holds.
  for pid in $(find /proc/[0-9]*/fd -lname 'socket:*' -printf '%h %l\n' 2>/dev/null \
    | awk -v inodes="$inodes" '
        BEGIN { n = split(inodes, i, " "); for (k = 1; k <= n; k++) want["socket:[" i[k] "]"] = 1 }
        $2 in want { split($1, part, "/"); print part[3] }' | sort -u); do
    # Only a slurmstepd counts, whatever else holds the socket.
    [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = slurmstepd ] && stepds+=("$pid")
  done
  [ ${#stepds[@]} -gt 0 ] || return 0
  # Their descendants, from the parent ids in /proc/PID/stat (field 4; the name before it is in
  # parentheses and may hold spaces, hence the split at the last ')').
  for pid in /proc/[0-9]*/stat; do
    sed -n 's/^\([0-9]*\) .*) [A-Za-z] \([0-9]*\) .*/\1 \2/p' "$pid" 2>/dev/null
  done | awk -v roots="${stepds[*]}" '
    BEGIN { n = split(roots, r, " "); for (i = 1; i <= n; i++) keep[r[i]] = 1 }
    { parent[$1] = $2 }
    END {
      for (p in parent) {
        q = p
        for (depth = 0; depth < 64 && q != "" && q != "0" && q != "1"; depth++) {
          if (q in keep) { print p; break }
          q = parent[q]
        }
      }
    }' | sort -un
}

stop_cluster() {
  local pids
  if pid_alive "$dir/run/slurmctld.pid"; then
    # Cancel every job first (whoever submitted it) so that slurmd ends their steps the
    # ordinary way; then wait up to 5 s for the queue to empty.
    for _ in $(seq 50); do
      mapfile -t pids < <(SLURM_CONF=$conf timeout 5 squeue -h -o %A 2>/dev/null)
      [ ${#pids[@]} -eq 0 ] && break
      SLURM_CONF=$conf timeout 5 scancel --full "${pids[@]}" 2>/dev/null || true
      sleep 0.1
    done
  fi
  # slurmd and slurmctld need not wait for each other; munged goes last since the others may
  # still authenticate a message while they stop.
  stop_daemons "$dir/run/slurmd.pid" "$dir/run/slurmctld.pid"
  stop_daemons "$dir/run/munged.pid"
  mapfile -t pids < <(unlisted_daemons)
  if [ ${#pids[@]} -gt 0 ]; then
    log "stopping daemons of this cluster that had no pid file: ${pids[*]}"
    stop_pids "${pids[@]}"
  fi
  # The watcher of a test's cluster is done too (unless it is the one stopping it).
  if pid_alive "$dir/run/watch.pid" && [ "$(cat "$dir/run/watch.pid")" != $$ ]; then
    stop_pids "$(cat "$dir/run/watch.pid")"
  fi
  rm -f "$dir/run/watch.pid"
  # Anything of this cluster still running (a step that did not end) is killed.
  mapfile -t pids < <(cluster_step_processes)
  if [ ${#pids[@]} -gt 0 ]; then
    log "killing leftover processes of this cluster: ${pids[*]}"
    kill -KILL "${pids[@]}" 2>/dev/null || true
  fi
}

fail() {  # fail MESSAGE: ends a start that went wrong (start_failed cleans up)
  log "$*"
  exit 1
}

start_failed() {
  local status=$?
  [ "$status" -eq 0 ] && return 0
  exec 9>&-  # the port lock, if held
  # Stopped before the logs are shown, so that nothing is left running even if showing them
  # fails (a closed pipe).
  stop_cluster
  log "start failed; the daemons' logs:"
  show_logs
  exit "$status"
}

start_cluster() {
  local host node_line cpus memory mem_per_cpu ctld_port slurmd_port state lock
  for tool in munged slurmctld slurmd sinfo; do
    command -v "$tool" >/dev/null || {
      log "$tool not found: install slurm-wlm and munge (packaging/install-deps.sh)"
      exit 1
    }
  done
  [ "$(id -u)" -eq 0 ] || { log "must run as root (slurmd starts jobs as their owner)"; exit 1; }
  if pid_alive "$dir/run/slurmctld.pid" || pid_alive "$dir/run/slurmd.pid" \
    || pid_alive "$dir/run/munged.pid"; then
    log "a cluster is already running in $dir; stop it first"
    exit 1
  fi
  # The munge socket path must fit in a sockaddr_un (108 bytes).
  if [ ${#dir} -gt 80 ]; then
    log "DIR path too long for the munge socket (${#dir} > 80 characters): $dir"
    exit 1
  fi

  # From here on, any failure (a daemon that does not start, an unexpected error under set -e)
  # shows the daemons' logs and stops whatever did start.
  trap start_failed EXIT

  # A fresh state every time: a previous run's jobs must not come back.
  mkdir -p "$dir"
  rm -rf "$dir/state" "$dir/spool" "$dir/log" "$dir/run" "$dir/munge"
  # munged refuses key, socket and log folders that others can write to.
  mkdir -m 0700 "$dir/munge" "$dir/log" "$dir/run"
  mkdir -m 0755 "$dir/state" "$dir/spool"

  dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 status=none
  chmod 0400 "$dir/munge/munge.key"
  munged --key-file="$dir/munge/munge.key" --socket="$dir/munge/munge.socket" \
    --pid-file="$dir/run/munged.pid" --log-file="$dir/log/munged.log" \
    --seed-file="$dir/munge/munged.seed" --origin=127.0.0.1 --force \
    || fail "munged did not start"

  host=$(hostname -s)
  # slurmd -C prints this machine's real CPUs, sockets, cores and memory as a NodeName line.
  node_line=$(slurmd -C | head -n 1 | sed "s/^NodeName=[^ ]*//")
  cpus=$(sed -n 's/.* CPUs=\([0-9]*\).*/\1/p' <<<"$node_line")
  memory=$(sed -n 's/.* RealMemory=\([0-9]*\).*/\1/p' <<<"$node_line")
  mem_per_cpu=$((memory / cpus))

  # Two clusters started at once must not choose the same ports: choosing them and starting
  # the daemons that take them happen under one lock.
  lock=${TMPDIR:-/tmp}/sweeplab-slurm-ports.lock
  exec 9>"$lock"
  flock 9
  ctld_port=$(free_port)
  slurmd_port=$(free_port "$ctld_port")

  cat >"$conf" <<EOF
# Written by tests/support/slurm_cluster.sh: a one-node test cluster, everything under $dir.
ClusterName=sweeplab-test
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge/munge.socket
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/run/slurmctld.pid
SlurmdPidFile=$dir/run/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
# No cgroups: works in a chroot or a container.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SwitchType=switch/none
SelectType=select/cons_tres
# Memory is a scheduled resource as on real clusters (--mem is checked), and a job that asks
# for none gets its CPUs' share rather than the whole node, so array tasks run side by side.
SelectTypeParameters=CR_Core_Memory
DefMemPerCPU=$mem_per_cpu
# Start jobs as soon as they are submitted or a slot frees (the defaults wait up to 3 s).
SchedulerParameters=batch_sched_delay=0,sched_min_interval=0
# Studies of many trials are submitted as one array.
MaxArraySize=100001
MaxJobCount=200000
ReturnToService=2
# Short waits keep cancel and stop quick; the jobs here are tests.
KillWait=5
SlurmdTimeout=30
NodeName=$host NodeAddr=127.0.0.1 $node_line State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF

  export SLURM_CONF=$conf
  slurmctld -f "$conf" || fail "slurmctld did not start"
  slurmd -f "$conf" -N "$host" || fail "slurmd did not start"
  for _ in $(seq $((wait_s * 10))); do
    listening "$ctld_port" && listening "$slurmd_port" && break
    sleep 0.1
  done
  flock -u 9
  exec 9>&-

  state=
  for _ in $(seq $((wait_s * 10))); do
    state=$(timeout 5 sinfo -h -n "$host" -o %T 2>/dev/null || true)
    [ "$state" = idle ] && break
    if ! pid_alive "$dir/run/slurmctld.pid" || ! pid_alive "$dir/run/slurmd.pid"; then
      state="(a daemon exited)"
      break
    fi
    sleep 0.1
  done
  [ "$state" = idle ] || fail "node $host not idle after ${wait_s} s (state: ${state:-none})"
  trap - EXIT
  if [ -n "${SLURM_CLUSTER_OWNER_PID:-}" ]; then
    # A test that crashes or is killed never runs its stop; a watcher stops the cluster when
    # the owner ends. It holds none of this script's output pipes, so the caller is not kept
    # waiting for it.
    setsid bash "$0" watch "$dir" "$SLURM_CLUSTER_OWNER_PID" \
      </dev/null >>"$dir/log/watch.log" 2>&1 &
  fi
  print_env
}

watch_cluster() {  # watch_cluster OWNER: stops the cluster once OWNER ends, if still running
  local owner=$1 sleeper=
  echo $$ >"$dir/run/watch.pid"
  # stop ends the watcher with TERM; it ends its sleep too, which would otherwise outlive it
  # by up to a second and hold the caller's files (a chroot's /dev/null) open.
  trap '[ -n "$sleeper" ] && kill "$sleeper" 2>/dev/null && wait "$sleeper"; exit 0' TERM
  while running "$owner"; do
    pid_alive "$dir/run/slurmctld.pid" || return 0
    sleep 1 &
    sleeper=$!
    wait "$sleeper" || true
    sleeper=
  done
  pid_alive "$dir/run/slurmctld.pid" || return 0
  log "process $owner ended without stopping the cluster; stopping it"
  stop_cluster
}

case $command in
  start) start_cluster ;;
  stop) stop_cluster ;;
  env) print_env ;;
  watch) watch_cluster "$3" ;;
  *) usage ;;
esac
