#!/usr/bin/env bash
# The test command (./hilbridge test): installs the packages the tests use, then builds and runs every
# test with Maven (the wrapper fetches Maven 3.9.11 itself). It never skips a test for a missing tool:
# what cannot be installed is named, and the run fails.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# Debian packages the tests drive: ROS 1 peers and message packages, protobuf for Python, openssl.
DEBIAN_PACKAGES=(
    g++
    iproute2
    libroscpp-dev
    libsensor-msgs-dev
    libstd-msgs-dev
    openssl
    pkgconf
    procps
    protobuf-compiler
    python3-diagnostic-msgs
    python3-genmsg
    python3-genpy
    python3-geometry-msgs
    python3-nav-msgs
    python3-numpy
    python3-onnx
    python3-protobuf
    python3-rosbag
    python3-rosgraph
    python3-rosgraph-msgs
    python3-roslaunch
    python3-roslib
    python3-rosmaster
    python3-rosmsg
    python3-rosnode
    python3-rosparam
    python3-rospy
    python3-rostopic
    python3-sensor-msgs
    python3-skimage
    python3-std-msgs
    python3-tf2-msgs
    python3-yaml
    ros-std-msgs
)

phase_start=0
phase() { phase_start=$(date +%s); echo "== $1"; }
phase_done() { echo "== $1 took $(( $(date +%s) - phase_start )) s"; }

fail() { echo "hilbridge test: $*" >&2; exit 1; }

phase "tools"
command -v java >/dev/null 2>&1 || fail "no 'java' on PATH: install a JDK 17 or newer"
command -v javac >/dev/null 2>&1 || fail "no 'javac' on PATH: the tests build from source and need a JDK 17+"
missing=()
for pkg in "${DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if (( ${#missing[@]} > 0 )); then
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
        echo "installing: ${missing[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
    else
        fail "missing Debian packages: ${missing[*]} (run as root with apt-get, or install them: sudo apt-get install ${missing[*]})"
    fi
fi
# The determinism test compares trajectories under two JDKs of different major versions.
jdks=$(for j in /usr/lib/jvm/*/release ${HILBRIDGE_TEST_JDKS:+$(echo "$HILBRIDGE_TEST_JDKS" | tr ':' ' ' | sed 's|$|/release|')}; do
           [[ -f "$j" ]] && sed -n 's/^JAVA_VERSION="\{0,1\}\([0-9]*\).*/\1/p' "$j"; done | sort -u | wc -l)
(( jdks >= 2 )) || fail "the determinism test needs JDKs of two different major versions (found $jdks under /usr/lib/jvm); install a second one or list JDK homes in HILBRIDGE_TEST_JDKS"
phase_done "tools"

phase "build and test (Maven)"
./mvnw -B -ntp verify "$@"
phase_done "build and test (Maven)"
