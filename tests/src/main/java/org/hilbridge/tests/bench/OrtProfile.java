package org.hilbridge.tests.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The per-kernel times of an ONNX Runtime profile (SessionOptions.enableProfiling; the file is a JSON array of
 * Chrome trace events, one a line: a node's run is "cat" : "Node", "name" : "NODE_kernel_time", "dur" in
 * microseconds, args "op_name"; onnxruntime/core/common/profiler.cc writes them so). Kernels in the order they
 * first ran, each with its p50 over the runs profiled after the first {@code skip} of each (the warm-up).
 */
record OrtProfile(Map<String, Double> kernelP50Ms) {
    private static final Pattern NAME = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]+)_kernel_time\"");
    private static final Pattern DUR = Pattern.compile("\"dur\"\\s*:\\s*(\\d+)");
    private static final Pattern OP = Pattern.compile("\"op_name\"\\s*:\\s*\"([^\"]+)\"");

    static OrtProfile read(Path json, int skip) throws IOException {
        Map<String, List<Long>> durations = new LinkedHashMap<>();
        for (String line : Files.readAllLines(json)) {
            if (!line.contains("\"Node\"")) {
                continue;
            }
            Matcher name = NAME.matcher(line), dur = DUR.matcher(line), op = OP.matcher(line);
            if (name.find() && dur.find() && op.find()) {
                durations.computeIfAbsent(op.group(1) + " " + name.group(1), k -> new ArrayList<>()).add(Long.parseLong(dur.group(1)));
            }
        }
        if (durations.isEmpty()) {
            throw new IOException("the ONNX Runtime profile " + json + " holds no node times");
        }
        Map<String, Double> p50 = new LinkedHashMap<>();
        for (Map.Entry<String, List<Long>> e : durations.entrySet()) {
            List<Long> v = e.getValue();
            if (v.size() <= skip) {
                throw new IOException("the ONNX Runtime profile " + json + " holds " + v.size() + " runs of " + e.getKey() + ", not more than the "
                        + skip + " of the warm-up");
            }
            long[] sorted = v.subList(skip, v.size()).stream().mapToLong(Long::longValue).sorted().toArray();
            p50.put(e.getKey(), sorted[(sorted.length - 1) / 2] / 1e3);
        }
        return new OrtProfile(p50);
    }

    /** The sum of the kernels' p50s, ms. */
    double totalMs() {
        return kernelP50Ms.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** "Op node 0.46 ms, ..." */
    String describe() {
        StringBuilder b = new StringBuilder();
        kernelP50Ms.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append(String.format(" %.2f ms", v)));
        return b.toString();
    }
}
