#!/bin/bash
# Packs what a GPU machine needs to run `bench onnx_cuda` (the ONNX path on ONNX Runtime's CUDA provider) into .cuda/
# (git-ignored through .git/info/exclude), about 55 MB: a JRE (jlink), the classpath's jars with onnxruntime_gpu's Java
# classes in place of onnxruntime's, ONNX Runtime GPU's Linux natives with the CUDA provider's GPU code cut to one
# architecture, CUDA 12's runtime (Debian's libcudart12) and forwarding shims from CUDA 12's cuBLAS, cuBLASLt and cuFFT
# names to the machine's CUDA 13 ones. See README.md beside this for why each piece is there.
#
# usage: scripts/cuda-check/pack.sh [SM_ARCH]   (default 90: H100/H200); then on the GPU machine: bash .cuda/run.sh
# Needs: a JDK 17+ (jlink), python3, gcc, binutils (readelf), xz, unzip/zip, apt-get (downloads only; nothing installed).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE=$ROOT/scripts/cuda-check
ARCH=${1:-90}
OUT=$ROOT/.cuda
WORK=${TMPDIR:-/tmp}/hilbridge-cuda-pack
ORT=$(sed -n 's:.*<onnxruntime.version>\(.*\)</onnxruntime.version>.*:\1:p' "$ROOT/pom.xml")
JAVA_BIN=${JAVA_HOME:+$JAVA_HOME/bin/}
rm -rf "$WORK" && mkdir -p "$WORK"/{stage/lib,stage/ort,stage/cuda12,shim,apt/lists/partial,deb} "$OUT"
grep -qx '/.cuda/' "$ROOT/.git/info/exclude" 2>/dev/null || { mkdir -p "$ROOT/.git/info"; echo '/.cuda/' >> "$ROOT/.git/info/exclude"; }

echo "== build"
(cd "$ROOT" && ./mvnw -q -B install -DskipTests)

echo "== onnxruntime_gpu $ORT (Maven Central, ~500 MB)"
(cd "$ROOT" && ./mvnw -q -B dependency:copy -Dartifact=com.microsoft.onnxruntime:onnxruntime_gpu:$ORT -DoutputDirectory="$WORK")
GPU_JAR=$WORK/onnxruntime_gpu-$ORT.jar
(cd "$WORK" && unzip -q -o "$GPU_JAR" 'ai/onnxruntime/native/linux-x64/*')
N=$WORK/ai/onnxruntime/native/linux-x64
cp "$N/libonnxruntime.so" "$N/libonnxruntime4j_jni.so" "$N/libonnxruntime_providers_shared.so" "$WORK/stage/ort/"
python3 "$HERE/prune_fatbin.py" "$N/libonnxruntime_providers_cuda.so" "$WORK/stage/ort/libonnxruntime_providers_cuda.so" "$ARCH"
cp "$GPU_JAR" "$WORK/classes.jar" && zip -q -d "$WORK/classes.jar" 'ai/onnxruntime/native/*'

echo "== CUDA 12 runtime (Debian trixie non-free: libcudart12; downloaded, not installed)"
echo 'deb http://deb.debian.org/debian trixie main contrib non-free' > "$WORK/apt/sources.list"
APT=(-oDir::Etc::SourceList="$WORK/apt/sources.list" -oDir::Etc::SourceParts=/dev/null -oDir::State::Lists="$WORK/apt/lists" -oAPT::Architecture=amd64)
apt-get "${APT[@]}" -qq update
(cd "$WORK/deb" && apt-get "${APT[@]}" -qq download libcudart12 2>/dev/null && dpkg -x libcudart12_*.deb x)
cp -L "$WORK"/deb/x/usr/lib/x86_64-linux-gnu/libcudart.so.12 "$WORK/stage/cuda12/"

echo "== shims: CUDA 12 names -> the machine's CUDA 13 libraries"
PROVIDER=$WORK/stage/ort/libonnxruntime_providers_cuda.so
shim() {  # SONAME TARGET: the provider's imports versioned SONAME, forwarded to TARGET
    readelf --dyn-syms -W "$PROVIDER" | awk '$7 == "UND" {print $8}' | grep "@$1\$" | sed 's/@.*//' \
        | python3 "$HERE/forwarding_shim.py" "$WORK/shim" "$1" "$2" "$1" | sh
}
shim libcublas.so.12 libcublas.so.13
shim libcublasLt.so.12 libcublasLt.so.13
shim libcufft.so.11 libcufft.so.12
# Linked but not one symbol imported (readelf lists none): empty libraries of those names satisfy the loader.
for empty in libnvrtc.so.12 libcurand.so.10; do
    python3 "$HERE/forwarding_shim.py" "$WORK/shim" "$empty" none < /dev/null | sh
done
cp "$WORK"/shim/*.so.* "$WORK/stage/cuda12/"

echo "== JRE and jars"
"${JAVA_BIN}jlink" --add-modules java.base,java.logging,java.management,java.xml,java.naming,jdk.unsupported,jdk.incubator.vector,jdk.management \
    --strip-debug --no-man-pages --no-header-files --output "$WORK/stage/jre" 2>&1 | grep -v 'incubator modules' || true
# The jars stored uncompressed, so that xz compresses them (a third smaller than deflate's).
store() {  # JAR-OR-DIR NAME
    rm -rf "$WORK/x" && mkdir "$WORK/x"
    if [ -d "$1" ]; then cp -r "$1"/. "$WORK/x/"; else (cd "$WORK/x" && unzip -q -o "$1"); fi
    (cd "$WORK/x" && zip -q -0 -r "$WORK/stage/lib/$2" .)
}
tr ':' '\n' < "$ROOT/tests/target/launcher.classpath" | grep -v "/onnxruntime-$ORT.jar" | while read -r jar; do store "$jar" "$(basename "$jar")"; done
store "$WORK/classes.jar" "onnxruntime_gpu-$ORT-classes.jar"
store "$ROOT/tests/target/classes" hilbridge-tests-classes.jar

echo "== archives"
for part in jre lib ort cuda12; do
    tar -C "$WORK/stage" -cf - "$part" | xz -T0 -9 > "$OUT/$part.tar.xz"
done
cp "$HERE/run.sh" "$OUT/run.sh"
du -sh "$OUT"
echo "done: on the GPU machine, from the repository root: bash .cuda/run.sh (device tool: command 'bash .cuda/run.sh', carry ['.cuda'])"
