#!/bin/sh
# check-exports.sh HEADER LINUX_SO WINDOWS_DLL
# Fails unless both libraries export exactly the LLMEA_API functions of the header, and neither links
# against the JVM library (it is loaded at run time, so a missing Java is an error message, not a failed load).
set -eu
header=$1 so=$2 dll=$3
objdump=${MINGW_OBJDUMP:-x86_64-w64-mingw32-objdump}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

sed -n 's/^LLMEA_API[^(]*[ *]\(llmea_[a-z_0-9]*\)(.*/\1/p' "$header" | sort > "$tmp/want"
[ -s "$tmp/want" ] || { echo "check-exports: no LLMEA_API functions found in $header"; exit 1; }

nm -D --defined-only "$so" | awk '$2 == "T" { print $3 }' | sort > "$tmp/so"
"$objdump" -p "$dll" > "$tmp/dll.txt"
# the export table lists "[ordinal] name" rows after "[Ordinal/Name Pointer] Table"
sed -n '/\[Ordinal\/Name Pointer\] Table/,/^$/p' "$tmp/dll.txt" | sed -n 's/^[[:space:]]*\[[[:space:]]*[0-9]*\][[:space:]]*\([A-Za-z_][A-Za-z_0-9]*\)$/\1/p' | sort > "$tmp/dll"

fail=0
if ! diff -u "$tmp/want" "$tmp/so" > "$tmp/d1"; then
  echo "check-exports: $so exports differ from $header:"; cat "$tmp/d1"; fail=1
fi
if ! diff -u "$tmp/want" "$tmp/dll" > "$tmp/d2"; then
  echo "check-exports: $dll exports differ from $header:"; cat "$tmp/d2"; fail=1
fi
if grep -i "DLL Name:.*jvm" "$tmp/dll.txt"; then
  echo "check-exports: $dll imports from jvm.dll at load time"; fail=1
fi
if readelf -d "$so" | grep -i "NEEDED.*libjvm"; then
  echo "check-exports: $so links against libjvm"; fail=1
fi
if [ "$(file -b "$dll" | grep -c 'x86-64')" = 0 ] && ! grep -q "pei-x86-64" "$tmp/dll.txt"; then
  echo "check-exports: $dll is not a 64-bit Windows DLL"; fail=1
fi
[ $fail = 0 ] && echo "check-exports: OK ($(wc -l < "$tmp/want") functions; DLL imports: $(grep 'DLL Name' "$tmp/dll.txt" | awk '{print $3}' | tr '\n' ' '))"
exit $fail
