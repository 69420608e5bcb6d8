#!/usr/bin/env bash
# Ensures the pinned moto standalone server (scripts/emulator/requirements.txt) is installed in a
# cached Python virtual environment and prints the path of its `moto_server` on the last stdout line.
#
# Idempotent and cheap when already installed: the venv directory is keyed by a hash of
# requirements.txt, and a marker file is written only after pip succeeded, so an interrupted install
# is thrown away and redone. A lock serialises concurrent callers (parallel builds share the cache).
#
# Needs only python3 with the venv module and access to PyPI. Everything but the final path goes to
# stderr so callers can take the last stdout line.
#
# Environment:
#   IMDSGUARD_CACHE_DIR   cache root (default ${XDG_CACHE_HOME:-$HOME/.cache}/imdsguard)
#   PYTHON                interpreter used to create the venv (default python3)
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
requirements="${script_dir}/requirements.txt"
python_bin="${PYTHON:-python3}"
cache_root="${IMDSGUARD_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/imdsguard}"

hash_of() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum "$1" | cut -c1-16
  elif command -v shasum >/dev/null 2>&1; then shasum -a 256 "$1" | cut -c1-16
  else "${python_bin}" -c 'import hashlib,sys; print(hashlib.sha256(open(sys.argv[1],"rb").read()).hexdigest()[:16])' "$1"
  fi
}

venv_dir="${cache_root}/moto-$(hash_of "${requirements}")"
marker="${venv_dir}/.imdsguard-install-complete"
moto_server="${venv_dir}/bin/moto_server"

# Fast path: no lock, no python start-up.
if [[ -f "${marker}" && -x "${moto_server}" ]]; then
  echo "${moto_server}"
  exit 0
fi

mkdir -p "${cache_root}"
install() {
  # Re-check under the lock: another process may have finished the install while we waited.
  if [[ -f "${marker}" && -x "${moto_server}" ]]; then return 0; fi
  echo "ensure-moto: installing pinned moto into ${venv_dir} (first run only)" >&2
  rm -rf "${venv_dir}"
  "${python_bin}" -m venv "${venv_dir}" >&2
  "${venv_dir}/bin/python" -m pip install --quiet --disable-pip-version-check \
      --requirement "${requirements}" >&2
  "${venv_dir}/bin/python" -c 'import moto.server' >&2
  touch "${marker}"
}

if command -v flock >/dev/null 2>&1; then
  exec 9>"${cache_root}/.moto-install.lock"
  flock 9
  install
  flock -u 9
else
  install
fi

echo "${moto_server}"
