#!/usr/bin/env bash
# Builds the zip Gradescope's "Configure Autograder" page takes: setup.sh and run_autograder at the
# top, the spec suite under specs/, and kubespec as a tarball with a package.json that installs it.
#
#   examples/gradescope/make-autograder.sh [--specs DIR] [--out FILE.zip] [--dir DIR] [--arg OPTION]...
#
#   --specs DIR   the spec suite (default: specs/ of the current folder)
#   --out FILE    the zip to write (default: autograder.zip)
#   --dir DIR     write the zip's contents to DIR as well (to look at them, or to try them locally)
#   --arg OPTION  an option for `kubespec grade` (repeatable): --arg --lang --arg ko
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
KUBESPEC="$(cd "$HERE/../.." && pwd)"
specs=specs out=autograder.zip dir='' args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --specs) specs="${2:?--specs needs a folder}"; shift 2 ;;
    --out) out="${2:?--out needs a file}"; shift 2 ;;
    --dir) dir="${2:?--dir needs a folder}"; shift 2 ;;
    --arg) args+=("${2:?--arg needs an option}"); shift 2 ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "make-autograder.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[ -d "$specs" ] || { echo "make-autograder.sh: no spec folder '$specs' (give --specs DIR)" >&2; exit 2; }
[ -f "$KUBESPEC/dist/src/cli/index.js" ] || { echo "make-autograder.sh: kubespec is not built in $KUBESPEC (run npm run build there)" >&2; exit 2; }

# A suite that does not load would fail every submission: refuse it here, not on Gradescope.
node "$KUBESPEC/bin/kubespec" validate "$specs" >/dev/null || { echo "make-autograder.sh: fix the specs first (kubespec validate $specs)" >&2; exit 2; }

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
tarball="$(cd "$stage" && npm pack --ignore-scripts --silent "$KUBESPEC")"
cat >"$stage/package.json" <<JSON
{
  "name": "kubespec-autograder",
  "private": true,
  "description": "Gradescope autograder: kubespec grades the submission with specs/",
  "dependencies": { "kubespec": "file:$tarball" }
}
JSON
cp -R "$specs" "$stage/specs"
cp "$HERE/setup.sh" "$HERE/run_autograder" "$stage/"
chmod +x "$stage/setup.sh" "$stage/run_autograder"
if [ "${#args[@]}" -gt 0 ]; then printf '%s\n' "${args[@]}" >"$stage/grade.args"; fi

case "$out" in /*) ;; *) out="$PWD/$out" ;; esac
rm -f "$out"
if command -v zip >/dev/null 2>&1; then
  (cd "$stage" && zip -qr -X "$out" .)
elif command -v python3 >/dev/null 2>&1; then
  (cd "$stage" && python3 -m zipfile -c "$out" ./*)
else
  echo "make-autograder.sh: neither zip nor python3 is installed to write $out" >&2; exit 2
fi
if [ -n "$dir" ]; then mkdir -p "$dir" && cp -R "$stage/." "$dir/"; fi
echo "wrote $out ($(cd "$stage" && find . -type f | wc -l) files; kubespec $tarball): upload it on Gradescope's Configure Autograder page"
