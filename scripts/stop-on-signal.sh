# Sourced by scripts/test.sh and scripts/demo.sh: run commands in the background so a signal is
# handled at once (bash defers traps while a foreground command runs), and on exit, Ctrl-C,
# SIGTERM or SIGHUP stop the running command and then, with dev/reap.js, every process marked
# with $MVMNT_DEV_RUN (its environment, or its process group recorded by dev/processes.js).
# Needs MVMNT_DEV_RUN (a temporary folder, removed at the end) and STOP_LABEL (for the message).
BG_PID=
stop_all() {
  trap - EXIT INT TERM HUP
  if [ -n "$BG_PID" ]; then kill -TERM "$BG_PID" 2>/dev/null || true; wait "$BG_PID" 2>/dev/null || true; fi
  node dev/reap.js "$MVMNT_DEV_RUN" || true
  rm -rf "$MVMNT_DEV_RUN"
}
on_signal() { echo "${STOP_LABEL}: stopped by a signal" >&2; stop_all; exit "$1"; }
trap stop_all EXIT
trap 'on_signal 143' TERM
trap 'on_signal 130' INT
trap 'on_signal 129' HUP
# run CMD…: runs it in the background and waits for it, returning its exit code
run() { "$@" & BG_PID=$!; local rc=0; wait "$BG_PID" || rc=$?; BG_PID=; return "$rc"; }
