package org.hilbridge.tests.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.hilbridge.bridge.ros.msg.MessageType;
import org.hilbridge.bridge.ros.node.MasterMode;
import org.hilbridge.bridge.ros.node.Publisher;
import org.hilbridge.bridge.ros.node.RosNode;
import org.hilbridge.bridge.ros.node.RosNodeConfig;

/**
 * ROS 1 publishing (issue 5): our publisher against a roscpp and a rospy publisher of the same messages, side
 * by side in one run, alternating the order each round, to roscpp subscribers (compiled here from
 * tests/src/main/cpp) on loopback with tcp_nodelay on both sides. Scenarios: sensor_msgs/Imu at 200 Hz to one
 * subscriber (publish-to-subscriber latency), and 1920x1080 rgb8 sensor_msgs/Image at 30 Hz to one and to four
 * subscribers (achieved rate, drops, latency, publisher CPU). Each message's header.stamp carries the
 * publisher's CLOCK_MONOTONIC at publish (before serialisation), so latency includes serialisation, transfer and
 * deserialisation. Our publisher sends images as a composite of a small serialised header and a slice of a
 * pixel buffer it owns (no per-message or per-subscriber copy), as the bridge does; roscpp and rospy serialise.
 * Figures are the median over the rounds; the spread (min..max) is printed as a note. Our publisher runs in this
 * JVM after one unreported warm-up trial per scenario, and its CPU is the whole JVM's process CPU time (I/O
 * threads, GC, the embedded master), so it is if anything overstated; roscpp's and rospy's are their processes'.
 * Options: -Dhilbridge.bench.ros.rounds=N (3), -Dhilbridge.bench.ros.scale=F (1: 1000 Imu, 150 images per trial).
 */
final class RosBenchmark implements Benchmark {
    private static final int WIDTH = 1920;
    private static final int HEIGHT = 1080;
    private static final String[] PUBLISHERS = {"ours", "roscpp", "rospy"};

    private record Scenario(String name, String kind, int count, double rateHz, int subscribers) {
    }

    /** One trial's figures. cpuPct: publisher CPU time over its publishing window, as % of one core. */
    private record Trial(double p50Us, double p99Us, double rateHz, long drops, double cpuPct) {
    }

    private Path work;
    private String lastBreakdown = "";
    private Map<String, String> env;
    private final List<Process> processes = new ArrayList<>();

    @Override
    public String name() {
        return "ros";
    }

    @Override
    public String description() {
        return "ROS 1 publishers (ours, roscpp, rospy) to roscpp subscribers: Imu latency, 1080p images at 30 Hz to 1 and 4 subscribers";
    }

    @Override
    public void run(BenchReport report) throws Exception {
        int rounds = Integer.getInteger("hilbridge.bench.ros.rounds", 3);
        double scale = Double.parseDouble(System.getProperty("hilbridge.bench.ros.scale", "1"));
        Path home = Path.of(System.getProperty("hilbridge.home", ".")).toAbsolutePath();
        work = Files.createTempDirectory("hilbridge-ros-bench");
        env = new HashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("HOME", work.toString());
        env.put("ROS_HOME", work.toString());
        env.put("ROS_IP", "127.0.0.1");
        env.put("PYTHONUNBUFFERED", "1");
        Path cpp = home.resolve("tests/src/main/cpp");
        Path sub = compile(cpp.resolve("ros_bench_sub.cpp"), "ros_bench_sub");
        Path pubCpp = compile(cpp.resolve("ros_bench_pub.cpp"), "ros_bench_pub");
        Path pubPy = home.resolve("tests/src/main/python/ros_bench_pub.py");
        Map<String, MessageType> types = Map.of("imu", realType("sensor_msgs/Imu"), "image", realType("sensor_msgs/Image"));
        String only = System.getProperty("hilbridge.bench.ros.only", "");
        List<Scenario> scenarios = new ArrayList<>(List.of(
                new Scenario("imu", "imu", (int) (1000 * scale), 200, 1),
                new Scenario("image_1sub", "image", (int) (150 * scale), 30, 1),
                new Scenario("image_4sub", "image", (int) (150 * scale), 30, 4)));
        scenarios.removeIf(s -> !only.isEmpty() && !s.name().equals(only));
        report.note(String.format(Locale.ROOT, "%d rounds, order rotated each round; %d processors; JDK %s; roscpp subscribers; loopback, tcp_nodelay",
                rounds, Runtime.getRuntime().availableProcessors(), Runtime.version()));
        try (RosNode node = RosNode.start(RosNodeConfig.of("bench_pub_java", Map.of("ROS_IP", "127.0.0.1")).withMaster(MasterMode.EMBEDDED, 0))) {
            env.put("ROS_MASTER_URI", node.masterUri().toString());
            int trialId = 0;
            for (Scenario s : scenarios) {
                // one unreported trial of ours first, long enough for C2 to compile the publish path (~10k calls): JIT
                // compilation is a start-up cost of the JVM, not a steady-state cost of publishing
                Scenario warm = s.kind().equals("imu") ? new Scenario(s.name(), s.kind(), 10_000, 2000, s.subscribers())
                        : new Scenario(s.name(), s.kind(), 60, s.rateHz(), s.subscribers());
                trial(warm, "ours", "/bench/warmup_" + (++trialId), node, types.get(s.kind()), sub, pubCpp, pubPy);
                Map<String, List<Trial>> trials = new LinkedHashMap<>();
                for (String p : PUBLISHERS) {
                    trials.put(p, new ArrayList<>());
                }
                for (int r = 0; r < rounds; r++) {
                    for (int k = 0; k < PUBLISHERS.length; k++) {
                        String p = PUBLISHERS[(k + r) % PUBLISHERS.length];
                        String topic = "/bench/" + s.name() + "_" + (++trialId);
                        Trial t = trial(s, p, topic, node, types.get(s.kind()), sub, pubCpp, pubPy);
                        trials.get(p).add(t);
                        if (p.equals("ours")) {
                            report.note(lastBreakdown);
                        }
                        report.note(String.format(Locale.ROOT, "%s round %d %-6s p50 %.0f us, p99 %.0f us, rate %.2f Hz, drops %d, publisher CPU %.1f%%",
                                s.name(), r + 1, p, t.p50Us(), t.p99Us(), t.rateHz(), t.drops(), t.cpuPct()));
                    }
                }
                print(report, s, trials);
            }
        } finally {
            killAll();
        }
    }

    private void print(BenchReport report, Scenario s, Map<String, List<Trial>> trials) {
        record Metric(String name, String unit, java.util.function.ToDoubleFunction<Trial> f) {
        }
        List<Metric> metrics = new ArrayList<>(List.of(new Metric("latency_p50", "us", Trial::p50Us), new Metric("latency_p99", "us", Trial::p99Us)));
        if (s.kind().equals("image")) {
            metrics.add(new Metric("rate", "Hz", Trial::rateHz));
            metrics.add(new Metric("drops", "msgs", t -> t.drops()));
        }
        metrics.add(new Metric("publisher_cpu", "%core", Trial::cpuPct));
        for (Metric m : metrics) {
            double ours = median(trials.get("ours"), m.f());
            for (String ref : List.of("roscpp", "rospy")) {
                report.figure("ros", s.name() + "." + m.name(), ours, m.unit(), ref, median(trials.get(ref), m.f()));
            }
            StringBuilder spread = new StringBuilder(s.name() + "." + m.name() + " spread (min..max over rounds):");
            for (String p : PUBLISHERS) {
                double[] v = trials.get(p).stream().mapToDouble(m.f()).sorted().toArray();
                spread.append(String.format(Locale.ROOT, " %s %.4g..%.4g;", p, v[0], v[v.length - 1]));
            }
            report.note(spread.toString());
        }
    }

    private static double median(List<Trial> ts, java.util.function.ToDoubleFunction<Trial> f) {
        double[] v = ts.stream().mapToDouble(f).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private Trial trial(Scenario s, String publisher, String topic, RosNode node, MessageType type, Path sub, Path pubCpp, Path pubPy) throws Exception {
        List<Process> subs = new ArrayList<>();
        for (int i = 0; i < s.subscribers(); i++) {
            subs.add(start(sub.toString(), s.kind(), topic, Integer.toString(s.count()), "3"));
        }
        for (Process p : subs) {
            await(p, "READY", Duration.ofSeconds(30));
        }
        long cpuNs;
        long wallNs;
        String[] args = {s.kind(), topic, Integer.toString(s.count()), Double.toString(s.rateHz()), Integer.toString(s.subscribers())};
        if (publisher.equals("ours")) {
            long[] cw = publishOurs(s, topic, node, type);
            cpuNs = cw[0];
            wallNs = cw[1];
        } else {
            List<String> cmd = new ArrayList<>(publisher.equals("roscpp") ? List.of(pubCpp.toString()) : List.of("/usr/bin/python3", pubPy.toString()));
            cmd.addAll(Arrays.asList(args));
            Process p = start(cmd.toArray(String[]::new));
            Duration limit = Duration.ofSeconds((long) (s.count() / s.rateHz() * 4) + 60);
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException(publisher + " publisher did not finish within " + limit + ":\n" + output(p));
            }
            String line = output(p).lines().filter(l -> l.startsWith("CPU ")).findFirst()
                    .orElseThrow(() -> new IOException(publisher + " publisher printed no CPU line:\n" + safeOutput(p)));
            String[] f = line.split(" ");
            cpuNs = Long.parseLong(f[1]);
            wallNs = Long.parseLong(f[3]);
        }
        Histogram h = new Histogram(3_600_000_000_000L, 3);
        long received = 0;
        for (Process p : subs) {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            for (String l : output(p).lines().filter(l -> l.startsWith("M ")).toList()) {
                long lat = Long.parseLong(l.substring(l.lastIndexOf(' ') + 1));
                h.recordValue(Math.max(0, lat));
                received++;
            }
        }
        long expected = (long) s.count() * s.subscribers();
        double perSub = (double) received / s.subscribers();
        return new Trial(h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3, perSub / (wallNs / 1e9), expected - received,
                100.0 * cpuNs / wallNs);
    }

    /** Our publisher in this JVM: returns {process CPU ns, wall ns} over the publishing window. */
    private long[] publishOurs(Scenario s, String topic, RosNode node, MessageType type) throws Exception {
        ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
        Publisher pub = node.advertise(topic, type, false, s.kind().equals("imu") ? 1000 : 30);
        ByteBuf pixels = s.kind().equals("image") ? alloc.directBuffer(WIDTH * HEIGHT * 3) : null;
        try {
            if (pixels != null) {
                pixels.writeBytes(new byte[WIDTH * HEIGHT * 3]);
                for (int i = 0; i < pixels.capacity(); i++) {
                    pixels.setByte(i, 0x5a);
                }
            }
            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (pub.subscribers().size() < s.subscribers()) {
                if (System.nanoTime() > end) {
                    throw new IOException("only " + pub.subscribers().size() + " of " + s.subscribers() + " subscribers connected to " + topic);
                }
                Thread.sleep(10);
            }
            Thread.sleep(500);
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long periodNs = (long) (1e9 / s.rateHz());
            Map<String, Long> threads0 = threadCpu();
            long cpu0 = os.getProcessCpuTime();
            long wall0 = System.nanoTime();
            for (int i = 1; i <= s.count(); i++) {
                if (pixels != null) {
                    pixels.setByte(i % pixels.capacity(), i);
                    long now = System.nanoTime();
                    ByteBuf header = imageHeader(alloc, i, now);
                    pub.publish(Unpooled.wrappedBuffer(header, pixels.retainedSlice()));
                } else {
                    pub.publish(imu(alloc, i, System.nanoTime()));
                }
                long next = wall0 + i * periodNs;
                long wait;
                while ((wait = next - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
            long[] cw = {os.getProcessCpuTime() - cpu0, System.nanoTime() - wall0};
            Map<String, Long> threads1 = threadCpu();
            StringBuilder by = new StringBuilder();
            long javaThreads = 0;
            for (Map.Entry<String, Long> e : threads1.entrySet()) {
                long d = e.getValue() - threads0.getOrDefault(e.getKey(), 0L);
                javaThreads += d;
                if (d * 1000 > cw[1]) { // over 0.1 % of a core
                    by.append(String.format(Locale.ROOT, " %s %.1f%%;", e.getKey(), 100.0 * d / cw[1]));
                }
            }
            lastBreakdown = String.format(Locale.ROOT, "ours CPU by thread:%s JVM-internal (GC, JIT) %.1f%%", by, 100.0 * (cw[0] - javaThreads) / cw[1]);
            Thread.sleep(1000);
            return cw;
        } finally {
            pub.close();
            if (pixels != null) {
                pixels.release();
            }
        }
    }

    /** std_msgs/Header (http://wiki.ros.org/msg#Serialization: uint32 seq, time stamp as uint32 secs + nsecs, string frame_id). */
    private static void header(ByteBuf b, int seq, long monotonicNs, String frameId) {
        byte[] f = frameId.getBytes(StandardCharsets.UTF_8);
        b.writeIntLE(seq).writeIntLE((int) (monotonicNs / 1_000_000_000L)).writeIntLE((int) (monotonicNs % 1_000_000_000L)).writeIntLE(f.length).writeBytes(f);
    }

    /** sensor_msgs/Imu: header, orientation (4 float64), 9 covariance, angular velocity (3), 9, linear acceleration (3), 9. */
    private static ByteBuf imu(ByteBufAllocator alloc, int seq, long nowNs) {
        ByteBuf b = alloc.directBuffer(16 + 8 + 37 * 8);
        header(b, seq, nowNs, "imu_link");
        double[] v = new double[37];
        v[3] = 1; // orientation.w
        v[15] = seq; // angular_velocity.z
        for (double d : v) {
            b.writeLongLE(Double.doubleToRawLongBits(d));
        }
        return b;
    }

    /** sensor_msgs/Image up to and including the data length; the pixels follow as a separate component. */
    private static ByteBuf imageHeader(ByteBufAllocator alloc, int seq, long nowNs) {
        ByteBuf b = alloc.directBuffer(64);
        header(b, seq, nowNs, "camera_optical");
        byte[] enc = "rgb8".getBytes(StandardCharsets.UTF_8);
        b.writeIntLE(HEIGHT).writeIntLE(WIDTH).writeIntLE(enc.length).writeBytes(enc).writeByte(0).writeIntLE(WIDTH * 3).writeIntLE(WIDTH * HEIGHT * 3);
        return b;
    }

    /** CPU time of every live Java thread, summed by name without its trailing number (pool threads together). */
    private static Map<String, Long> threadCpu() {
        var mx = ManagementFactory.getThreadMXBean();
        Map<String, Long> out = new java.util.TreeMap<>();
        for (java.lang.management.ThreadInfo ti : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (ti == null) {
                continue;
            }
            long ns = mx.getThreadCpuTime(ti.getThreadId());
            if (ns > 0) {
                out.merge(ti.getThreadName().replaceAll("[-\\d]+$", ""), ns, Long::sum);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ processes

    private Path compile(Path source, String name) throws Exception {
        Path exe = work.resolve(name);
        Process p = start("/bin/sh", "-c", "g++ -O2 -o '" + exe + "' '" + source + "' $(pkg-config --cflags --libs roscpp std_msgs sensor_msgs)");
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException("compiling " + source + " failed (needs g++, pkg-config and libroscpp-dev, libsensor-msgs-dev):\n" + safeOutput(p));
        }
        return exe;
    }

    private MessageType realType(String name) throws Exception {
        String[] parts = name.split("/");
        Process p = start("/usr/bin/python3", "-c",
                "import sys; from " + parts[0] + ".msg import " + parts[1] + " as T; sys.stdout.write(T._md5sum + '\\n' + T._full_text)");
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("reading " + name + " from genpy failed (python3-sensor-msgs installed?):\n" + safeOutput(p));
        }
        String out = output(p);
        int nl = out.indexOf('\n');
        return new MessageType(name, out.substring(0, nl), out.substring(nl + 1));
    }

    private final Map<Process, Path> logs = new HashMap<>();

    private Process start(String... cmd) throws IOException {
        Path log = Files.createTempFile(work, "proc", ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.start();
        processes.add(p);
        logs.put(p, log);
        return p;
    }

    private String output(Process p) throws IOException {
        return Files.readString(logs.get(p), StandardCharsets.UTF_8);
    }

    private String safeOutput(Process p) {
        try {
            return output(p);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    private void await(Process p, String marker, Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (!output(p).contains(marker)) {
            if (System.nanoTime() > end || !p.isAlive() && !output(p).contains(marker)) {
                throw new IOException("process did not print " + marker + ":\n" + output(p));
            }
            Thread.sleep(20);
        }
    }

    private void killAll() throws InterruptedException {
        for (Process p : processes) {
            if (p.isAlive()) {
                p.destroy();
                if (!p.waitFor(3, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
        processes.clear();
    }
}
