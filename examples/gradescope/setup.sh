#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image (Ubuntu 22.04 base): it
# installs Node 20 if the image lacks it, then kubespec and its dependencies from the zip's
# package.json (kubespec itself is the tarball make-autograder.sh put beside it).
# AUTOGRADER_ROOT moves /autograder elsewhere, for trying the autograder on your own machine.
set -euo pipefail
ROOT="${AUTOGRADER_ROOT:-/autograder}"

node_major() { node --version 2>/dev/null | sed -n 's/^v\([0-9]*\)\..*/\1/p'; }

if [ "$(node_major)" = "" ] || [ "$(node_major)" -lt 20 ]; then
  echo "setup.sh: installing Node 20 (NodeSource)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq ca-certificates curl gnupg >/dev/null
  curl -fsSL https://deb.nodesource.com/setup_20.x | bash - >/dev/null
  apt-get install -y -qq nodejs >/dev/null
fi
echo "setup.sh: node $(node --version), npm $(npm --version)"

cd "$ROOT/source"
# No dev dependencies: grading needs kubespec's runtime only.
npm install --omit=dev --no-audit --no-fund --loglevel=error
npx --no-install kubespec --version >/dev/null
echo "setup.sh: kubespec $(npx --no-install kubespec --version) is installed in $ROOT/source"
