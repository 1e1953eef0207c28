#!/usr/bin/env bash
# Build the sdist, unpack it into build/sdist/ and run its own `make test` there: the sdist
# must carry everything its tests need (resources/, tests/conftest.py, tests/data...).
# Usage: packaging/test-sdist.sh PYTHON [PYTHON_FOR_THE_SDIST]
set -euo pipefail
python=$1
target_python=${2:-python3}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
rm -rf build/sdist && mkdir -p build/sdist
"$python" -m build --sdist --outdir build/sdist . >/dev/null
archive=$(ls build/sdist/*.tar.gz)
tar -xzf "$archive" -C build/sdist
unpacked=$(find build/sdist -mindepth 1 -maxdepth 1 -type d)
echo "testing $archive, unpacked in $unpacked"
make -C "$unpacked" test PYTHON="$target_python"
