# Sourced by ./run and ./test: finds Python >= 3.12, makes .venv, installs the lock when it changed.
# shellcheck shell=bash

find_python() {
  local candidate version
  for candidate in "${PYTHON:-}" python3.13 python3.12 python3; do
    [ -n "$candidate" ] || continue
    command -v "$candidate" >/dev/null 2>&1 || continue
    version=$("$candidate" -c 'import sys; print("%d.%d" % sys.version_info[:2]) if sys.version_info >= (3, 12) else print("")' 2>/dev/null) || continue
    if [ -n "$version" ]; then
      command -v "$candidate"
      return 0
    fi
  done
  if command -v pyenv >/dev/null 2>&1; then
    for version in $(ls "$(pyenv root)/versions" 2>/dev/null | sort -rV); do
      case "$version" in 3.1[2-9]*) echo "$(pyenv root)/versions/$version/bin/python3"; return 0 ;; esac
    done
  fi
  return 1
}

setup_env() {
  local root python lock_hash
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  cd "$root" || exit 1
  if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
    if ! python=$(find_python); then
      echo "Inbreng needs Python 3.12 or newer, and none was found." >&2
      echo "Install it (for example: apt-get install python3.12, or pyenv install 3.12), or set PYTHON=/path/to/python3.12." >&2
      exit 1
    fi
    echo "Creating .venv with $python"
    rm -rf .venv
    "$python" -m venv .venv || { echo "Could not create a virtual environment (on Debian: apt-get install python3-venv)." >&2; exit 1; }
  fi
  lock_hash=$(sha256sum requirements.lock | cut -d' ' -f1)
  if [ ! -f .venv/.lock-hash ] || [ "$(cat .venv/.lock-hash)" != "$lock_hash" ]; then
    echo "Installing the locked dependencies (only when requirements.lock changed)..."
    .venv/bin/python -m pip install --quiet --upgrade pip >/dev/null 2>&1 || true
    # Some machines point pip at local mirrors that do not all exist; those warnings are noise.
    .venv/bin/python -m pip install --quiet --require-hashes -r requirements.lock \
      2> >(grep -v "^WARNING: Location" >&2) || { echo "Installing dependencies failed." >&2; exit 1; }
    echo "$lock_hash" > .venv/.lock-hash
  fi
  mkdir -p var
}
