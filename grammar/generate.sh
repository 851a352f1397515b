#!/usr/bin/env bash
# Regenerates the checked-in C# parser from ScalpLang.g4 with the pinned antlr-ng (package.json).
# Usage: grammar/generate.sh [OUT_DIR]   (default: grammar/generated). test.sh uses OUT_DIR to
# generate into a scratch folder and fails when it differs from the checked-in files.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:-$here/generated}"
cd "$here"
if [ ! -x node_modules/.bin/antlr-ng ]; then
  npm ci --no-audit --no-fund --silent >/dev/null
fi
rm -rf "$out"
mkdir -p "$out"
node_modules/.bin/antlr-ng -Dlanguage=CSharp -p ScalpLang.Compiler.Syntax.Generated \
  -l false -v true -w true -o "$out" ScalpLang.g4
# The interp/tokens files are tool artefacts; the C# is what the compiler builds.
rm -f "$out"/*.interp "$out"/*.tokens
