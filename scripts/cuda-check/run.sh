#!/bin/bash
# On the GPU machine, from the repository root (pack.sh made .cuda/): unpacks the JRE, the jars, ONNX Runtime GPU's
# natives and the CUDA 12 shims into /tmp/hb, finds the machine's CUDA 13 cuBLAS, cuBLASLt, cuFFT and cuDNN 9 (PyTorch's
# pip packages on the device machines), and runs `bench onnx_cuda`. Its output also goes to $OUT/onnx_cuda.txt.
set -u
B=$PWD/.cuda; W=/tmp/hb; OUT=${OUT:-/tmp/hilbridge-cuda-out}
mkdir -p "$W" "$OUT"
python3 - "$B" "$W" <<'PY'
import sys, tarfile
for part in ("jre", "lib", "ort", "cuda12"):
    tarfile.open(f"{sys.argv[1]}/{part}.tar.xz", "r:xz").extractall(sys.argv[2])
PY
chmod +x "$W"/jre/bin/*
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv 2>&1 | tee "$OUT/gpu.txt"
python3 -c "import onnx, sys; print('python', sys.version.split()[0], 'onnx', onnx.__version__)"
D=""
for lib in libcublas.so.13 libcublasLt.so.13 libcufft.so.12 libcudnn.so.9; do
    f=$(find /opt /usr ${EXTRA_LIB_ROOTS:-} -name "$lib" 2>/dev/null | head -1)
    echo "$lib: ${f:-MISSING}"
    [ -n "$f" ] && D="$D:$(dirname "$f")"
done
export LD_LIBRARY_PATH=$W/cuda12$D${EXTRA_LD:-}
CP=$(ls "$W"/lib/*.jar | tr '\n' ':')
timeout 420 "$W/jre/bin/java" --add-modules jdk.incubator.vector -XX:ErrorFile="$OUT/hs_err_%p.log" -Dhilbridge.home="$PWD" \
    -Dhilbridge.python="$(command -v python3)" -Donnxruntime.native.path="$W/ort" -cp "$CP" \
    org.hilbridge.tests.bench.BenchMain onnx_cuda 2>&1 | tee "$OUT/onnx_cuda.txt"
exit "${PIPESTATUS[0]}"
