#!/usr/bin/env bash
# Takes the screenshots of this folder under Xvfb: the window in the middle of the batch-size
# study (two trials done, the third training) and the finished jsc-tiny vs jsc-tiny-x10 study;
# then runs the batch-size study with sweeplab-cli (about 2 minutes) and keeps the side-by-side
# accuracy figure that `sweeplab --export-figures` writes, at half its size; and the History tab
# with two recorded runs overlaid; and seed repeats drawn as bands, in an epoch sweep whose
# cosine schedule makes the comparison note appear; and the quick demo's test confusion matrix
# as its report folder draws it; and the curves of a learning-rate x batch-size grid.
# And the window following a study that a real one-node Slurm trains (cluster, as root).
# And the form with its cost preview (cost). And the random-search study with its pruned trials
# in the middle of its run, and the optimisation history of the tpe study at its end
# (optimisation).
# And the learning-rate study trained as two groups of trials (groups).
# Usage: docs/screenshots/take-screenshots.sh BUILD_DIR [history|repeats|confusion|grid|cluster|cost|optimisation|groups]
#        (a build with the GUI; a name takes only that screenshot, about a minute each)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="$(cd "${1:?usage: $0 BUILD_DIR}" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# shellcheck disable=SC2046
for tool in grab_screen scale_png; do
  g++ -std=c++17 -O1 -fPIC "$here/$tool.cpp" -o "$work/$tool" $(pkg-config --cflags --libs Qt6Gui)
done

# A fresh window layout (not the user's), with the curves' default controls.
mkdir -p "$work/config/Sweeplab"
export XDG_CONFIG_HOME="$work/config"
export XDG_DATA_HOME="$work/data"  # runs recorded while shooting stay out of the real history
export SWEEPLAB_EXPERIMENTS_DIR="$root/experiments"

# The window opens at 88 % of the screen, centred: on the 1600 x 1000 screen below that is
# 1408 x 880 at (96, 60), the part grabbed.
screen="1600x1000"
window="1408x880+96+60"

shoot() {  # STUDY TRIALS_FINISHED OUT.png [SETTLE_SECONDS]
  shoot_file "$root/experiments/$1.yaml" "$2" "$3" "${4:-4}"
}

shoot_file() {  # EXPERIMENT_FILE TRIALS_FINISHED OUT.png [SETTLE_SECONDS]
  rm -rf "$work/runs"
  xvfb-run -a -s "-screen 0 ${screen}x24" bash -c '
    "$1/app/sweeplab" --run "$2" --out "$5/runs" 2>/dev/null &
    app=$!
    # summary.json is rewritten as each trial ends.
    until [ "$(cat "$5"/runs/*/summary.json 2>/dev/null | grep -c "\"status\": \"finished\"")" \
            -ge "$3" ]; do
      sleep 0.2
    done
    sleep "$6"
    "$5/grab_screen" "$4" "$7"
    kill "$app"
  ' _ "$build" "$1" "$2" "$3" "$work" "${4:-4}" "$window"
}

# Two runs of the quick demo (learning rates 1e-3 and 1e-2, batch sizes 128 and 512) recorded
# by sweeplab-cli into a fresh run store, then every trial of both overlaid in the window.
shoot_history() {  # OUT.png
  local store="$work/history/runs.sqlite"
  rm -rf "$work/history"
  mkdir -p "$work/history"
  for lr in 0.001 0.01; do
    sed -e "s/^name: .*/name: quick_demo_lr_$lr/" -e "s/learning_rate: .*/learning_rate: $lr/" \
      -e "s/training.batch_size: .*/training.batch_size: [128, 512]/" \
      "$root/experiments/quick_demo.yaml" >"$work/history/lr_$lr.yaml"
    "$build/app/sweeplab-cli" run "$work/history/lr_$lr.yaml" --quiet --store "$store" \
      --out "$work/history/runs" >/dev/null
  done
  SWEEPLAB_STORE="$store" xvfb-run -a -s "-screen 0 ${screen}x24" bash -c '
    "$1/app/sweeplab" --overlay 1,2 2>/dev/null &
    app=$!
    sleep 6
    "$3/grab_screen" "$2" "$4"
    kill "$app"
  ' _ "$build" "$1" "$work" "$window"
}

# The quick demo as an epoch sweep (5 and 10 epochs) with three seeds each: every grid point is
# a mean line in a ±1 std band, and the note above the charts says the cosine schedule's length
# differs as well.
shoot_repeats() {  # OUT.png
  mkdir -p "$work/repeats"
  local file="$work/repeats/epochs_three_seeds.yaml"
  sed -e "s/^name: .*/name: epochs_three_seeds/" -e "s/^parallel_trials: .*/repeats: 3/" \
    -e "s/training.batch_size: .*/training.max_epochs: [5, 10]/" \
    "$root/experiments/quick_demo.yaml" >"$file"
  shoot_file "$file" 6 "$1"
}

# The quick demo as a learning-rate x batch-size grid (3 x 4 trials): one colour per batch size,
# one dash per learning rate, and a legend that lists each key's values once.
shoot_grid() {  # OUT.png
  mkdir -p "$work/grid"
  local file="$work/grid/lr_x_batch.yaml"
  sed -e "s/^name: .*/name: lr_x_batch/" \
    -e "s/^description: .*/description: Learning rate x batch size of jsc-tiny, 10 epochs./" \
    -e "s/training.batch_size: .*/training.batch_size: [64, 128, 256, 512]\n  training.learning_rate: [1e-4, 1e-3, 1e-2]/" \
    "$root/experiments/quick_demo.yaml" >"$file"
  shoot_file "$file" 12 "$1"
}

# The quick demo's best trial's test confusion matrix, as the report folder writes it
# (figures/confusion_matrix.png, 1800 x 1500 at 300 dpi), kept 1200 px wide.
shoot_confusion() {  # OUT.png
  "$build/app/sweeplab-cli" run "$root/experiments/quick_demo.yaml" --quiet --store none \
    --out "$work/confusion-run" >/dev/null
  "$build/app/sweeplab" --report "$work"/confusion-run/quick_demo-* \
    --out "$work/confusion-report" >/dev/null 2>&1
  QT_QPA_PLATFORM=offscreen "$work/scale_png" "$work/confusion-report/figures/confusion_matrix.png" \
    "$1" 1200
}

# The window following a learning-rate study that a real one-node Slurm trains
# (tests/support/slurm_cluster.sh, needs root): submitted with Run > Run on Slurm Cluster
# (Ctrl+Alt+R, the dialog's defaults), grabbed when two trials have finished, two run on the
# node and the last waits in Slurm's queue.
shoot_cluster() {  # OUT.png
  local cluster="$work/slurm"
  "$root/tests/support/slurm_cluster.sh" start "$cluster" >/dev/null
  # shellcheck disable=SC2046
  export $("$root/tests/support/slurm_cluster.sh" env "$cluster")
  mkdir -p "$work/config/Sweeplab"
  printf '[General]\nrunsDirectory=%s\n' "$work/cluster-runs" >"$work/config/Sweeplab/Sweeplab.conf"
  xvfb-run -a -s "-screen 0 ${screen}x24" bash -c '
    "$1/app/sweeplab" "$2" 2>/dev/null &
    app=$!
    sleep 4
    # No window manager gives the windows focus: xdotool does.
    xdotool windowfocus --sync "$(xdotool search --name "learning_rate" | head -1)"
    xdotool key ctrl+alt+r
    sleep 1.5
    xdotool windowfocus --sync "$(xdotool search --name "Run on a Slurm cluster" | head -1)"
    xdotool key Return
    until [ "$(cat "$3"/cluster-runs/*/*/trial.json 2>/dev/null | grep -c "\"status\": \"finished\"")" \
            -ge 2 ]; do
      sleep 0.2
    done
    sleep 4.5
    "$3/grab_screen" "$4" "$5"
    kill "$app"
  ' _ "$build" "$root/experiments/learning_rate.yaml" "$work" "$1" "$window" || true
  "$root/tests/support/slurm_cluster.sh" stop "$cluster" >/dev/null
  rm -f "$work/config/Sweeplab/Sweeplab.conf"
}

# The form with the random-search study's distributions and its cost preview, from this
# machine's real timings: `plan` fills the timing cache, the window test draws it offscreen.
shoot_cost() {  # OUT.png
  "$build/app/sweeplab-cli" plan "$root/experiments/random_search.yaml" --quiet >/dev/null
  SWEEPLAB_TEST_SCREENSHOTS="$work/cost" QT_QPA_PLATFORM=offscreen \
    "$build/tests/tst_cost_preview" screenshotOfTheFormWithItsCostPreview >/dev/null
  cp "$work/cost/form-cost-preview.png" "$1"
}

if [ "${2:-}" = cost ]; then
  shoot_cost "$here/form-cost-preview.png"
  exit 0
fi
if [ "${2:-}" = cluster ]; then
  shoot_cluster "$here/cluster-run.png"
  exit 0
fi
if [ "${2:-}" = history ]; then
  shoot_history "$here/history-overlay.png"
  exit 0
fi
if [ "${2:-}" = repeats ]; then
  shoot_repeats "$here/repeats-bands.png"
  exit 0
fi
# The random-search study as the runner trains it, pruning included, in the window. The study is
# experiments/random_search.yaml as random search (ASHA kept), on 400,000 synthetic rows instead
# of 100,000 so that it runs for about a quarter of a minute, not four seconds: pressed Run
# (Ctrl+R), its Curves tab (pruned curves end in a ring) is grabbed once eight trials are pruned
# while others still train, then its Summary tab (the optimisation history) a second later; the
# trials table below shows pruned, finished, running and queued rows. Then the file as it is
# (tpe + ASHA, 40 trials), opened on the Summary tab and run to its end: its optimisation history.
# The Summary tab's position is the one of the 1408 x 880 window on the screen below.
shoot_search() {  # RUNNING_SUMMARY.png RUNNING_CURVES.png HISTORY.png
  local search="$work/search"
  rm -rf "$search"
  mkdir -p "$search"
  sed -e 's/method: tpe/method: random/' -e 's/^  samples: 100000$/  samples: 400000/' \
    "$root/experiments/random_search.yaml" >"$search/random_search.yaml"
  mkdir -p "$search/tpe"
  cp "$root/experiments/random_search.yaml" "$search/tpe/"
  # The form's cost preview reads this machine's timings from the cache that `plan` fills.
  "$build/app/sweeplab-cli" plan "$search/random_search.yaml" --quiet >/dev/null
  xvfb-run -a -s "-screen 0 ${screen}x24" bash -c '
    count() {  # trial records in FOLDER whose status matches PATTERN
      cat "$1"/*/*/trial.json 2>/dev/null | grep -cE "\"status\": \"($2)\""
    }
    "$1/app/sweeplab" --out "$2/runs" "$2/random_search.yaml" 2>/dev/null &
    app=$!
    sleep 8  # the cost preview has its estimate by then
    # No window manager gives the windows focus: xdotool does.
    xdotool windowfocus --sync "$(xdotool search --name "random_search" | head -1)"
    xdotool key ctrl+r
    until [ "$(count "$2/runs" pruned)" -ge 8 ] || ! kill -0 "$app"; do sleep 0.05; done
    sleep 0.3
    "$7/grab_screen" "$4" "$6"
    xdotool mousemove 490 360 click 1  # the Summary tab
    sleep 1
    "$7/grab_screen" "$3" "$6"
    running=$(count "$2/runs" running)
    kill "$app"
    echo "grabbed with $running trials still running" >&2
    # The window opens on the Summary tab (its saved choice), without recent files.
    printf "[window]\ncentreTab=1\n" >"$7/config/Sweeplab/Sweeplab.conf"

    "$1/app/sweeplab" --run "$2/tpe/random_search.yaml" --out "$2/tpe/runs" 2>/dev/null &
    app=$!
    until [ "$(count "$2/tpe/runs" "finished|pruned|failed|diverged")" -ge 40 ] ||
      ! kill -0 "$app"; do
      sleep 0.2
    done
    sleep 4
    "$7/grab_screen" "$5" "$6"
    kill "$app"
  ' _ "$build" "$search" "$search/summary.png" "$search/curves.png" "$search/history.png" \
    "$window" "$work"
  rm -f "$work/config/Sweeplab/Sweeplab.conf"
  # No alpha channel and the most compression: a smaller file, the same pixels.
  QT_QPA_PLATFORM=offscreen "$work/scale_png" "$search/summary.png" "$1" 1408
  QT_QPA_PLATFORM=offscreen "$work/scale_png" "$search/curves.png" "$2" 1408
  QT_QPA_PLATFORM=offscreen "$work/scale_png" "$search/history.png" "$3" 1408
}
if [ "${2:-}" = optimisation ]; then
  shoot_search "$here/window-random-search-running.png" \
    "$here/window-random-search-running-curves.png" "$here/optimisation-history.png"
  exit 0
fi
# The learning-rate study as the runner groups it (batching: auto, one group per core): the Group
# column shows which trials train together, taken as the first group's trials end.
if [ "${2:-}" = groups ]; then
  shoot learning_rate 1 "$here/grouped-trials-running.png" 0.5
  exit 0
fi
if [ "${2:-}" = grid ]; then
  shoot_grid "$here/grid-two-keys.png"
  exit 0
fi
if [ "${2:-}" = confusion ]; then
  shoot_confusion "$here/confusion-matrix.png"
  exit 0
fi

shoot batch_size 2 "$here/batch-size-running.png" 0  # batch size 32 still training
shoot tiny_vs_x10 2 "$here/tiny-vs-x10-finished.png"
shoot learning_rate 1 "$here/grouped-trials-running.png" 0.5

# The exported figure: 3600 px wide at 300 dpi; 1800 px reads as well on screen.
"$build/app/sweeplab-cli" run "$root/experiments/batch_size.yaml" --out "$work/figure-run" >/dev/null
"$build/app/sweeplab" --export-figures "$work"/figure-run/batch_size-* --out "$work/figures" >/dev/null
QT_QPA_PLATFORM=offscreen "$work/scale_png" "$work/figures/side_by_side.png" \
  "$here/figure-side-by-side.png" 1800
shoot_history "$here/history-overlay.png"
shoot_confusion "$here/confusion-matrix.png"
shoot_grid "$here/grid-two-keys.png"
shoot_cost "$here/form-cost-preview.png"
shoot_search "$here/window-random-search-running.png" \
  "$here/window-random-search-running-curves.png" "$here/optimisation-history.png"
