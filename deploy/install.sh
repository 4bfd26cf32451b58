#!/bin/sh
# install.sh: install, update or roll back a1mb as the systemd service a1mb.service on 64-bit
# Raspberry Pi OS or Debian (aarch64). Run it as root:
#
#   sudo sh deploy/install.sh a1mb-sdm630-aarch64-unknown-linux-gnu    # the compiled binary
#   sudo sh deploy/install.sh --deno ./deno a1mb-sdm630.js             # the bundle + Deno
#   sudo sh deploy/install.sh --rollback                               # back to the previous one
#
# What it does: checks that the artefact runs here (`--version`), keeps the installed version
# for --rollback, installs the new one, creates the system user a1mb (in group dialout), writes
# /etc/a1mb/config.toml unless it exists (never overwritten) from the build's own defaults
# (`a1mb config example`; else the repository's config.toml) with a new random web console
# token, readable by root and group a1mb only, installs a1mb.service, then
# `systemctl daemon-reload` and enables and (re)starts the service.
#
# Every path can be moved with an environment variable (see --help), and A1MB_ROOT prefixes every
# path written, like DESTDIR: `A1MB_ROOT=/tmp/stage sh install.sh --no-user --no-systemctl …`.
set -eu

PROG=install.sh

usage() {
  cat <<'EOF'
Usage: install.sh [options] ARTEFACT
       install.sh [options] --rollback

Installs or updates a1mb as the systemd service a1mb.service.

ARTEFACT is one of
  a1mb-sdm630-aarch64-unknown-linux-gnu  the compiled binary (needs nothing else)
  a1mb-sdm630.js                         the bundle, run by Deno (see --deno); the RTU worker
                                         thread's a1mb-rtu-worker.js beside it goes in with it

Options:
  --deno FILE      Deno for the bundle: the aarch64 deno binary, or the release .zip holding it
                   (default: the Deno installed by an earlier run, else `deno` on PATH)
  --config FILE    template for /etc/a1mb/config.toml when that file does not exist yet
                   (default: the artefact's `config example`, else config.toml in the folder
                   above this script, or beside it); a random console token is written into it
  --rollback       go back to the version installed before the last install (run it again to
                   return to the newer one)
  --no-systemctl   do not run systemctl (daemon-reload, enable, restart)
  --no-user        do not create the a1mb user nor change owners (allows running as non-root)
  --no-verify      do not run the artefact's --version before installing it
  -h, --help       this text

Environment (default in brackets):
  A1MB_ROOT        prefix of every path written, like DESTDIR []
  A1MB_BIN_DIR     the `a1mb` command [/usr/local/bin]
  A1MB_LIB_DIR     bundle, Deno, previous version [/usr/local/lib/a1mb]
  A1MB_CONF_DIR    config.toml [/etc/a1mb]
  A1MB_UNIT_DIR    a1mb.service [/etc/systemd/system]
  A1MB_USER        service user [a1mb]
EOF
}

say() { printf '%s: %s\n' "$PROG" "$*"; }
die() {
  printf '%s: %s\n' "$PROG" "$*" >&2
  exit 1
}
usage_error() {
  printf '%s: %s\n' "$PROG" "$*" >&2
  printf 'Try: %s --help\n' "$PROG" >&2
  exit 2
}

# --- arguments --------------------------------------------------------------------------------
artefact=""
deno_src=""
config_src=""
rollback=0
use_systemctl=1
use_user=1
verify=1
while [ $# -gt 0 ]; do
  case "$1" in
    --deno)
      [ $# -ge 2 ] || usage_error "--deno needs a FILE"
      deno_src=$2
      shift 2
      ;;
    --config)
      [ $# -ge 2 ] || usage_error "--config needs a FILE"
      config_src=$2
      shift 2
      ;;
    --rollback) rollback=1; shift ;;
    --no-systemctl) use_systemctl=0; shift ;;
    --no-user) use_user=0; shift ;;
    --no-verify) verify=0; shift ;;
    -h | --help) usage; exit 0 ;;
    --) shift; break ;;
    -*) usage_error "unknown option \"$1\"" ;;
    *)
      [ -z "$artefact" ] || usage_error "more than one ARTEFACT (\"$artefact\", \"$1\")"
      artefact=$1
      shift
      ;;
  esac
done
if [ $# -gt 0 ]; then
  [ -z "$artefact" ] && [ $# -eq 1 ] || usage_error "more than one ARTEFACT"
  artefact=$1
fi
if [ "$rollback" = 1 ]; then
  [ -z "$artefact" ] || usage_error "--rollback takes no ARTEFACT"
else
  [ -n "$artefact" ] || usage_error "missing ARTEFACT (the a1mb binary or a1mb-sdm630.js)"
fi

# --- paths ------------------------------------------------------------------------------------
ROOT=${A1MB_ROOT:-}
BIN_DIR=${A1MB_BIN_DIR:-/usr/local/bin}
LIB_DIR=${A1MB_LIB_DIR:-/usr/local/lib/a1mb}
CONF_DIR=${A1MB_CONF_DIR:-/etc/a1mb}
UNIT_DIR=${A1MB_UNIT_DIR:-/etc/systemd/system}
SERVICE_USER=${A1MB_USER:-a1mb}
for dir in "$BIN_DIR" "$LIB_DIR" "$CONF_DIR" "$UNIT_DIR"; do
  case "$dir" in
    *[!A-Za-z0-9/._+-]*) die "paths may only hold letters, digits and / . _ + -: \"$dir\"" ;;
    /*) ;;
    *) die "paths must be absolute: \"$dir\"" ;;
  esac
done
# Paths as written (under A1MB_ROOT); files refer to each other by the unprefixed paths.
W_BIN=$ROOT$BIN_DIR
W_LIB=$ROOT$LIB_DIR
W_CONF=$ROOT$CONF_DIR
W_UNIT=$ROOT$UNIT_DIR
PREVIOUS=$W_LIB/previous
SCRIPT_DIR=$(cd "$(dirname "$0")" && pwd)

# The deno flags of the bundle wrapper: what a1mb needs and nothing else. Files (config, traces,
# the control socket), TCP (Modbus TCP, passthrough, HTTP), the systemd environment, and libc
# through FFI (serial ports, termios, modem lines, sd_notify, and sysfs LEDs: Deno refuses /sys
# to --allow-read/--allow-write, it wants --allow-all). --allow-ffi can reach anything a native
# library can, so the sandbox is mostly a statement of intent: the service's systemd hardening is
# what confines it. No prompts, no deno.json from the working
# folder, nothing fetched at run time. Small V8 semi-spaces, as the compiled binaries have: the
# young generation stays at 2 MB instead of growing to 16 MB under a burst of requests.
DENO_FLAGS="--no-prompt --no-config --no-remote --no-npm --allow-read --allow-write --allow-net --allow-env --allow-ffi --allow-sys=networkInterfaces --v8-flags=--max-semi-space-size=2"

if [ "$use_user" = 1 ] && [ "$(id -u)" != 0 ]; then
  die "run it as root (sudo sh $0 …), or pass --no-user and --no-systemctl to install without root"
fi

staging=""
cleanup() {
  if [ -n "$staging" ]; then rm -rf "$staging"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- the installed set: $W_BIN/a1mb, $W_LIB/a1mb.js (+ its worker), $W_LIB/deno, $W_LIB/version -
live_path() {
  case "$1" in
    a1mb) printf '%s\n' "$W_BIN/a1mb" ;;
    *) printf '%s\n' "$W_LIB/$1" ;;
  esac
}
SET="a1mb a1mb.js a1mb-rtu-worker.js deno version"

# Copies $1 to $2 through a temporary file beside $2 and a rename: a running a1mb keeps its
# file, and a power cut leaves the old or the new one.
put_file() {
  cp "$1" "$2.new-$$"
  chmod "$3" "$2.new-$$"
  mv -f "$2.new-$$" "$2"
}

# Copies the installed set into folder $1 (created); true when something was installed.
save_set() {
  mkdir -p "$1"
  found=1
  for name in $SET; do
    if [ -e "$(live_path "$name")" ]; then
      cp -p "$(live_path "$name")" "$1/$name"
      found=0
    fi
  done
  return $found
}

# Makes the set in folder $1 the installed one (files it lacks are removed).
restore_set() {
  for name in $SET; do
    target=$(live_path "$name")
    if [ -e "$1/$name" ]; then
      mode=0644
      if [ -x "$1/$name" ]; then mode=0755; fi
      put_file "$1/$name" "$target" "$mode"
    else
      rm -f "$target"
    fi
  done
}

installed_version() {
  if [ -f "$W_LIB/version" ]; then cat "$W_LIB/version"; else echo "unknown version"; fi
}

# --- service steps ----------------------------------------------------------------------------
ensure_user() {
  [ "$use_user" = 1 ] || return 0
  if ! getent passwd "$SERVICE_USER" >/dev/null 2>&1; then
    useradd --system --user-group --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin --comment "a1mb P1 to Modbus converter" "$SERVICE_USER"
    say "created the system user $SERVICE_USER"
  fi
  case " $(id -nG "$SERVICE_USER") " in
    *" dialout "*) ;;
    *)
      usermod -a -G dialout "$SERVICE_USER"
      say "added $SERVICE_USER to group dialout (serial ports)"
      ;;
  esac
}

# Writes this build's annotated default configuration (`a1mb config example`, the build's own
# defaults) to $1; false when the artefact cannot say (not verified here, or an older a1mb).
build_example() {
  [ "$verify" = 1 ] || return 1
  if [ "$kind" = bundle ]; then
    # shellcheck disable=SC2086 # DENO_FLAGS is a list of words
    "$staging/deno" run $DENO_FLAGS "$staging/a1mb.js" config example >"$1" 2>/dev/null || return 1
  else
    "$staging/a1mb" config example >"$1" 2>/dev/null || return 1
  fi
  grep -q '^\[control\]$' "$1" && grep -q '^token = ""$' "$1"
}

# A random secret for the web console's writes: 24 bytes from the kernel, as 48 hex digits.
new_token() {
  od -An -N24 -tx1 /dev/urandom | tr -d ' \n'
}

install_config() {
  mkdir -p "$W_CONF"
  template=$config_src
  if [ -z "$template" ] && build_example "$staging/config.toml.example"; then
    template=$staging/config.toml.example
  fi
  if [ -z "$template" ]; then
    for candidate in "$SCRIPT_DIR/../config.toml" "$SCRIPT_DIR/config.toml"; do
      if [ -f "$candidate" ]; then
        template=$candidate
        break
      fi
    done
  fi
  if [ -e "$W_CONF/config.toml" ]; then
    say "keeping $CONF_DIR/config.toml"
  elif [ -n "$template" ] && [ -f "$template" ]; then
    # A new configuration gets its own console token: only root and group a1mb can read it.
    token=$(new_token)
    (umask 077 && sed "s/^token = \"\"\$/token = \"$token\"/" "$template" >"$W_CONF/config.toml.new-$$")
    chmod 0640 "$W_CONF/config.toml.new-$$"
    mv -f "$W_CONF/config.toml.new-$$" "$W_CONF/config.toml"
    say "wrote $CONF_DIR/config.toml: edit a1.device and modbus.rtu.device (see README)"
    if grep -q "^token = \"$token\"\$" "$W_CONF/config.toml"; then
      say "the web console's token is in $CONF_DIR/config.toml ([control] token): show it with \`sudo a1mb config get control.token\`"
    else
      say "no 'token = \"\"' line in $template: the web console stays read-only until [control] token is set"
    fi
    if [ "$use_user" = 1 ]; then
      chown "root:$SERVICE_USER" "$W_CONF/config.toml"
    fi
  else
    die "no config.toml to start $CONF_DIR/config.toml from: pass --config FILE"
  fi
  if [ -n "$template" ] && [ -f "$template" ]; then
    # The documented defaults of this version, to compare with the config in use.
    put_file "$template" "$W_LIB/config.toml.example" 0644
  fi
  if [ -f "$SCRIPT_DIR/99-a1mb-serial.rules" ]; then
    # The udev rule example (stable /dev/a1mb-p1 and /dev/a1mb-rs485), to adapt: see README.
    put_file "$SCRIPT_DIR/99-a1mb-serial.rules" "$W_LIB/99-a1mb-serial.rules.example" 0644
  fi
  if [ "$use_user" = 1 ]; then
    # The service rewrites config.toml (settings written over Modbus, the command line or the
    # web console) by an atomic rename in that folder, so the folder is the service user's.
    chown "$SERVICE_USER:$SERVICE_USER" "$W_CONF"
    chmod 0750 "$W_CONF"
  fi
}

install_unit() {
  unit_src=$SCRIPT_DIR/a1mb.service
  [ -f "$unit_src" ] || die "a1mb.service is missing beside $0"
  mkdir -p "$W_UNIT"
  sed -e "s#^ExecStart=/usr/local/bin/a1mb #ExecStart=$BIN_DIR/a1mb #" \
    -e "s#--config /etc/a1mb/config.toml#--config $CONF_DIR/config.toml#" \
    -e "s#^ReadWritePaths=/etc/a1mb\$#ReadWritePaths=$CONF_DIR#" \
    "$unit_src" >"$W_UNIT/a1mb.service.new-$$"
  chmod 0644 "$W_UNIT/a1mb.service.new-$$"
  mv -f "$W_UNIT/a1mb.service.new-$$" "$W_UNIT/a1mb.service"
}

# $1: "start" for a first install, "restart" after an update or a rollback.
run_systemctl() {
  [ "$use_systemctl" = 1 ] || return 0
  systemctl daemon-reload
  systemctl enable a1mb.service
  # Type=notify: this returns once a1mb reports ready (both serial sides open), or fails.
  if ! systemctl "$1" a1mb.service; then
    say "a1mb.service did not start: see \`journalctl -u a1mb -n 50\`" >&2
    say "fix $CONF_DIR/config.toml, or go back with: sh $0 --rollback" >&2
    exit 1
  fi
  say "a1mb.service is running: follow it with \`journalctl -u a1mb -f\`"
}

# --- rollback ---------------------------------------------------------------------------------
if [ "$rollback" = 1 ]; then
  if [ ! -e "$PREVIOUS/a1mb" ]; then
    die "nothing to roll back to: no previous version in $LIB_DIR/previous"
  fi
  from=$(installed_version)
  staging=$W_LIB/rollback.$$
  save_set "$staging" || true
  restore_set "$PREVIOUS"
  # Swap: the version rolled back from becomes the previous one.
  rm -rf "$PREVIOUS.old-$$"
  mv "$PREVIOUS" "$PREVIOUS.old-$$"
  mv "$staging" "$PREVIOUS"
  staging=""
  rm -rf "$PREVIOUS.old-$$"
  say "rolled back from $from to $(installed_version)"
  run_systemctl restart
  exit 0
fi

# --- install ----------------------------------------------------------------------------------
[ -f "$artefact" ] || die "no such file: $artefact"
case "$artefact" in
  *.js) kind=bundle ;;
  *) kind=binary ;;
esac

mkdir -p "$W_BIN" "$W_LIB"
staging=$W_LIB/staging.$$
rm -rf "$staging"
mkdir -p "$staging"

if [ "$kind" = bundle ]; then
  if [ -z "$deno_src" ]; then
    if [ -x "$W_LIB/deno" ]; then
      deno_src=$W_LIB/deno
    elif command -v deno >/dev/null 2>&1; then
      deno_src=$(command -v deno)
    else
      die "the bundle needs Deno: pass --deno FILE (deno-aarch64-unknown-linux-gnu.zip of Deno 2.9.6, or the deno binary in it)"
    fi
  fi
  [ -f "$deno_src" ] || die "no such file: $deno_src"
  case "$deno_src" in
    *.zip)
      command -v unzip >/dev/null 2>&1 || die "unzip is needed for $deno_src (apt install unzip), or pass the deno binary"
      unzip -p "$deno_src" deno >"$staging/deno" || die "no deno binary in $deno_src"
      ;;
    *) cp "$deno_src" "$staging/deno" ;;
  esac
  chmod 0755 "$staging/deno"
  cp "$artefact" "$staging/a1mb.js"
  chmod 0644 "$staging/a1mb.js"
  # The RTU worker thread's module (`[modbus.rtu] thread = "worker"`) is loaded from beside a1mb.js.
  worker_src=$(dirname "$artefact")/a1mb-rtu-worker.js
  if [ -f "$worker_src" ]; then
    cp "$worker_src" "$staging/a1mb-rtu-worker.js"
    chmod 0644 "$staging/a1mb-rtu-worker.js"
  else
    say "no a1mb-rtu-worker.js beside $artefact: with thread = \"worker\" RTU is served from the main thread"
  fi
  cat >"$staging/a1mb" <<EOF
#!/bin/sh
# a1mb: runs the a1mb bundle with the Deno installed beside it. Written by deploy/install.sh;
# \`exec\` keeps the process id, so systemd's notify and watchdog see a1mb itself.
exec "$LIB_DIR/deno" run $DENO_FLAGS "$LIB_DIR/a1mb.js" "\$@"
EOF
  chmod 0755 "$staging/a1mb"
else
  cp "$artefact" "$staging/a1mb"
  chmod 0755 "$staging/a1mb"
fi

if [ "$verify" = 1 ]; then
  if [ "$kind" = bundle ]; then
    # shellcheck disable=SC2086 # DENO_FLAGS is a list of words
    version=$("$staging/deno" run $DENO_FLAGS "$staging/a1mb.js" --version 2>&1) || version="failed: $version"
  else
    version=$("$staging/a1mb" --version 2>&1) || version="failed: $version"
  fi
  case "$version" in
    "a1mb "*) ;;
    *)
      die "$artefact does not run on this machine ($(uname -m)): ${version:-no output}. A 64-bit Raspberry Pi OS needs the aarch64 build"
      ;;
  esac
else
  version="a1mb (not verified)"
fi
printf '%s\n' "$version" >"$staging/version"

first_install=1
if [ -e "$W_BIN/a1mb" ]; then first_install=0; fi

unchanged=0
if [ "$first_install" = 0 ]; then
  unchanged=1
  for name in $SET; do
    if [ -e "$staging/$name" ] || [ -e "$(live_path "$name")" ]; then
      cmp -s "$staging/$name" "$(live_path "$name")" 2>/dev/null || unchanged=0
    fi
  done
fi

if [ "$unchanged" = 1 ]; then
  say "$version is already installed"
else
  if [ "$first_install" = 0 ]; then
    rm -rf "$PREVIOUS.new-$$"
    save_set "$PREVIOUS.new-$$" || true
    rm -rf "$PREVIOUS"
    mv "$PREVIOUS.new-$$" "$PREVIOUS"
    say "kept $(cat "$PREVIOUS/version" 2>/dev/null || echo "the installed version") for --rollback"
  fi
  restore_set "$staging"
  say "installed $version ($kind) as $BIN_DIR/a1mb"
fi

ensure_user
install_config
install_unit
if [ "$first_install" = 1 ]; then
  run_systemctl start
elif [ "$unchanged" = 0 ]; then
  run_systemctl restart
else
  # Same artefact: the unit may still have changed.
  if [ "$use_systemctl" = 1 ]; then systemctl daemon-reload; fi
fi
